from django.db import models
from django.utils.translation import gettext_lazy as _


class Scale(models.TextChoices):
    ABOVE = "above", _("Above designated size")  # 规上
    BELOW = "below", _("Below designated size")  # 规下


class Listing(models.TextChoices):
    NONE = "none", _("Not listed")
    RESERVE = "reserve", _("Listing reserve")  # 上市后备
    LISTED = "listed", _("Listed")


class Digital(models.TextChoices):
    """智改数转 (intelligent transformation, digital transition)."""

    NONE = "none", _("Not started")
    DIAGNOSED = "diagnosed", _("Diagnosed")
    UNDER_WAY = "under_way", _("Project under way")
    COMPLETED = "completed", _("Completed")


class MuClass(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    T = "T", _("T (exempt)")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (may be re-run)")
    PUBLISHED = "published", _("Published")


class VisitKind(models.TextChoices):
    WARM = "warm", _("Warm visit")  # 暖企走访
    STEWARD = "steward", _("Project steward service")  # 项目管家
    SURVEY = "survey", _("Survey")  # 调研


class DemandCategory(models.TextChoices):
    LAND = "land", _("Land")
    FINANCING = "financing", _("Financing")
    LABOUR = "labour", _("Labour")
    APPROVALS = "approvals", _("Approvals")
    POLICY_PAYMENT = "policy_payment", _("Policy payment")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    OTHER = "other", _("Other")


# Working days a department has for a demand of each category.
DEFAULT_TIME_LIMIT = 10
TIME_LIMITS = {
    DemandCategory.APPROVALS: 5,
    DemandCategory.POLICY_PAYMENT: 15,
}


def time_limit_for(category: str) -> int:
    return TIME_LIMITS.get(category, DEFAULT_TIME_LIMIT)


class Channel(models.TextChoices):
    VISIT = "visit", _("Visit")
    ONLINE = "online", _("Online (by the enterprise)")
    HOTLINE = "hotline", _("Hotline")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")  # 满意
    BASIC = "basic", _("Basically satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # 不满意


class DemandStatus(models.TextChoices):
    """Derived from the demand's task and ratings, never stored."""

    PENDING = "pending", _("Awaiting dispatch")
    ASSIGNED = "assigned", _("Assigned")
    HANDLING = "handling", _("Being handled")
    REPLIED = "replied", _("Replied, awaiting rating")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Handled and closed")  # 已办结
    CANCELLED = "cancelled", _("Cancelled")
