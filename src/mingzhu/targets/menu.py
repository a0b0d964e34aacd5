from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "targets",
    _("Targets"),
    "bullseye",
    50,
    [
        MenuItem(_("Targets"), "targets:target_list", "bullseye", "targets.view_target"),
        MenuItem(_("Indicators"), "targets:indicator_list", "list-ol", "targets.view_indicator"),
        MenuItem(
            _("Observations"), "targets:observation_list", "table", "targets.view_observation"
        ),
        MenuItem(_("Peer comparison"), "targets:peers", "bar-chart", "targets.view_observation"),
    ],
)
