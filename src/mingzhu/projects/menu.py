from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("projects", _("Projects"), "building", 150)
menu.listing(_("Project ledger"), "project", "list-ul")
menu.page(_("Project funnel"), "funnel", "funnel", "view_project")
menu.listing(_("Factor requests"), "factorrequest", "box-seam")
menu.listing(_("Inspections"), "inspection", "binoculars")
menu.listing(_("Factor routes"), "factorroute", "signpost-split", needs="change")
