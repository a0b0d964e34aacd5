from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("system", _("System administration"), "gear", 990)
menu.page(_("Notice board"), "notice_board", "megaphone")
menu.listing(_("Manage notices"), "notice", "pencil-square")
menu.page(_("System parameters"), "parameters", "sliders", "view_parametervalue")
menu.page(_("Dictionaries"), "dictionaries", "journal-text", "view_dictionaryentry")
menu.page(_("My API tokens"), "token_list", "key")
menu.listing(_("All API tokens"), "apitoken", "shield-lock")
