from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuralConfig(AppConfig):
    name = "mingzhu.rural"
    label = "rural"
    verbose_name = _("Rural revitalisation")
