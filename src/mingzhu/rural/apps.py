from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

MODELS = (
    "remediationprogramme remediation scoringsheet scoringitem villageinspection "
    "inspectionscore inspectionphoto facilitytype maintainer facility facilityfault secretaryplan"
)
READ = apps.permissions("rural", view=MODELS)
REPORT_FAULTS = apps.permissions("rural", add="facilityfault")


class RuralConfig(apps.ModuleConfig):
    verbose_name = _("Rural revitalisation")
    grants = {
        # The agriculture bureau (农业农村局) runs the programme city-wide: it issues
        # remediation and rectification tasks, dispatches repairs and verifies them through
        # the task engine.
        RoleCode.AGRICULTURE: apps.permissions(
            "rural", "review_secretaryplan", view_add_change=MODELS
        )
        | apps.permissions("tasks", add_verify="task"),
        RoleCode.TOWN_STAFF: READ
        | REPORT_FAULTS
        | apps.permissions("rural", add_change="facility"),
        # Villages handle the tasks led by them (remediation, rectification, repairs).
        RoleCode.VILLAGE_STAFF: READ
        | REPORT_FAULTS
        | apps.permissions("tasks", view="task tasklist taskevent attachment", change="task"),
        RoleCode.GRID_WORKER: REPORT_FAULTS | apps.permissions("rural", view="facilityfault"),
        (RoleCode.LEADER, RoleCode.SUPERVISOR): READ,
        # The organisation department holds the secretaries' year-end review (述职评议).
        RoleCode.ORGANISATION: apps.permissions("rural", view_review="secretaryplan"),
    }
