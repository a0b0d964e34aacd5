from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from django.apps import apps

    # After the last app's permissions exist, so every default can be granted.
    if sender.label == list(apps.get_app_configs())[-1].label:
        from .roles import sync_roles

        sync_roles()


class OrgConfig(AppConfig):
    name = "mingzhu.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from . import menu  # noqa: F401

        post_migrate.connect(_sync_roles, dispatch_uid="mingzhu_sync_roles")
