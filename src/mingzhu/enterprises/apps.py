from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

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


class EnterprisesConfig(AppConfig):
    name = "mingzhu.enterprises"
    label = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS
        from mingzhu.tasks.actions import SOURCE_REVIEWERS
        from mingzhu.tasks.choices import SourceKind

        from . import cockpit, menu  # noqa: F401
        from .actions import rates_task

        SOURCE_REVIEWERS[SourceKind.DEMAND] = rates_task

        ROLE_PERMISSIONS[RoleCode.INDUSTRY] |= INDUSTRY
        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ
        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= READ
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= TOWN
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= DEPARTMENT
        ROLE_PERMISSIONS[RoleCode.ENTERPRISE] |= ENTERPRISE
