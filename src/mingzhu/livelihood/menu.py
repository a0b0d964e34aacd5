from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "livelihood",
    _("Livelihood"),
    "people",
    450,
    [
        listing(_("Citizen requests"), "livelihood.citizenrequest", "telephone"),
        MenuItem(
            _("Register a request"),
            "livelihood:citizenrequest_add",
            "telephone-plus",
            "livelihood.add_citizenrequest",
        ),
        MenuItem(
            _("Three rates"), "livelihood:rates", "bar-chart", "livelihood.view_citizenrequest"
        ),
        MenuItem(_("Hot spots"), "livelihood:hotspots", "fire", "livelihood.view_citizenrequest"),
        MenuItem(
            _("Dispatch suggestion"),
            "livelihood:classifier",
            "cpu",
            "livelihood.add_citizenrequest",
        ),
        MenuItem(
            _("Request categories"),
            "livelihood:requestcategory_list",
            "tags",
            "livelihood.change_requestcategory",
        ),
        listing(_("Monitored households"), "livelihood.monitoredhousehold", "house-heart"),
        listing(_("Mutual-aid funds"), "livelihood.mutualaidfund", "piggy-bank"),
        listing(_("Insurance coverage"), "livelihood.coveragerecord", "shield-check"),
        listing(_("Personal data accesses"), "livelihood.personaldataaccess", "eye"),
    ],
)
