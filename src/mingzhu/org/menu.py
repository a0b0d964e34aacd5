from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("org", _("Organisation"), "diagram-3", 900)
menu.listing(_("Org tree"), "orgunit", "diagram-3")
menu.listing(_("Unit aliases"), "unitalias", "tags")

# 系统管理: the administrator's pages (other modules add theirs to the same group).
system_menu = Menu("system", _("System administration"), "gear", 990, app="org")
system_menu.listing(_("Users"), "user", "people")
system_menu.listing(_("Roles"), "role", "person-badge")
system_menu.page(_("Online users"), "online_users", "broadcast", "view_usersession")
system_menu.page(_("Login log"), "login_log", "box-arrow-in-right", "axes.view_accesslog")
system_menu.page(_("Operation log"), "core:changelog", "clock-history", "auditlog.view_logentry")
