from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = {
    "enterprises.view_enterprise",
    "enterprises.view_annualdata",
    "enterprises.view_muresult",
    "enterprises.view_muevaluation",
    "enterprises.view_muscheme",
    "enterprises.view_visit",
    "enterprises.view_demand",
    "enterprises.view_demandrating",
}
TOWN = READ | {"enterprises.add_visit", "enterprises.add_demand"}
INDUSTRY = TOWN | {
    "enterprises.add_enterprise",
    "enterprises.change_enterprise",
    "enterprises.add_annualdata",
    "enterprises.change_annualdata",
    "enterprises.add_muscheme",
    "enterprises.change_muscheme",
    "enterprises.run_muevaluation",
    "enterprises.change_visit",
    "enterprises.dispatch_demand",
    "enterprises.rate_demand",
    # Dispatching a demand creates and assigns its task through the task engine, which
    # asks for these; the task pages stay limited by the department's own scope.
    "tasks.add_task",
    "tasks.verify_task",
}
ENTERPRISE = READ - {"enterprises.view_muscheme"} | {
    "enterprises.add_demand",
    "enterprises.rate_demand",
}
# Departments see the demands handed to them (through their tasks).
DEPARTMENT = {"enterprises.view_demand", "enterprises.view_demandrating"}


class EnterprisesConfig(apps.ModuleConfig):
    name = "mingzhu.enterprises"
    verbose_name = _("Enterprises")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.INDUSTRY: INDUSTRY,
            RoleCode.LEADER: READ,
            RoleCode.SUPERVISOR: READ,
            RoleCode.TOWN_STAFF: TOWN,
            RoleCode.DEPT_STAFF: DEPARTMENT,
            RoleCode.ENTERPRISE: ENTERPRISE,
        }

    def ready(self) -> None:
        super().ready()
        from mingzhu.appraisal.inputs import SATISFACTION_SOURCES
        from mingzhu.tasks.actions import SOURCE_REVIEWERS
        from mingzhu.tasks.choices import SourceKind

        from .actions import rates_task
        from .demands import assessment_ratings

        SOURCE_REVIEWERS[SourceKind.DEMAND] = rates_task
        # The department assessment's 满意率 reads the enterprises' ratings of replies.
        SATISFACTION_SOURCES[SourceKind.DEMAND] = assessment_ratings
