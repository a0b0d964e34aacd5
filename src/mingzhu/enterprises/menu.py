from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "enterprises",
    _("Enterprises"),
    "building",
    400,
    [
        listing(_("Enterprises"), "enterprises.enterprise", "buildings"),
        MenuItem(
            _("Per-mu evaluation"), "enterprises:results", "award", "enterprises.view_muresult"
        ),
        listing(_("Visits"), "enterprises.visit", "person-walking"),
        listing(_("Enterprise demands"), "enterprises.demand", "chat-square-text"),
        MenuItem(_("Demand rates"), "enterprises:rates", "graph-up", "enterprises.view_demand"),
        MenuItem(
            _("Evaluation schemes"),
            "enterprises:muscheme_list",
            "sliders",
            "enterprises.change_muscheme",
        ),
    ],
)
