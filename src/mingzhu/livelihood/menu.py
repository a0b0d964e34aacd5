from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "livelihood",
    _("Livelihood"),
    "people",
    450,
    [
        MenuItem(
            _("Citizen requests"),
            "livelihood:citizenrequest_list",
            "telephone",
            "livelihood.view_citizenrequest",
        ),
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
        MenuItem(
            _("Monitored households"),
            "livelihood:monitoredhousehold_list",
            "house-heart",
            "livelihood.view_monitoredhousehold",
        ),
        MenuItem(
            _("Mutual-aid funds"),
            "livelihood:mutualaidfund_list",
            "piggy-bank",
            "livelihood.view_mutualaidfund",
        ),
        MenuItem(
            _("Insurance coverage"),
            "livelihood:coveragerecord_list",
            "shield-check",
            "livelihood.view_coveragerecord",
        ),
        MenuItem(
            _("Personal data accesses"),
            "livelihood:personaldataaccess_list",
            "eye",
            "livelihood.view_personaldataaccess",
        ),
    ],
)
