from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("party", _("Party building"), "flag", 700)
menu.page(_("Party overview"), "overview", "speedometer2", "view_household")
menu.listing(_("Party organisations"), "partyorganisation", "diagram-3")
menu.listing(_("Party groups"), "partygroup", "people")
menu.listing(_("Party members"), "partymember", "person-badge")
menu.listing(_("Households"), "household", "house")
menu.listing(_("Household links"), "householdlink", "link-45deg")
menu.listing(_("Household visits"), "householdvisit", "door-open")
menu.listing(_("Party group activities"), "partygroupactivity", "calendar-event")
menu.listing(_("Training courses"), "trainingcourse", "mortarboard")
menu.page(_("Training summary"), "training_summary", "clipboard-data", "view_trainingattendance")
menu.page(_("Project site branches"), "project_branches", "cone-striped", "view_partyorganisation")
