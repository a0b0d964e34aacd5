from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = {
    "projects.view_project",
    "projects.view_stagechange",
    "projects.view_investmentplan",
    "projects.view_monthlyinvestment",
    "projects.view_factorrequest",
    "projects.view_factorroute",
    "projects.view_inspection",
    "projects.view_inspectionscore",
}
# A town keeps its own projects: enters them, moves them on, reports investment and
# raises factor requests.
TOWN = READ | {
    "projects.add_project",
    "projects.change_project",
    "projects.advance_project",
    "projects.add_investmentplan",
    "projects.change_investmentplan",
    "projects.add_monthlyinvestment",
    "projects.change_monthlyinvestment",
    "projects.add_factorrequest",
    "projects.change_factorrequest",
}
INSPECT = {
    "projects.add_inspection",
    "projects.change_inspection",
    "projects.add_inspectionscore",
    "projects.change_inspectionscore",
}
# The supervision office runs the project work city-wide and dispatches factor requests.
OFFICE = (
    TOWN
    | INSPECT
    | {
        "projects.delete_project",
        "projects.delete_inspection",
        "projects.dispatch_factorrequest",
        "projects.add_factorroute",
        "projects.change_factorroute",
    }
)


class ProjectsConfig(apps.ModuleConfig):
    name = "mingzhu.projects"
    verbose_name = _("Projects")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.LEADER: READ | INSPECT,
            RoleCode.SUPERVISOR: OFFICE,
            RoleCode.TOWN_STAFF: TOWN,
            RoleCode.DEPT_STAFF: READ,
            RoleCode.ADMIN: {
                "projects.view_factorroute",
                "projects.add_factorroute",
                "projects.change_factorroute",
            },
        }
