from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.tasks.choices import status_map


class Domain(models.TextChoices):
    PRODUCTION_SAFETY = "production_safety", _("Production safety")  # 安全生产
    PETITION = "petition", _("Petitions and stability")  # 信访维稳
    FLOOD = "flood", _("Flood prevention")  # 防洪抗汛
    ECOLOGY = "ecology", _("Ecology and environment")  # 生态环境
    FIRE = "fire", _("Fire safety")  # 消防
    FINANCE = "finance", _("Financial risk")  # 金融风险
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    MAJOR = "major", _("Major")  # 重大
    SERIOUS = "serious", _("Serious")  # 较大
    ORDINARY = "ordinary", _("Ordinary")  # 一般


class HazardStatus(models.TextChoices):
    """Derived from the rectification task, never stored."""

    OPEN = "open", _("Being rectified")
    AWAITING = "awaiting", _("Awaiting verification")
    RECTIFIED = "rectified", _("Rectified")
    CANCELLED = "cancelled", _("Cancelled")


FROM_TASK = status_map(
    HazardStatus,
    working=HazardStatus.OPEN,
    closure_requested=HazardStatus.AWAITING,
    closed=HazardStatus.RECTIFIED,
)
# Task states in which the hazard is still there (not rectified, not withdrawn).
OPEN_TASK_STATES = tuple(
    t for t, h in FROM_TASK.items() if h in (HazardStatus.OPEN, HazardStatus.AWAITING)
)
