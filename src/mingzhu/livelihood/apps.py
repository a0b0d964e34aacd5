from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(*names: str) -> set[str]:
    return {f"livelihood.{n}" for n in names}


REQUEST_READ = _perms("view_citizenrequest", "view_callback", "view_requestevent")
CONFIG_READ = _perms("view_requestcategory", "view_timelimit", "view_rateweights")
HOUSEHOLD_READ = _perms("view_monitoredhousehold", "view_assistancemeasure", "view_monitoringline")
FUND_READ = _perms("view_mutualaidfund", "view_fundentry")
COVERAGE_READ = _perms("view_coveragerecord", "view_coveragetarget")
READ_ALL = REQUEST_READ | CONFIG_READ | HOUSEHOLD_READ | FUND_READ | COVERAGE_READ

DESK = (
    REQUEST_READ
    | CONFIG_READ
    | _perms(
        "add_citizenrequest",
        "change_citizenrequest",
        "reveal_requester",
        "add_requestcategory",
        "change_requestcategory",
        "change_timelimit",
        "change_rateweights",
        "add_rateweights",
        "add_dispatchmodel",
        "train_dispatchmodel",
        "view_personaldataaccess",
    )
    | {"tasks.add_task", "tasks.verify_task"}
)
AGRICULTURE = (
    HOUSEHOLD_READ
    | FUND_READ
    | COVERAGE_READ
    | _perms(
        "add_monitoredhousehold",
        "change_monitoredhousehold",
        "reveal_id_number",
        "review_elimination",
        "add_assistancemeasure",
        "add_monitoringline",
        "change_monitoringline",
        "view_personaldataaccess",
    )
    | {"tasks.add_task", "tasks.verify_task"}
)
TOWN = (
    REQUEST_READ
    | HOUSEHOLD_READ
    | FUND_READ
    | COVERAGE_READ
    | _perms("add_monitoredhousehold", "change_monitoredhousehold", "approve_fundentry")
)
VILLAGE = (
    REQUEST_READ
    | HOUSEHOLD_READ
    | FUND_READ
    | COVERAGE_READ
    | _perms("add_monitoredhousehold", "change_monitoredhousehold", "add_fundentry")
    # A village handles the tasks it leads (requests dispatched to it, coverage follow-ups).
    | {"tasks.view_task", "tasks.view_taskevent", "tasks.change_task"}
)
SUPERVISION = READ_ALL | _perms(
    "add_coveragerecord",
    "change_coveragerecord",
    "add_coveragetarget",
    "change_coveragetarget",
    "view_personaldataaccess",
)


class LivelihoodConfig(AppConfig):
    name = "mingzhu.livelihood"
    label = "livelihood"
    verbose_name = _("Livelihood")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS

        from . import menu  # noqa: F401

        ROLE_PERMISSIONS[RoleCode.INTAKE_DESK] |= DESK
        ROLE_PERMISSIONS[RoleCode.AGRICULTURE] |= AGRICULTURE
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= TOWN
        ROLE_PERMISSIONS[RoleCode.VILLAGE_STAFF] |= VILLAGE
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= REQUEST_READ
        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= SUPERVISION
        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ_ALL | _perms("view_personaldataaccess")
        ROLE_PERMISSIONS[RoleCode.STATISTICIAN] |= COVERAGE_READ
