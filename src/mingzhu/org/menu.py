from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "org",
    _("Organisation"),
    "diagram-3",
    900,
    [
        MenuItem(_("Org tree"), "org:orgunit_list", "diagram-3", "org.view_orgunit"),
        MenuItem(_("Users"), "org:user_list", "people", "org.view_user"),
        MenuItem(_("Change log"), "core:changelog", "clock-history", "auditlog.view_logentry"),
    ],
)
