from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps


class DemoConfig(apps.ModuleConfig):
    verbose_name = _("Demo data")
