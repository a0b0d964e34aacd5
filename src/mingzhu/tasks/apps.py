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


class TasksConfig(apps.ModuleConfig):
    name = "mingzhu.tasks"
    verbose_name = _("Tasks")

    def grants(self):
        return {
            RoleCode.SUPERVISOR: ISSUE,
            RoleCode.LEADER: ISSUE,
            RoleCode.DEPT_STAFF: HANDLE,
            RoleCode.TOWN_STAFF: HANDLE,
            RoleCode.GRID_WORKER: {"tasks.view_task", "tasks.view_taskevent"},
            RoleCode.ENTERPRISE: {"tasks.view_task", "tasks.view_taskevent"},
        }
