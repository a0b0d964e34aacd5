from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("notify", _("Notices"), "bell", 950)
menu.listing(_("Channels"), "channel", "broadcast")
menu.listing(_("Delivery log"), "delivery", "send-check")
menu.listing(_("Scheduled jobs"), "job", "alarm")
menu.listing(_("Notice preferences"), "preference", "sliders")
