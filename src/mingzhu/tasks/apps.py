from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions("tasks", view="task tasklist taskevent attachment")
HANDLE = READ | apps.permissions("tasks", change="task", view="supervisionsheet")
ISSUE = HANDLE | apps.permissions("tasks", add="task tasklist", change="tasklist", verify="task")
FOLLOW = apps.permissions("tasks", view="task taskevent")


class TasksConfig(apps.ModuleConfig):
    name = "mingzhu.tasks"
    verbose_name = _("Tasks")
    grants = {
        RoleCode.SUPERVISOR: ISSUE,
        RoleCode.LEADER: ISSUE,
        RoleCode.DEPT_STAFF: HANDLE,
        RoleCode.TOWN_STAFF: HANDLE,
        RoleCode.GRID_WORKER: FOLLOW,
        RoleCode.ENTERPRISE: FOLLOW,
    }
