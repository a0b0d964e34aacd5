from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

MODELS = (
    "partyorganisation partygroup partymember household householdlink householdvisit "
    "partygroupactivity trainingcourse trainingsession trainingattendance"
)
READ = apps.permissions("party", view=MODELS)
# Village and town staff keep their households, links, visits and group activities.
LOCAL = READ | apps.permissions(
    "party",
    add="householdvisit trainingattendance",
    add_change="household householdlink partygroupactivity",
)


class PartyConfig(apps.ModuleConfig):
    verbose_name = _("Party building")
    grants = {
        # The organisation department keeps all party data of the city; it raises the
        # tasks of problems found on visits and checks them off (its own view of tasks
        # stays its unit's); the temporary party branches on project sites are kept on
        # the projects.
        RoleCode.ORGANISATION: apps.permissions("party", every=MODELS)
        | apps.permissions("tasks", add="task", verify="task")
        | apps.permissions("projects", view="project"),
        RoleCode.LEADER: READ,
        (RoleCode.TOWN_STAFF, RoleCode.VILLAGE_STAFF): LOCAL,
    }
