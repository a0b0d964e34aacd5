from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModuleConfig(AppConfig):
    """The configuration of one of the platform's modules.

    ``registers`` names the module's submodules that register themselves when imported
    (the menu, cockpit panels, system checks); ``grants()`` says what the module adds to
    the default roles (role code → permission names), merged into the role table that
    ``mingzhu.org.roles`` syncs on ``migrate``. A module's ``apps.py`` imports this
    module (``from mingzhu.core import apps``), not the class, so that Django finds one
    configuration there.
    """

    registers: tuple[str, ...] = ("menu",)

    def grants(self) -> dict[str, set[str]]:
        return {}

    def ready(self) -> None:
        from mingzhu.org.roles import ROLE_PERMISSIONS

        for submodule in self.registers:
            import_module(f"{self.name}.{submodule}")
        for role, permissions in self.grants().items():
            ROLE_PERMISSIONS[role] |= permissions


class CoreConfig(ModuleConfig):
    default = True  # of the two configurations this module defines
    name = "mingzhu.core"
    verbose_name = _("Core")
    registers = ("checks",)
