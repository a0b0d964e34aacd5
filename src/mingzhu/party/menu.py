from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "party",
    _("Party building"),
    "flag",
    700,
    [
        MenuItem(_("Party overview"), "party:overview", "speedometer2", "party.view_household"),
        MenuItem(
            _("Party organisations"),
            "party:partyorganisation_list",
            "diagram-3",
            "party.view_partyorganisation",
        ),
        MenuItem(_("Party groups"), "party:partygroup_list", "people", "party.view_partygroup"),
        MenuItem(
            _("Party members"), "party:partymember_list", "person-badge", "party.view_partymember"
        ),
        MenuItem(_("Households"), "party:household_list", "house", "party.view_household"),
        MenuItem(
            _("Household links"),
            "party:householdlink_list",
            "link-45deg",
            "party.view_householdlink",
        ),
        MenuItem(
            _("Household visits"),
            "party:householdvisit_list",
            "door-open",
            "party.view_householdvisit",
        ),
        MenuItem(
            _("Party group activities"),
            "party:partygroupactivity_list",
            "calendar-event",
            "party.view_partygroupactivity",
        ),
        MenuItem(
            _("Training courses"),
            "party:trainingcourse_list",
            "mortarboard",
            "party.view_trainingcourse",
        ),
        MenuItem(
            _("Training summary"),
            "party:training_summary",
            "clipboard-data",
            "party.view_trainingattendance",
        ),
        MenuItem(
            _("Project site branches"),
            "party:project_branches",
            "cone-striped",
            "party.view_partyorganisation",
        ),
    ],
)
