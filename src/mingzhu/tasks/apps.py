from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = {"tasks.view_task", "tasks.view_tasklist", "tasks.view_taskevent", "tasks.view_attachment"}
HANDLE = READ | {"tasks.change_task", "tasks.view_supervisionsheet"}
ISSUE = HANDLE | {
    "tasks.add_task",
    "tasks.add_tasklist",
    "tasks.change_tasklist",
    "tasks.verify_task",
}


# The holiday arrangement (节假日安排) is the administrator's to keep.
CALENDAR = {
    f"tasks.{action}_{model}"
    for action in ("view", "add", "change", "delete")
    for model in ("holidayyear", "holidayday")
}


class TasksConfig(apps.ModuleConfig):
    name = "mingzhu.tasks"
    verbose_name = _("Tasks")
    registers = ("menu", "checks")

    def ready(self) -> None:
        super().ready()
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import calendar, services
        from .models import HolidayDay, HolidayYear

        services.use_calendar(calendar.current)
        for model in (HolidayYear, HolidayDay):
            for signal in (post_save, post_delete):
                signal.connect(calendar.changed, sender=model, dispatch_uid=f"calendar_{model}")
        post_migrate.connect(calendar.seed_if_empty, dispatch_uid="mingzhu_seed_calendar")

    def grants(self):
        return {
            RoleCode.SUPERVISOR: ISSUE,
            RoleCode.LEADER: ISSUE,
            RoleCode.DEPT_STAFF: HANDLE,
            RoleCode.TOWN_STAFF: HANDLE,
            RoleCode.GRID_WORKER: {"tasks.view_task", "tasks.view_taskevent"},
            RoleCode.ENTERPRISE: {"tasks.view_task", "tasks.view_taskevent"},
            RoleCode.ADMIN: CALENDAR,
        }
