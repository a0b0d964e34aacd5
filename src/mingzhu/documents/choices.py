from django.db import models
from django.utils.translation import gettext_lazy as _


class Comparator(models.TextChoices):
    GT = ">", "＞"
    GE = ">=", "≥"
    LE = "<=", "≤"
    LT = "<", "＜"
    EQ = "=", "＝"


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
