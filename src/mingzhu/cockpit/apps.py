from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps


class CockpitConfig(apps.ModuleConfig):
    name = "mingzhu.cockpit"
    verbose_name = _("Cockpit")
    registers = ("builtin",)
