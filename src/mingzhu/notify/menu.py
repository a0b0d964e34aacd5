from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import listing, register

register(
    "notify",
    _("Notices"),
    "bell",
    950,
    [
        listing(_("Channels"), "notify.channel", "broadcast"),
        listing(_("Delivery log"), "notify.delivery", "send-check"),
        listing(_("Scheduled jobs"), "notify.job", "alarm"),
        listing(_("Notice preferences"), "notify.preference", "sliders"),
    ],
)
