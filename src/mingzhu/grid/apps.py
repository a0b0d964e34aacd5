from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions("grid", view="gridevent campaign eventcategory")


class GridConfig(apps.ModuleConfig):
    verbose_name = _("Grid events")
    grants = {
        RoleCode.GRID_WORKER: READ | apps.permissions("grid", add="gridevent"),
        RoleCode.SUPERVISOR: READ
        | apps.permissions("grid", change="gridevent", add_change="campaign eventcategory"),
        (RoleCode.LEADER, RoleCode.TOWN_STAFF, RoleCode.DEPT_STAFF): READ,
    }
