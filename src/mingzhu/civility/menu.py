from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("civility", _("Civilised city"), "award", 710)
menu.listing(_("Creation applications"), "application", "award")
menu.listing(_("Volunteer activities"), "volunteeractivity", "heart")
menu.page(_("Activities calendar"), "calendar", "calendar3", "view_volunteeractivity")
menu.page(_("Volunteer hours"), "hours", "hourglass", "view_participation")
menu.page(_("Civilised city creation tasks"), "campaign", "list-check", "view_application")
menu.listing(_("Creation categories"), "category", "tags", needs="change")
