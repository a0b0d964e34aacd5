from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "targets",
    _("Targets"),
    "bullseye",
    50,
    [
        listing(_("Targets"), "targets.target", "bullseye"),
        listing(_("Indicators"), "targets.indicator", "list-ol"),
        listing(_("Observations"), "targets.observation", "table"),
        MenuItem(_("Peer comparison"), "targets:peers", "bar-chart", "targets.view_observation"),
    ],
)
