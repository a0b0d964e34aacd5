from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilityConfig(AppConfig):
    name = "mingzhu.civility"
    label = "civility"
    verbose_name = _("Civilised city")
