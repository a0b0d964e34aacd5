from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions(
    "projects",
    view="project stagechange investmentplan monthlyinvestment factorrequest factorroute "
    "inspection inspectionscore",
)
# A town keeps its own projects: enters them, moves them on, reports investment and
# raises factor requests.
TOWN = READ | apps.permissions(
    "projects",
    "advance_project",
    add_change="project investmentplan monthlyinvestment factorrequest",
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
        RoleCode.ADMIN: KEEP_ROUTES,
    }
