from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryKind(models.TextChoices):
    CREATION = "creation", _("Creation")  # 创建
    COMMENDATION = "commendation", _("Commendation")  # 表彰


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # 已申报
    APPROVED = "approved", _("Passed review")  # 审核通过
    REJECTED = "rejected", _("Rejected in review")  # 审核未通过
    ON_NOTICE = "on_notice", _("On public notice")  # 公示中
    AWARDED = "awarded", _("Awarded")  # 已授予
    NOT_AWARDED = "not_awarded", _("Not awarded")  # 不予授予


class ApplicationAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Passed review")
    REJECT = "reject", _("Rejected in review")
    PUBLISH = "publish", _("Public notice started")
    OBJECTION = "objection", _("Objection recorded")
    RESOLVE = "resolve", _("Objection resolved")
    AWARD = "award", _("Awarded")
    REFUSE = "refuse", _("Not awarded")


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", _("Being checked")  # 核查中
    UPHELD = "upheld", _("Upheld")  # 属实
    DISMISSED = "dismissed", _("Dismissed")  # 不属实
