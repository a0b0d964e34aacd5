from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

READ = apps.permissions(
    "enterprises",
    view="enterprise annualdata muresult muevaluation muscheme visit demand demandrating",
)
TOWN = READ | apps.permissions("enterprises", add="visit demand")
# Departments see the demands handed to them (through their tasks).
DEPARTMENT = apps.permissions("enterprises", view="demand demandrating")


class EnterprisesConfig(apps.ModuleConfig):
    verbose_name = _("Enterprises")
    grants = {
        RoleCode.INDUSTRY: TOWN
        | apps.permissions(
            "enterprises",
            add_change="enterprise annualdata muscheme",
            run="muevaluation",
            change="visit",
            dispatch_rate="demand",
        )
        # Dispatching a demand creates and assigns its task through the task engine,
        # which asks for these; the task pages stay limited by the department's scope.
        | apps.permissions("tasks", add_verify="task"),
        (RoleCode.LEADER, RoleCode.SUPERVISOR): READ,
        RoleCode.TOWN_STAFF: TOWN,
        RoleCode.DEPT_STAFF: DEPARTMENT,
        RoleCode.ENTERPRISE: READ - apps.permissions("enterprises", view="muscheme")
        | apps.permissions("enterprises", add_rate="demand"),
    }

    def ready(self) -> None:
        super().ready()
        from mingzhu.appraisal.inputs import SATISFACTION_SOURCES
        from mingzhu.tasks.choices import SourceKind

        from .demands import assessment_ratings

        # The department assessment's 满意率 reads the enterprises' ratings of replies.
        SATISFACTION_SOURCES[SourceKind.DEMAND] = assessment_ratings
