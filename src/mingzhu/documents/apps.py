from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions("documents", view="policydocument documentitem documenttarget leadrule")
KEEP_RULES = apps.permissions("documents", add_change_delete="leadrule")
# Departments prepare drafts of their own documents.
PREPARE = READ | apps.permissions(
    "documents", add="policydocument", change="policydocument documentitem documenttarget"
)


class DocumentsConfig(apps.ModuleConfig):
    verbose_name = _("Documents")
    grants = {
        # The supervision office decomposes and adopts; leaders read.
        RoleCode.SUPERVISOR: PREPARE
        | KEEP_RULES
        | apps.permissions("documents", adopt="policydocument"),
        RoleCode.LEADER: READ,
        RoleCode.DEPT_STAFF: PREPARE,
        RoleCode.ADMIN: READ | KEEP_RULES,
    }
