from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "org",
    _("Organisation"),
    "diagram-3",
    900,
    [
        listing(_("Org tree"), "org.orgunit", "diagram-3"),
        listing(_("Unit aliases"), "org.unitalias", "tags"),
    ],
)

# 系统管理: the administrator's pages (other modules add theirs to the same group).
register(
    "system",
    _("System administration"),
    "gear",
    990,
    [
        listing(_("Users"), "org.user", "people"),
        listing(_("Roles"), "org.role", "person-badge"),
        MenuItem(_("Online users"), "org:online_users", "broadcast", "org.view_usersession"),
        MenuItem(_("Login log"), "org:login_log", "box-arrow-in-right", "axes.view_accesslog"),
        MenuItem(_("Operation log"), "core:changelog", "clock-history", "auditlog.view_logentry"),
    ],
)
