from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    TOWNS = "towns", _("Towns, streets and zones")  # 镇（街、区）
    DEPARTMENTS = "departments", _("City departments")  # 市级机关


class Method(models.TextChoices):
    # weight × value / (largest value among the units); an item whose largest value is
    # 0 scores 0 for everyone.
    SHARE_OF_MAX = "share_of_max", _("Share of the best value")
    # weight × rate (rates between 0 and 1); items without a value are left out and the
    # others scaled up to the full weight.
    RATE = "rate", _("Rate times weight")


class ResultStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Colour(models.TextChoices):
    RED = "red", _("Red flag")  # 红旗
    YELLOW = "yellow", _("Yellow flag")  # 黄旗


TOWN_SCHEME = "towns_projects"
DEPARTMENT_SCHEME = "departments_service"

YELLOW_FOR_INTERVIEW = 2  # yellow flags running that earn the town an interview (约谈)
RED_FOR_KEEPS = 3  # red flags running after which the town keeps the flag for good
MIN_UNITS_FOR_YELLOW = 3
