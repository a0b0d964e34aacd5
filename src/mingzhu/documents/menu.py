from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "documents",
    _("Documents"),
    "file-earmark-text",
    250,
    [
        listing(_("Policy documents"), "documents.policydocument", "file-earmark-text"),
        MenuItem(
            _("Decompose a document"),
            "documents:policydocument_add",
            "scissors",
            "documents.add_policydocument",
        ),
        MenuItem(
            _("Lead unit keywords"),
            "documents:leadrule_list",
            "key",
            "documents.change_leadrule",
        ),
    ],
)
