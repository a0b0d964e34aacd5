from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "tasks",
    _("Tasks"),
    "list-check",
    200,
    [
        # The ledger, the inbox and the metrics are the working units'; those who only
        # follow the tasks raised for them (an enterprise, a grid worker) reach each from
        # the record that raised it.
        MenuItem(_("My inbox"), "tasks:inbox", "inbox", "tasks.change_task"),
        MenuItem(_("Task ledger"), "tasks:task_list", "list-check", "tasks.change_task"),
        listing(_("Task lists"), "tasks.tasklist", "card-list"),
        listing(_("Supervision sheets"), "tasks.supervisionsheet", "flag"),
        MenuItem(_("Unit metrics"), "tasks:metrics", "bar-chart", "tasks.change_task"),
    ],
)

# The working-day calendar beside the org tree: the administrator keeps both.
register(
    "org",
    _("Organisation"),
    "diagram-3",
    900,
    [listing(_("Holiday arrangements"), "tasks.holidayyear", "calendar-week")],
)
