from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "rural",
    _("Rural revitalisation"),
    "tree",
    500,
    [
        MenuItem(
            _("Living environment"),
            "rural:environment",
            "house-check",
            "rural.view_remediation",
        ),
        MenuItem(
            _("Village inspections"),
            "rural:villageinspection_list",
            "clipboard-check",
            "rural.view_villageinspection",
        ),
        MenuItem(_("Quarterly ranking"), "rural:ranking", "trophy", "rural.view_villageinspection"),
        MenuItem(
            _("Scoring sheets"), "rural:scoringsheet_list", "list-check", "rural.add_scoringsheet"
        ),
        MenuItem(_("Facilities"), "rural:facility_list", "lamp", "rural.view_facility"),
        MenuItem(
            _("Report a facility fault"),
            "rural:facilityfault_add",
            "tools",
            "rural.add_facilityfault",
        ),
        MenuItem(
            _("Facility faults"), "rural:facilityfault_list", "wrench", "rural.view_facilityfault"
        ),
        MenuItem(
            _("Facility statistics"), "rural:facility_stats", "bar-chart", "rural.view_facility"
        ),
        MenuItem(
            _("Facility types"), "rural:facilitytype_list", "tags", "rural.change_facilitytype"
        ),
        MenuItem(_("Maintainers"), "rural:maintainer_list", "people", "rural.change_maintainer"),
        MenuItem(
            _("Secretary projects"),
            "rural:secretaryplan_list",
            "flag",
            "rural.view_secretaryplan",
        ),
    ],
)
