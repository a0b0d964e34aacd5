from django.utils.translation import gettext_lazy as _

from mingzhu.core.menu import Menu

menu = Menu("appraisal", _("Appraisal"), "flag", 160)
menu.page(_("Flag board"), "board", "flag-fill", "view_appraisalresult")
menu.listing(_("Quarterly results"), "appraisalresult", "trophy")
menu.listing(_("Schemes"), "scheme", "sliders")
