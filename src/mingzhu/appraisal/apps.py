from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = {
    "appraisal.view_appraisalresult",
    "appraisal.view_resultrow",
    "appraisal.view_flagaward",
    "appraisal.view_scheme",
    "appraisal.view_schemeitem",
    "appraisal.view_schemerule",
}
# The supervision office keeps the schemes, computes and publishes the results.
OFFICE = READ | {
    "appraisal.edit_scheme",
    "appraisal.add_appraisalresult",
    "appraisal.change_appraisalresult",
    "appraisal.publish_appraisalresult",
}


class AppraisalConfig(apps.ModuleConfig):
    name = "mingzhu.appraisal"
    verbose_name = _("Appraisal")
    registers = ("cockpit", "menu")

    def grants(self):
        return {
            RoleCode.SUPERVISOR: OFFICE,
            RoleCode.LEADER: READ,
            RoleCode.TOWN_STAFF: READ,
            RoleCode.DEPT_STAFF: READ,
        }
