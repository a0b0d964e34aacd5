from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "party",
    _("Party building"),
    "flag",
    700,
    [
        MenuItem(_("Party overview"), "party:overview", "speedometer2", "party.view_household"),
        listing(_("Party organisations"), "party.partyorganisation", "diagram-3"),
        listing(_("Party groups"), "party.partygroup", "people"),
        listing(_("Party members"), "party.partymember", "person-badge"),
        listing(_("Households"), "party.household", "house"),
        listing(_("Household links"), "party.householdlink", "link-45deg"),
        listing(_("Household visits"), "party.householdvisit", "door-open"),
        listing(_("Party group activities"), "party.partygroupactivity", "calendar-event"),
        listing(_("Training courses"), "party.trainingcourse", "mortarboard"),
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
