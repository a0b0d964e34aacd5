from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("documents", _("Documents"), "file-earmark-text", 250)
menu.listing(_("Policy documents"), "policydocument", "file-earmark-text")
menu.page(_("Decompose a document"), "policydocument_add", "scissors", "add_policydocument")
menu.listing(_("Lead unit keywords"), "leadrule", "key", needs="change")
