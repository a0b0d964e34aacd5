from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

MODELS = (
    "category",
    "application",
    "applicationevent",
    "objection",
    "volunteeractivity",
    "participation",
)
READ = {f"civility.view_{m}" for m in MODELS}
# Towns and villages apply for their units and families and log their volunteer work.
LOCAL = READ | {
    "civility.add_application",
    "civility.add_volunteeractivity",
    "civility.change_volunteeractivity",
    "civility.add_participation",
    "civility.change_participation",
    "civility.delete_participation",
}
# The civilisation office runs creation city-wide: it decides applications and issues and
# checks off the creation campaign's tasks (its own view of tasks stays its unit's).
CIVILISATION = (
    {f"civility.{a}_{m}" for m in MODELS for a in ("view", "add", "change", "delete")}
    - {"civility.change_applicationevent", "civility.delete_applicationevent"}
) | {
    "civility.decide_application",
    "tasks.add_task",
    "tasks.add_tasklist",
    "tasks.change_tasklist",
    "tasks.verify_task",
}


class CivilityConfig(apps.ModuleConfig):
    name = "mingzhu.civility"
    verbose_name = _("Civilised city")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.CIVILISATION: CIVILISATION,
            RoleCode.LEADER: READ,
            RoleCode.TOWN_STAFF: LOCAL,
            RoleCode.VILLAGE_STAFF: LOCAL,
        }
