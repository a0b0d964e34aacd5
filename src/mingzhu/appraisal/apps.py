from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions(
    "appraisal", view="appraisalresult resultrow flagaward scheme schemeitem schemerule"
)


class AppraisalConfig(apps.ModuleConfig):
    verbose_name = _("Appraisal")
    grants = {
        # The supervision office keeps the schemes, computes and publishes the results.
        RoleCode.SUPERVISOR: READ
        | apps.permissions("appraisal", "edit_scheme", add_change_publish="appraisalresult"),
        (RoleCode.LEADER, RoleCode.TOWN_STAFF, RoleCode.DEPT_STAFF): READ,
    }
