from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("livelihood", _("Livelihood"), "people", 450)
menu.listing(_("Citizen requests"), "citizenrequest", "telephone")
menu.page(_("Register a request"), "citizenrequest_add", "telephone-plus", "add_citizenrequest")
menu.page(_("Three rates"), "rates", "bar-chart", "view_citizenrequest")
menu.page(_("Hot spots"), "hotspots", "fire", "view_citizenrequest")
menu.page(_("Dispatch suggestion"), "classifier", "cpu", "add_citizenrequest")
menu.listing(_("Request categories"), "requestcategory", "tags", needs="change")
menu.listing(_("Monitored households"), "monitoredhousehold", "house-heart")
menu.listing(_("Mutual-aid funds"), "mutualaidfund", "piggy-bank")
menu.listing(_("Insurance coverage"), "coveragerecord", "shield-check")
menu.listing(_("Personal data accesses"), "personaldataaccess", "eye")
