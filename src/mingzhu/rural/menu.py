from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("rural", _("Rural revitalisation"), "tree", 500)
menu.page(_("Living environment"), "environment", "house-check", "view_remediation")
menu.listing(_("Village inspections"), "villageinspection", "clipboard-check")
menu.page(_("Quarterly ranking"), "ranking", "trophy", "view_villageinspection")
menu.listing(_("Scoring sheets"), "scoringsheet", "list-check", needs="add")
menu.listing(_("Facilities"), "facility", "lamp")
menu.page(_("Report a facility fault"), "facilityfault_add", "tools", "add_facilityfault")
menu.listing(_("Facility faults"), "facilityfault", "wrench")
menu.page(_("Facility statistics"), "facility_stats", "bar-chart", "view_facility")
menu.listing(_("Facility types"), "facilitytype", "tags", needs="change")
menu.listing(_("Maintainers"), "maintainer", "people", needs="change")
menu.listing(_("Secretary projects"), "secretaryplan", "flag")
