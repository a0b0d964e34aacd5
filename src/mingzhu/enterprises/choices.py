from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.tasks import choices as task_choices


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


# The enterprise's rating of a demand's answer, as a caller rates a citizen request's.
Rating = task_choices.Satisfaction


class DemandStatus(models.TextChoices):
    """Derived from the demand's task and ratings, never stored."""

    PENDING = "pending", _("Awaiting dispatch")
    ASSIGNED = "assigned", _("Assigned")
    HANDLING = "handling", _("Being handled")
    REPLIED = "replied", _("Replied, awaiting rating")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Handled and closed")  # 已办结
    CANCELLED = "cancelled", _("Cancelled")


# The indicator catalogue's names (services.INDICATORS holds their formulas).
INDICATOR_LABELS = {
    "tax_per_mu": _("Tax per mu"),
    "sales_per_mu": _("Sales per mu"),
    "revenue_per_mu": _("Revenue per mu"),
    "value_added_per_mu": _("Value added per mu"),
    "tax_per_energy": _("Tax per unit of energy"),
    "value_added_per_energy": _("Value added per tce"),
    "tax_per_emission": _("Tax per unit of emissions"),
    "value_added_per_emission": _("Value added per tonne of emissions"),
    "value_added_per_equivalent": _("Value added per emission equivalent"),
    "labour_productivity": _("Labour productivity"),
    "rd_intensity": _("R&D intensity"),
    "rd_share_of_revenue": _("R&D share of revenue"),
    "tax_per_electricity": _("Tax per unit of electricity"),
}


class BenchmarkRule(models.TextChoices):
    GROUP_RATIO = "group_ratio", _("The group's ratio this year")
    PUBLISHED = "published", _("A published value")
    PREVIOUS = "previous", _("k × the group's ratio of an earlier year")
    TOP_DECILE = "top_decile", _("The group's best decile (90th percentile)")


class MissingPolicy(models.TextChoices):
    ONE = "one", _("Ratio 1.0 (the benchmark)")
    GROUP_AVERAGE = "group_average", _("The group's average score for the item")
    ZERO = "zero", _("Zero")


class Classing(models.TextChoices):
    SHARES = "shares", _("Shares of the ranking")
    CUTOFFS = "cutoffs", _("Score cut-offs")


class LandPolicy(models.TextChoices):
    NONE = "", _("No land rule")
    PRIORITY = "priority", _("First for land")
    RESTRICTED = "restricted", _("Land restricted")
    NO_NEW_LAND = "no_new_land", _("No new industrial land")
