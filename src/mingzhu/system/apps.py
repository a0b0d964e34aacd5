from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode


class SystemConfig(apps.ModuleConfig):
    verbose_name = _("System")
    registers = ("signals",)
    grants = {
        RoleCode.ADMIN: apps.permissions(
            "system",
            every="notice",
            view_change="parametervalue apitoken",
            view_add_change="dictionaryentry",
        ),
        # The supervision office posts notices to the units it supervises.
        RoleCode.SUPERVISOR: apps.permissions("system", every="notice"),
    }
