from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "projects",
    _("Projects"),
    "building",
    150,
    [
        listing(_("Project ledger"), "projects.project", "list-ul"),
        MenuItem(_("Project funnel"), "projects:funnel", "funnel", "projects.view_project"),
        listing(_("Factor requests"), "projects.factorrequest", "box-seam"),
        listing(_("Inspections"), "projects.inspection", "binoculars"),
        MenuItem(
            _("Factor routes"),
            "projects:factorroute_list",
            "signpost-split",
            "projects.change_factorroute",
        ),
    ],
)
