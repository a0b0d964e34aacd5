from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

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
        listing(_("Village inspections"), "rural.villageinspection", "clipboard-check"),
        MenuItem(_("Quarterly ranking"), "rural:ranking", "trophy", "rural.view_villageinspection"),
        MenuItem(
            _("Scoring sheets"), "rural:scoringsheet_list", "list-check", "rural.add_scoringsheet"
        ),
        listing(_("Facilities"), "rural.facility", "lamp"),
        MenuItem(
            _("Report a facility fault"),
            "rural:facilityfault_add",
            "tools",
            "rural.add_facilityfault",
        ),
        listing(_("Facility faults"), "rural.facilityfault", "wrench"),
        MenuItem(
            _("Facility statistics"), "rural:facility_stats", "bar-chart", "rural.view_facility"
        ),
        MenuItem(
            _("Facility types"), "rural:facilitytype_list", "tags", "rural.change_facilitytype"
        ),
        MenuItem(_("Maintainers"), "rural:maintainer_list", "people", "rural.change_maintainer"),
        listing(_("Secretary projects"), "rural.secretaryplan", "flag"),
    ],
)
