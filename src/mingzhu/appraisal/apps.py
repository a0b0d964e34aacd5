from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

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


class AppraisalConfig(AppConfig):
    name = "mingzhu.appraisal"
    label = "appraisal"
    verbose_name = _("Appraisal")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS

        from . import cockpit, menu  # noqa: F401

        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= OFFICE
        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ
        ROLE_PERMISSIONS[RoleCode.TOWN_STAFF] |= READ
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= READ
