from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, register

register(
    "appraisal",
    _("Appraisal"),
    "flag",
    160,
    [
        MenuItem(_("Flag board"), "appraisal:board", "flag-fill", "appraisal.view_appraisalresult"),
        MenuItem(
            _("Quarterly results"),
            "appraisal:appraisalresult_list",
            "trophy",
            "appraisal.view_appraisalresult",
        ),
        MenuItem(_("Schemes"), "appraisal:scheme_list", "sliders", "appraisal.view_scheme"),
    ],
)
