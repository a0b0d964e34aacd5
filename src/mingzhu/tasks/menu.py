from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("tasks", _("Tasks"), "list-check", 200)
# The ledger, the inbox and the metrics are the working units'; those who only
# follow the tasks raised for them (an enterprise, a grid worker) reach each from
# the record that raised it.
menu.page(_("My inbox"), "inbox", "inbox", "change_task")
menu.listing(_("Task ledger"), "task", "list-check", needs="change")
menu.listing(_("Task lists"), "tasklist", "card-list")
menu.listing(_("Supervision sheets"), "supervisionsheet", "flag")
menu.page(_("Unit metrics"), "metrics", "bar-chart", "change_task")

# The working-day calendar beside the org tree: the administrator keeps both.
org_menu = Menu("org", _("Organisation"), "diagram-3", 900, app="tasks")
org_menu.listing(_("Holiday arrangements"), "holidayyear", "calendar-week")
