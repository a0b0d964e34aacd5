from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions("targets", view="indicator target observation")
ENTER = READ | apps.permissions("targets", add_change="observation")


class TargetsConfig(apps.ModuleConfig):
    name = "mingzhu.targets"
    verbose_name = _("Targets")
    registers = ("cockpit", "menu")
    grants = {
        RoleCode.LEADER: READ,
        RoleCode.SUPERVISOR: READ,
        RoleCode.DEPT_STAFF: ENTER,
        RoleCode.TOWN_STAFF: ENTER,
        RoleCode.ADMIN: READ | apps.permissions("targets", add_change="indicator target"),
        RoleCode.STATISTICIAN: ENTER,
    }
