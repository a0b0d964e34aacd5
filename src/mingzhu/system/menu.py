from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "system",
    _("System administration"),
    "gear",
    990,
    [
        MenuItem(_("Notice board"), "system:notice_board", "megaphone"),
        listing(_("Manage notices"), "system.notice", "pencil-square"),
        MenuItem(
            _("System parameters"), "system:parameters", "sliders", "system.view_parametervalue"
        ),
        MenuItem(
            _("Dictionaries"), "system:dictionaries", "journal-text", "system.view_dictionaryentry"
        ),
        MenuItem(_("My API tokens"), "system:token_list", "key"),
        listing(_("All API tokens"), "system.apitoken", "shield-lock"),
    ],
)
