from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = (
    "remediationprogramme",
    "remediation",
    "scoringsheet",
    "scoringitem",
    "villageinspection",
    "inspectionscore",
    "inspectionphoto",
    "facilitytype",
    "maintainer",
    "facility",
    "facilityfault",
    "secretaryplan",
)
READ = {f"rural.view_{m}" for m in MODELS}
# The agriculture bureau (农业农村局) runs the programme city-wide: it issues remediation
# and rectification tasks, dispatches repairs and verifies them through the task engine.
AGRICULTURE = (
    READ
    | {f"rural.{a}_{m}" for a in ("add", "change") for m in MODELS}
    | {"rural.review_secretaryplan", "tasks.add_task", "tasks.verify_task"}
)
REPORT_FAULTS = {"rural.add_facilityfault"}
TOWN = READ | REPORT_FAULTS | {"rural.add_facility", "rural.change_facility"}
# Villages handle the tasks led by them (remediation, rectification, repairs).
VILLAGE = (
    READ
    | REPORT_FAULTS
    | {
        "tasks.view_task",
        "tasks.view_tasklist",
        "tasks.view_taskevent",
        "tasks.view_attachment",
        "tasks.change_task",
    }
)
GRID_WORKER = REPORT_FAULTS | {"rural.view_facilityfault"}
# The organisation department holds the secretaries' year-end review (述职评议).
ORGANISATION = {"rural.view_secretaryplan", "rural.review_secretaryplan"}


class RuralConfig(AppConfig):
    name = "mingzhu.rural"
    label = "rural"
    verbose_name = _("Rural revitalisation")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS

        from . import cockpit, menu  # noqa: F401

        ROLE_PERMISSIONS[RoleCode.AGRICULTURE] |= AGRICULTURE
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= TOWN
        ROLE_PERMISSIONS[RoleCode.VILLAGE_STAFF] |= VILLAGE
        ROLE_PERMISSIONS[RoleCode.GRID_WORKER] |= GRID_WORKER
        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ
        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= READ
        ROLE_PERMISSIONS[RoleCode.ORGANISATION] |= ORGANISATION
