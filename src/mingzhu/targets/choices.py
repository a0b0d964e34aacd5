from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """三量: 总量 / 均量 / 质量."""

    TOTAL = "total", _("Total")
    PER_CAPITA = "per_capita", _("Per capita")
    QUALITY = "quality", _("Quality")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    YEAR = "year", _("Yearly")
    QUARTER = "quarter", _("Quarterly")
    MONTH = "month", _("Monthly")


class Comparator(models.TextChoices):
    GT = ">", _("> (突破/超过)")
    GE = ">=", _("≥ (以上/不低于/达到)")
    LE = "<=", _("≤ (不超过/以内)")
    LT = "<", _("< (低于)")
    EQ = "=", _("= (exactly)")


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    ACHIEVED = "achieved", _("Achieved")
    MISSED = "missed", _("Missed")
    UNKNOWN = "unknown", _("Too little data to project")
    NO_DATA = "no_data", _("No observations")
