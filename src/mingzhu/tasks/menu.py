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

# The working-day calendar beside the org tree: the administrator keeps both.
register(
    "org",
    _("Organisation"),
    "diagram-3",
    900,
    [listing(_("Holiday arrangements"), "tasks.holidayyear", "calendar-week")],
)
