from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("rural", _("Rural revitalisation"), "tree", 500)
menu.page(_("Living environment"), "environment", "house-check", "view_remediation")
menu.listing(_("Village inspections"), "villageinspection", "clipboard-check")
menu.page(_("Quarterly ranking"), "ranking", "trophy", "view_villageinspection")
menu.page(_("Scoring sheets"), "scoringsheet_list", "list-check", "add_scoringsheet")
menu.listing(_("Facilities"), "facility", "lamp")
menu.page(_("Report a facility fault"), "facilityfault_add", "tools", "add_facilityfault")
menu.listing(_("Facility faults"), "facilityfault", "wrench")
menu.page(_("Facility statistics"), "facility_stats", "bar-chart", "view_facility")
menu.page(_("Facility types"), "facilitytype_list", "tags", "change_facilitytype")
menu.page(_("Maintainers"), "maintainer_list", "people", "change_maintainer")
menu.listing(_("Secretary projects"), "secretaryplan", "flag")
