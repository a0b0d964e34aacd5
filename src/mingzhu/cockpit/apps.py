from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps


class CockpitConfig(apps.ModuleConfig):
    verbose_name = _("Cockpit")
    registers = ("builtin",)
