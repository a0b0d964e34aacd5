from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

DEFAULT_ACTIONS = ("view", "add", "change", "delete")


def permissions(app: str, *codenames: str, **models: str) -> set[str]:
    """Permission names of one app, for a role's grants.

    Each keyword names one or more actions joined by ``_`` and gives the models (model
    names, separated by spaces) it applies to; ``every`` stands for the four default
    actions. Positional arguments are codenames of the app's own permissions as they are.
    ``permissions("grid", "close_gridevent", view="gridevent campaign", add_change="campaign")``
    gives ``grid.close_gridevent``, ``grid.view_gridevent``, ``grid.view_campaign``,
    ``grid.add_campaign`` and ``grid.change_campaign``. The system check ``mingzhu.E005``
    refuses a name that no model of the app defines.
    """
    names = {f"{app}.{codename}" for codename in codenames}
    for actions, listed in models.items():
        verbs = DEFAULT_ACTIONS if actions == "every" else actions.split("_")
        names |= {f"{app}.{verb}_{model}" for verb in verbs for model in listed.split()}
    return names


class ModuleConfig(AppConfig):
    """The configuration of one of the platform's modules.

    Its ``name`` is the package its ``apps.py`` is in. On start-up the module's
    submodules that register themselves when imported are imported: those of
    ``DISCOVERED`` it has (its menu, cockpit panels, system checks, and its actions with
    their source-reviewer rule), then those ``registers`` names besides. ``grants`` says
    what the module adds to the default roles (a role code, or a tuple of role codes
    given the same, → permission names), merged into the role table that
    ``mingzhu.org.roles`` syncs on ``migrate``. A module's ``apps.py`` imports this
    module (``from mingzhu.core import apps``), not the class, so that Django finds one
    configuration there.
    """

    DISCOVERED = ("menu", "cockpit", "checks", "actions")

    registers: tuple[str, ...] = ()

    # What the module adds to the default roles: role code(s) → permission names.
    grants: dict[str | tuple[str, ...], set[str]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            cls.name = cls.__module__.rpartition(".")[0]

    def ready(self) -> None:
        from mingzhu.org.roles import ROLE_PERMISSIONS

        for submodule in self.DISCOVERED:
            if module_has_submodule(self.module, submodule):
                import_module(f"{self.name}.{submodule}")
        for submodule in self.registers:
            import_module(f"{self.name}.{submodule}")
        for roles, names in self.grants.items():
            for role in (roles,) if isinstance(roles, str) else roles:
                ROLE_PERMISSIONS[role] |= names


class CoreConfig(ModuleConfig):
    default = True  # of the two configurations this module defines
    verbose_name = _("Core")

    def ready(self) -> None:
        super().ready()
        from django.db.models.signals import post_migrate

        post_migrate.connect(_cache_tables, sender=self, dispatch_uid="mingzhu_cache_tables")
        # Writes invalidate the figures computed from their app (core.cache).
        from .cache import connect

        connect()
        # Choice labels shown from a map made once per language (core.tables).
        from .tables import install_displays

        install_displays()
        # Large imports run on the worker (core.importjobs).
        from .importjobs import register

        register()


def _cache_tables(sender, using="default", **kwargs) -> None:
    """The database caches' tables (the shared cache's, the one-time form tokens'), made
    on every migrate."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
