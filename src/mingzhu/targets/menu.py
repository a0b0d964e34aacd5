from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("targets", _("Targets"), "bullseye", 50)
menu.listing(_("Targets"), "target", "bullseye")
menu.listing(_("Indicators"), "indicator", "list-ol")
menu.listing(_("Observations"), "observation", "table")
menu.page(_("Peer comparison"), "peers", "bar-chart", "view_observation")
