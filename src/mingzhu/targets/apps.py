from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

READ = {"targets.view_indicator", "targets.view_target", "targets.view_observation"}
ENTER = READ | {"targets.add_observation", "targets.change_observation"}
MANAGE = READ | {
    "targets.add_indicator",
    "targets.change_indicator",
    "targets.add_target",
    "targets.change_target",
}


class TargetsConfig(AppConfig):
    name = "mingzhu.targets"
    label = "targets"
    verbose_name = _("Targets")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS

        from . import cockpit, menu  # noqa: F401

        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ
        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= READ
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= ENTER
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= ENTER
        ROLE_PERMISSIONS[RoleCode.ADMIN] |= MANAGE
        ROLE_PERMISSIONS[RoleCode.STATISTICIAN] |= ENTER
