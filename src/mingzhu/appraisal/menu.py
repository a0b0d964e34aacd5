from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import MenuItem, listing, register

register(
    "appraisal",
    _("Appraisal"),
    "flag",
    160,
    [
        MenuItem(_("Flag board"), "appraisal:board", "flag-fill", "appraisal.view_appraisalresult"),
        listing(_("Quarterly results"), "appraisal.appraisalresult", "trophy"),
        listing(_("Schemes"), "appraisal.scheme", "sliders"),
    ],
)
