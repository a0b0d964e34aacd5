from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode


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


class LivelihoodConfig(apps.ModuleConfig):
    name = "mingzhu.livelihood"
    verbose_name = _("Livelihood")

    def grants(self):
        return {
            RoleCode.INTAKE_DESK: DESK,
            RoleCode.AGRICULTURE: AGRICULTURE,
            RoleCode.TOWN_STAFF: TOWN,
            RoleCode.VILLAGE_STAFF: VILLAGE,
            RoleCode.DEPT_STAFF: REQUEST_READ,
            RoleCode.SUPERVISOR: SUPERVISION,
            RoleCode.LEADER: READ_ALL | _perms("view_personaldataaccess"),
            RoleCode.STATISTICIAN: COVERAGE_READ,
        }

    def ready(self) -> None:
        super().ready()
        from mingzhu.tasks.actions import SOURCE_REVIEWERS
        from mingzhu.tasks.choices import SourceKind

        from .actions import rates_task

        SOURCE_REVIEWERS[SourceKind.CITIZEN_REQUEST] = rates_task
