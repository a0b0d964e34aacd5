from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions("tasks", view="task tasklist taskevent attachment")
HANDLE = READ | apps.permissions("tasks", change="task", view="supervisionsheet")
ISSUE = HANDLE | apps.permissions("tasks", add="task tasklist", change="tasklist", verify="task")
FOLLOW = apps.permissions("tasks", view="task taskevent")


class TasksConfig(apps.ModuleConfig):
    verbose_name = _("Tasks")
    grants = {
        (RoleCode.SUPERVISOR, RoleCode.LEADER): ISSUE,
        (RoleCode.DEPT_STAFF, RoleCode.TOWN_STAFF): HANDLE,
        (RoleCode.GRID_WORKER, RoleCode.ENTERPRISE): FOLLOW,
        # The holiday arrangement (节假日安排) is the administrator's to keep.
        RoleCode.ADMIN: apps.permissions("tasks", every="holidayyear holidayday"),
    }

    def ready(self) -> None:
        super().ready()
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import calendar, memo, services
        from .models import HolidayDay, HolidayYear

        services.use_calendar(calendar.current)
        memo.connect()
        for model in (HolidayYear, HolidayDay):
            for signal in (post_save, post_delete):
                signal.connect(calendar.changed, sender=model, dispatch_uid=f"calendar_{model}")
        post_migrate.connect(calendar.seed_if_empty, dispatch_uid="mingzhu_seed_calendar")
