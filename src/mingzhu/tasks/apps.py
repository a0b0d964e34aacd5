from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

READ = {"tasks.view_task", "tasks.view_tasklist", "tasks.view_taskevent", "tasks.view_attachment"}
HANDLE = READ | {"tasks.change_task", "tasks.view_supervisionsheet"}
ISSUE = HANDLE | {
    "tasks.add_task",
    "tasks.add_tasklist",
    "tasks.change_tasklist",
    "tasks.verify_task",
}


class TasksConfig(AppConfig):
    name = "mingzhu.tasks"
    label = "tasks"
    verbose_name = _("Tasks")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS

        from . import menu  # noqa: F401

        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= ISSUE
        ROLE_PERMISSIONS[RoleCode.LEADER] |= ISSUE
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= HANDLE
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= HANDLE
        ROLE_PERMISSIONS[RoleCode.GRID_WORKER] |= {"tasks.view_task", "tasks.view_taskevent"}
        ROLE_PERMISSIONS[RoleCode.ENTERPRISE] |= {"tasks.view_task", "tasks.view_taskevent"}
