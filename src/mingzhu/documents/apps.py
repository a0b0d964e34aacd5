from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

READ = {
    "documents.view_policydocument",
    "documents.view_documentitem",
    "documents.view_documenttarget",
    "documents.view_leadrule",
}
PREPARE = READ | {
    "documents.add_policydocument",
    "documents.change_policydocument",
    "documents.change_documentitem",
    "documents.change_documenttarget",
}
OFFICE = PREPARE | {
    "documents.adopt_policydocument",
    "documents.add_leadrule",
    "documents.change_leadrule",
    "documents.delete_leadrule",
}


class DocumentsConfig(AppConfig):
    name = "mingzhu.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from mingzhu.org.choices import RoleCode
        from mingzhu.org.roles import ROLE_PERMISSIONS

        from . import menu  # noqa: F401

        # The supervision office decomposes and adopts; leaders read; departments
        # prepare drafts of their own documents.
        ROLE_PERMISSIONS[RoleCode.SUPERVISOR] |= OFFICE
        ROLE_PERMISSIONS[RoleCode.LEADER] |= READ
        ROLE_PERMISSIONS[RoleCode.DEPT_STAFF] |= PREPARE
        ROLE_PERMISSIONS[RoleCode.ADMIN] |= READ | {
            "documents.add_leadrule",
            "documents.change_leadrule",
            "documents.delete_leadrule",
        }
