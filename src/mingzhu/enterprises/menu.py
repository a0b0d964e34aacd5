from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "enterprises",
    _("Enterprises"),
    "building",
    400,
    [
        MenuItem(
            _("Enterprises"),
            "enterprises:enterprise_list",
            "buildings",
            "enterprises.view_enterprise",
        ),
        MenuItem(
            _("Per-mu evaluation"), "enterprises:results", "award", "enterprises.view_muresult"
        ),
        MenuItem(_("Visits"), "enterprises:visit_list", "person-walking", "enterprises.view_visit"),
        MenuItem(
            _("Enterprise demands"),
            "enterprises:demand_list",
            "chat-square-text",
            "enterprises.view_demand",
        ),
        MenuItem(_("Demand rates"), "enterprises:rates", "graph-up", "enterprises.view_demand"),
        MenuItem(
            _("Evaluation schemes"),
            "enterprises:muscheme_list",
            "sliders",
            "enterprises.change_muscheme",
        ),
    ],
)
