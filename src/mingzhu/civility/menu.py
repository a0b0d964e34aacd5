from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "civility",
    _("Civilised city"),
    "award",
    710,
    [
        listing(_("Creation applications"), "civility.application", "award"),
        listing(_("Volunteer activities"), "civility.volunteeractivity", "heart"),
        MenuItem(
            _("Activities calendar"),
            "civility:calendar",
            "calendar3",
            "civility.view_volunteeractivity",
        ),
        MenuItem(
            _("Volunteer hours"), "civility:hours", "hourglass", "civility.view_participation"
        ),
        MenuItem(
            _("Civilised city creation tasks"),
            "civility:campaign",
            "list-check",
            "civility.view_application",
        ),
        MenuItem(
            _("Creation categories"),
            "civility:category_list",
            "tags",
            "civility.change_category",
        ),
    ],
)
