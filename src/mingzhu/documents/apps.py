from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

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


class DocumentsConfig(apps.ModuleConfig):
    name = "mingzhu.documents"
    verbose_name = _("Documents")

    def grants(self):
        # The supervision office decomposes and adopts; leaders read; departments
        # prepare drafts of their own documents.
        return {
            RoleCode.SUPERVISOR: OFFICE,
            RoleCode.LEADER: READ,
            RoleCode.DEPT_STAFF: PREPARE,
            RoleCode.ADMIN: READ
            | {
                "documents.add_leadrule",
                "documents.change_leadrule",
                "documents.delete_leadrule",
            },
        }
