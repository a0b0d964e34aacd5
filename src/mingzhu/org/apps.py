from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps


def _sync_roles(sender, **kwargs):
    from django.apps import apps

    # After the last app's permissions exist, so every default can be granted.
    if sender.label == list(apps.get_app_configs())[-1].label:
        from .roles import sync_roles

        sync_roles()


class OrgConfig(apps.ModuleConfig):
    verbose_name = _("Organisation")
    # The sign-in and sign-out signals that keep the online-user list.
    registers = ("sessions",)

    def ready(self) -> None:
        super().ready()

        post_migrate.connect(_sync_roles, dispatch_uid="mingzhu_sync_roles")
