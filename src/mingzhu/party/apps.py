from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

MODELS = (
    "partyorganisation",
    "partygroup",
    "partymember",
    "household",
    "householdlink",
    "householdvisit",
    "partygroupactivity",
    "trainingcourse",
    "trainingsession",
    "trainingattendance",
)
READ = {f"party.view_{m}" for m in MODELS}
# Village and town staff keep their households, links, visits and group activities.
LOCAL = READ | {
    "party.add_household",
    "party.change_household",
    "party.add_householdlink",
    "party.change_householdlink",
    "party.add_householdvisit",
    "party.add_partygroupactivity",
    "party.change_partygroupactivity",
    "party.add_trainingattendance",
}
# The organisation department keeps all party data of the city; it raises the tasks of
# problems found on visits and checks them off (its own view of tasks stays its unit's).
ORGANISATION = (
    {f"party.{a}_{m}" for m in MODELS for a in ("view", "add", "change", "delete")}
    | {"tasks.add_task", "tasks.verify_task"}
    # The temporary party branches on project sites are kept on the projects.
    | {"projects.view_project"}
)


class PartyConfig(apps.ModuleConfig):
    name = "mingzhu.party"
    verbose_name = _("Party building")

    def grants(self):
        return {
            RoleCode.ORGANISATION: ORGANISATION,
            RoleCode.LEADER: READ,
            RoleCode.TOWN_STAFF: LOCAL,
            RoleCode.VILLAGE_STAFF: LOCAL,
        }
