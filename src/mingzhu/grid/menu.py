from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "grid",
    _("Grid"),
    "grid-3x3",
    300,
    [
        MenuItem(_("Report an event"), "grid:gridevent_add", "camera", "grid.add_gridevent"),
        listing(_("Grid events"), "grid.gridevent", "geo-alt"),
        listing(_("Campaigns"), "grid.campaign", "megaphone"),
        MenuItem(_("Event metrics"), "grid:metrics", "bar-chart", "grid.view_gridevent"),
        MenuItem(
            _("Event categories"),
            "grid:eventcategory_list",
            "tags",
            "grid.change_eventcategory",
        ),
    ],
)
