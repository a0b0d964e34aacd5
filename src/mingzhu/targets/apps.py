from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = {"targets.view_indicator", "targets.view_target", "targets.view_observation"}
ENTER = READ | {"targets.add_observation", "targets.change_observation"}
MANAGE = READ | {
    "targets.add_indicator",
    "targets.change_indicator",
    "targets.add_target",
    "targets.change_target",
}


class TargetsConfig(apps.ModuleConfig):
    name = "mingzhu.targets"
    verbose_name = _("Targets")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.LEADER: READ,
            RoleCode.SUPERVISOR: READ,
            RoleCode.DEPT_STAFF: ENTER,
            RoleCode.TOWN_STAFF: ENTER,
            RoleCode.ADMIN: MANAGE,
            RoleCode.STATISTICIAN: ENTER,
        }
