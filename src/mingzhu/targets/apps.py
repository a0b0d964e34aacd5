from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions("targets", view="indicator target observation")
ENTER = READ | apps.permissions("targets", add_change="observation")


class TargetsConfig(apps.ModuleConfig):
    verbose_name = _("Targets")
    grants = {
        (RoleCode.LEADER, RoleCode.SUPERVISOR): READ,
        (RoleCode.DEPT_STAFF, RoleCode.TOWN_STAFF, RoleCode.STATISTICIAN): ENTER,
        RoleCode.ADMIN: READ | apps.permissions("targets", add_change="indicator target"),
    }
