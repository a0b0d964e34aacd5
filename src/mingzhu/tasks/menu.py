from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "tasks",
    _("Tasks"),
    "list-check",
    200,
    [
        MenuItem(_("My inbox"), "tasks:inbox", "inbox", "tasks.view_task"),
        MenuItem(_("Task ledger"), "tasks:task_list", "list-check", "tasks.view_task"),
        MenuItem(_("Task lists"), "tasks:tasklist_list", "card-list", "tasks.view_tasklist"),
        MenuItem(
            _("Supervision sheets"),
            "tasks:supervisionsheet_list",
            "flag",
            "tasks.view_supervisionsheet",
        ),
        MenuItem(_("Unit metrics"), "tasks:metrics", "bar-chart", "tasks.view_task"),
    ],
)
