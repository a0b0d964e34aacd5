from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "tasks",
    _("Tasks"),
    "list-check",
    200,
    [
        MenuItem(_("My inbox"), "tasks:inbox", "inbox", "tasks.view_task"),
        listing(_("Task ledger"), "tasks.task", "list-check"),
        listing(_("Task lists"), "tasks.tasklist", "card-list"),
        listing(_("Supervision sheets"), "tasks.supervisionsheet", "flag"),
        MenuItem(_("Unit metrics"), "tasks:metrics", "bar-chart", "tasks.view_task"),
    ],
)
