from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

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


class RuralConfig(apps.ModuleConfig):
    name = "mingzhu.rural"
    verbose_name = _("Rural revitalisation")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.AGRICULTURE: AGRICULTURE,
            RoleCode.TOWN_STAFF: TOWN,
            RoleCode.VILLAGE_STAFF: VILLAGE,
            RoleCode.GRID_WORKER: GRID_WORKER,
            RoleCode.LEADER: READ,
            RoleCode.SUPERVISOR: READ,
            RoleCode.ORGANISATION: ORGANISATION,
        }
