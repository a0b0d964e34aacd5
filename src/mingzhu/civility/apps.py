from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

MODELS = "category application objection volunteeractivity participation"
READ = apps.permissions("civility", view=f"{MODELS} applicationevent")
# Towns and villages apply for their units and families and log their volunteer work.
LOCAL = READ | apps.permissions(
    "civility",
    add="application",
    add_change="volunteeractivity",
    add_change_delete="participation",
)


class CivilityConfig(apps.ModuleConfig):
    verbose_name = _("Civilised city")
    grants = {
        # The civilisation office runs creation city-wide: it decides applications and
        # issues and checks off the creation campaign's tasks (its own view of tasks stays
        # its unit's). It reads the task lists it may change (a role never changes what it
        # cannot see: mingzhu.E006). An application's events, once written, stay as they are.
        RoleCode.CIVILISATION: apps.permissions(
            "civility", "decide_application", every=MODELS, view_add="applicationevent"
        )
        | apps.permissions("tasks", add="task tasklist", view_change="tasklist", verify="task"),
        RoleCode.LEADER: READ,
        (RoleCode.TOWN_STAFF, RoleCode.VILLAGE_STAFF): LOCAL,
    }
