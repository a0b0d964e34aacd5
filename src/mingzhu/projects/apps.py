from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions(
    "projects",
    view="project stagechange investmentplan monthlyinvestment factorrequest factorroute "
    "inspection inspectionscore",
)
# Who records the annual plans and the months' completed investment (by hand or from the
# monthly progress sheet), for the projects whose town lies in the scope of these.
RECORD_INVESTMENT = apps.permissions("projects", add_change="investmentplan monthlyinvestment")
# A town keeps its own projects: enters them, moves them on, reports investment and
# raises factor requests.
TOWN = (
    READ
    | RECORD_INVESTMENT
    | apps.permissions("projects", "advance_project", add_change="project factorrequest")
)
# The office that keeps the key-project list for the whole city (发改委) reads the
# projects and compiles their monthly investment; the ledger itself stays the towns'.
KEY_PROJECTS = RECORD_INVESTMENT | apps.permissions(
    "projects", view="project stagechange investmentplan monthlyinvestment"
)
INSPECT = apps.permissions("projects", add_change="inspection inspectionscore")
KEEP_ROUTES = apps.permissions("projects", view_add_change="factorroute")


class ProjectsConfig(apps.ModuleConfig):
    verbose_name = _("Projects")
    grants = {
        RoleCode.LEADER: READ | INSPECT,
        # The supervision office runs the project work city-wide and dispatches factor
        # requests.
        RoleCode.SUPERVISOR: TOWN
        | INSPECT
        | KEEP_ROUTES
        | apps.permissions("projects", delete="project inspection", dispatch="factorrequest"),
        RoleCode.TOWN_STAFF: TOWN,
        RoleCode.DEPT_STAFF: READ,
        RoleCode.KEY_PROJECTS: KEY_PROJECTS,
        RoleCode.ADMIN: KEEP_ROUTES,
    }
