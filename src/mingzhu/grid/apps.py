from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = {"grid.view_gridevent", "grid.view_campaign", "grid.view_eventcategory"}
GRID_WORKER = READ | {"grid.add_gridevent"}
CENTRE = READ | {
    "grid.change_gridevent",
    "grid.add_campaign",
    "grid.change_campaign",
    "grid.add_eventcategory",
    "grid.change_eventcategory",
}


class GridConfig(apps.ModuleConfig):
    name = "mingzhu.grid"
    verbose_name = _("Grid events")

    def grants(self):
        return {
            RoleCode.GRID_WORKER: GRID_WORKER,
            RoleCode.SUPERVISOR: CENTRE,
            RoleCode.LEADER: READ,
            RoleCode.TOWN_STAFF: READ,
            RoleCode.DEPT_STAFF: READ,
        }

    def ready(self) -> None:
        super().ready()
        from mingzhu.tasks.actions import SOURCE_REVIEWERS
        from mingzhu.tasks.choices import SourceKind

        from .actions import rechecks_task

        SOURCE_REVIEWERS[SourceKind.GRID_EVENT] = rechecks_task
