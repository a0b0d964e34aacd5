from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "org",
    _("Organisation"),
    "diagram-3",
    900,
    [
        listing(_("Org tree"), "org.orgunit", "diagram-3"),
        listing(_("Users"), "org.user", "people"),
        listing(_("Unit aliases"), "org.unitalias", "tags"),
        MenuItem(_("Change log"), "core:changelog", "clock-history", "auditlog.view_logentry"),
    ],
)
