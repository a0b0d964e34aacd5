from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("enterprises", _("Enterprises"), "building", 400)
menu.listing(_("Enterprises"), "enterprise", "buildings")
menu.page(_("Per-mu evaluation"), "results", "award", "view_muresult")
menu.listing(_("Visits"), "visit", "person-walking")
menu.listing(_("Enterprise demands"), "demand", "chat-square-text")
menu.page(_("Demand rates"), "rates", "graph-up", "view_demand")
menu.listing(_("Evaluation schemes"), "muscheme", "sliders", needs="change")
