from django.utils.translation import gettext_lazy as _

from mingzhu.core import apps
from mingzhu.org.choices import RoleCode

REQUEST_READ = apps.permissions("livelihood", view="citizenrequest callback requestevent")
CONFIG_READ = apps.permissions("livelihood", view="requestcategory timelimit rateweights")
# Households, their measures and lines, the mutual-aid fund, the insurance coverage.
SUPPORT_READ = apps.permissions(
    "livelihood",
    view="monitoredhousehold assistancemeasure monitoringline mutualaidfund fundentry "
    "coveragerecord coveragetarget",
)
COVERAGE_READ = apps.permissions("livelihood", view="coveragerecord coveragetarget")
ACCESS_LOG = apps.permissions("livelihood", view="personaldataaccess")
READ_ALL = REQUEST_READ | CONFIG_READ | SUPPORT_READ
KEEP_HOUSEHOLDS = apps.permissions("livelihood", add_change="monitoredhousehold")
ISSUE_TASKS = apps.permissions("tasks", add_verify="task")


class LivelihoodConfig(apps.ModuleConfig):
    verbose_name = _("Livelihood")
    grants = {
        RoleCode.INTAKE_DESK: REQUEST_READ
        | CONFIG_READ
        | ACCESS_LOG
        | ISSUE_TASKS
        | apps.permissions(
            "livelihood",
            "reveal_requester",
            add_change="citizenrequest requestcategory rateweights",
            change="timelimit",
            add_train="dispatchmodel",
        ),
        RoleCode.AGRICULTURE: SUPPORT_READ
        | KEEP_HOUSEHOLDS
        | ACCESS_LOG
        | ISSUE_TASKS
        | apps.permissions(
            "livelihood",
            "reveal_id_number",
            "review_elimination",
            add="assistancemeasure",
            add_change="monitoringline",
        ),
        RoleCode.TOWN_STAFF: REQUEST_READ
        | SUPPORT_READ
        | KEEP_HOUSEHOLDS
        | apps.permissions("livelihood", approve="fundentry"),
        RoleCode.VILLAGE_STAFF: REQUEST_READ
        | SUPPORT_READ
        | KEEP_HOUSEHOLDS
        | apps.permissions("livelihood", add="fundentry")
        # A village handles the tasks it leads (requests dispatched to it, coverage
        # follow-ups).
        | apps.permissions("tasks", view="task taskevent", change="task"),
        RoleCode.DEPT_STAFF: REQUEST_READ,
        RoleCode.SUPERVISOR: READ_ALL
        | ACCESS_LOG
        | apps.permissions("livelihood", add_change="coveragerecord coveragetarget"),
        RoleCode.LEADER: READ_ALL | ACCESS_LOG,
        RoleCode.STATISTICIAN: COVERAGE_READ,
    }
