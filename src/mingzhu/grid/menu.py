from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("grid", _("Grid"), "grid-3x3", 300)
menu.page(_("Report an event"), "gridevent_add", "camera", "add_gridevent")
menu.listing(_("Grid events"), "gridevent", "geo-alt")
menu.listing(_("Campaigns"), "campaign", "megaphone")
menu.page(_("Event metrics"), "metrics", "bar-chart", "view_gridevent")
menu.listing(_("Event categories"), "eventcategory", "tags", needs="change")
