from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

READ = {"grid.view_gridevent", "grid.view_campaign", "grid.view_eventcategory"}
GRID_WORKER = READ | {"grid.add_gridevent"}
CENTRE = READ | {
    "grid.change_gridevent",
    "grid.add_campaign",
    "grid.change_campaign",
    "grid.add_eventcategory",
    "grid.change_eventcategory",
}


class GridConfig(AppConfig):
    name = "mingzhu.grid"
    label = "grid"
    verbose_name = _("Grid events")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS
        from mingzhu.tasks.actions import SOURCE_REVIEWERS
        from mingzhu.tasks.choices import SourceKind

        from . import menu  # noqa: F401
        from .actions import rechecks_task

        SOURCE_REVIEWERS[SourceKind.GRID_EVENT] = rechecks_task

        ROLE_PERMISSIONS[RoleCode.GRID_WORKER] |= GRID_WORKER
        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= CENTRE
        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= READ
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= READ
