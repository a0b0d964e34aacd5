from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.tasks.choices import status_map


class Decision(models.TextChoices):
    PENDING = "pending", _("Awaiting filing")  # 待立案
    FILED = "filed", _("Filed")  # 已立案
    REJECTED = "rejected", _("Not filed")  # 不予立案


class EventStatus(models.TextChoices):
    """An event's status: derived from its filing decision and its task, never stored."""

    REPORTED = "reported", _("Reported")  # 待立案
    REJECTED = "rejected", _("Not filed")  # 不予立案
    HANDLING = "handling", _("Being handled")  # 处置中
    AWAITING_RECHECK = "awaiting_recheck", _("Awaiting re-check")  # 待核查
    RETURNED = "returned", _("Returned for rework")  # 返工
    CLOSED = "closed", _("Closed")  # 已结案
    CANCELLED = "cancelled", _("Cancelled")  # 已撤销


# The event status each task status means, once the event is filed.
FROM_TASK = status_map(
    EventStatus, working=EventStatus.HANDLING, closure_requested=EventStatus.AWAITING_RECHECK
)
