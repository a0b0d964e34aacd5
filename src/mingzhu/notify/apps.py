from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode


class NotifyConfig(apps.ModuleConfig):
    verbose_name = _("Notices")
    # The outbox listens to the engine's notices once the module is loaded.
    registers = ("outbox",)
    grants = {
        RoleCode.ADMIN: apps.permissions(
            "notify",
            every="channel preference",
            view="delivery jobrun",
            view_change="job",
        ),
    }
