from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.tasks import choices as task_choices


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("12345 hotline")
    WEB = "web", _("Website")
    GRID = "grid", _("Grid worker")
    PETITION = "petition", _("Letters and visits")  # 信访
    MEDIA = "media", _("Media")


class RequestType(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")  # 咨询
    HELP = "help", _("Help")  # 求助
    COMPLAINT = "complaint", _("Complaint")  # 投诉
    REPORT = "report", _("Report of wrongdoing")  # 举报
    SUGGESTION = "suggestion", _("Suggestion")  # 建议
    URGENT = "urgent", _("Urgent")  # 紧急


class RequestStatus(models.TextChoices):
    REGISTERED = "registered", _("Awaiting dispatch to a unit")  # 待派单
    DISPATCHED = "dispatched", _("Dispatched to a unit")  # 已派单
    RETURNED = "returned", _("Returned by the unit")  # 退单待重派
    HANDLING = "handling", _("Being handled")  # 办理中
    ANSWERED = "answered", _("Awaiting callback")  # 待回访
    CLOSED = "closed", _("Case closed")  # 已办结


# The caller's rating of the answer, as an enterprise rates a demand's.
Satisfaction = task_choices.Satisfaction


class RequestAction(models.TextChoices):
    REGISTER = "register", _("Registered")
    DISPATCH = "dispatch", _("Dispatched to a unit")
    RETURN = "return", _("Returned by the unit")  # 退单
    REDISPATCH = "redispatch", _("Re-dispatched")
    CONTACT = "contact", _("Contacted the caller")  # 联系诉求人


class HouseholdType(models.TextChoices):
    UNSTABLE = "unstable", _("Unstable household lifted out of poverty")  # 脱贫不稳定户
    MARGINAL = "marginal", _("Marginal household at risk")  # 边缘易致贫户
    SUDDEN = "sudden", _("Household in sudden severe hardship")  # 突发严重困难户


class RiskCause(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    SCHOOLING = "schooling", _("Schooling")
    DISASTER = "disaster", _("Disaster")
    ACCIDENT = "accident", _("Accident")
    UNEMPLOYMENT = "unemployment", _("Unemployment")
    OTHER = "other", _("Other")


class MeasureKind(models.TextChoices):
    INDUSTRY = "industry", _("Industry support")
    EMPLOYMENT = "employment", _("Employment support")
    MEDICAL = "medical", _("Medical support")
    EDUCATION = "education", _("Education support")
    HOUSING = "housing", _("Housing support")
    SOCIAL = "social", _("Social assistance")


class Elimination(models.TextChoices):
    NONE = "none", _("At risk")
    PROPOSED = "proposed", _("Elimination proposed")
    ELIMINATED = "eliminated", _("Risk eliminated")  # 风险消除


class IncomeAlert(models.TextChoices):
    BELOW = "below", _("Below the line")
    NEAR = "near", _("Within 10% above the line")


class EntryKind(models.TextChoices):
    DONATION = "donation", _("Donation")
    AID = "aid", _("Aid")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


class AidReason(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    SCHOOLING = "schooling", _("Schooling")
    DISASTER = "disaster", _("Disaster")
    ELDERLY = "elderly", _("Care for the elderly")
    HARDSHIP = "hardship", _("Daily hardship")
    OTHER = "other", _("Other")


class Scheme(models.TextChoices):
    PENSION = "pension", _("Basic pension insurance")
    MEDICAL = "medical", _("Basic medical insurance")


class AccessPurpose(models.TextChoices):
    """Why personal data was shown in full (``PersonalDataAccess.purpose``)."""

    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")


class PersonalField(models.TextChoices):
    """The personal data an access showed (``PersonalDataAccess.fields``, comma-separated)."""

    NAME = "name", _("Requester's name")
    PHONE = "phone", _("Requester's phone")
    ID_NUMBER = "id_number", _("ID number")
