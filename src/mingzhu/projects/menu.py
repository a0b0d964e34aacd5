from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "projects",
    _("Projects"),
    "building",
    150,
    [
        MenuItem(_("Project ledger"), "projects:project_list", "list-ul", "projects.view_project"),
        MenuItem(_("Project funnel"), "projects:funnel", "funnel", "projects.view_project"),
        MenuItem(
            _("Factor requests"),
            "projects:factorrequest_list",
            "box-seam",
            "projects.view_factorrequest",
        ),
        MenuItem(
            _("Inspections"), "projects:inspection_list", "binoculars", "projects.view_inspection"
        ),
        MenuItem(
            _("Factor routes"),
            "projects:factorroute_list",
            "signpost-split",
            "projects.change_factorroute",
        ),
    ],
)
