from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.tasks.choices import status_map


class RemediationCategory(models.TextChoices):
    """The remediation work of a natural village (人居环境整治)."""

    GARBAGE = "garbage", _("Garbage treatment")  # 垃圾治理
    SEWAGE = "sewage", _("Sewage treatment")  # 污水治理
    TOILETS = "toilets", _("Toilet renovation")  # 厕所革命
    APPEARANCE = "appearance", _("Village appearance")  # 村容村貌
    UPKEEP = "upkeep", _("Long-term upkeep")  # 长效管护


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Living environment inspection")  # 人居环境检查
    OBSERVATION = "observation", _("On-site observation")  # 乡村振兴现场观摩


class FaultSource(models.TextChoices):
    VILLAGER = "villager", _("Villager")  # 村民反映
    GRID_WORKER = "grid_worker", _("Grid worker")  # 网格员上报
    STAFF = "staff", _("Village or town staff")  # 村镇工作人员


class FaultStatus(models.TextChoices):
    """A fault's status: derived from its task, never stored."""

    REPORTED = "reported", _("Awaiting repair dispatch")  # 待派单
    REPAIRING = "repairing", _("Being repaired")  # 维修中
    AWAITING_CHECK = "awaiting_check", _("Awaiting check")  # 待验收
    RETURNED = "returned", _("Returned for rework")  # 返工
    REPAIRED = "repaired", _("Repaired")  # 已修复
    CANCELLED = "cancelled", _("Cancelled")  # 已撤销


FAULT_FROM_TASK = status_map(
    FaultStatus,
    working=FaultStatus.REPAIRING,
    closure_requested=FaultStatus.AWAITING_CHECK,
    closed=FaultStatus.REPAIRED,
)
