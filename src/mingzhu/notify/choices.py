from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    WECOM = "wecom", _("WeCom group robot")  # 企业微信群机器人
    DINGTALK = "dingtalk", _("DingTalk group robot")  # 钉钉群机器人
    SMS = "sms", _("SMS gateway")
    EMAIL = "email", _("E-mail")


GROUP_KINDS = (ChannelKind.WECOM, ChannelKind.DINGTALK)


class HttpMethod(models.TextChoices):
    GET = "GET", "GET"
    POST = "POST", "POST"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")


class Topic(models.TextChoices):
    """The kinds of notice a person chooses channels for."""

    ASSIGN = "assign", _("Assignments")
    RETURN = "return", _("Returns for rework")
    REQUEST = "request", _("Closure and extension requests")
    VERDICT = "verdict", _("Verifications, extensions, cancellations")
    SHEET_RED = "sheet_red", _("Red supervision sheets")
    SHEET_OTHER = "sheet_other", _("Blue and yellow supervision sheets")
    RECHECK = "recheck", _("Re-checks due")
    DEMAND = "demand", _("Enterprise demands")
    DIGEST = "digest", _("Digests and summaries")
    JOB_FAILED = "job_failed", _("Failed scheduled jobs")


# The defaults for a person without preferences of their own.
HEAD_SMS_DEFAULT = [Topic.SHEET_RED, Topic.RETURN]


class JobStatus(models.TextChoices):
    """Where a background job (后台作业) stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Not done")


FINISHED = (JobStatus.DONE, JobStatus.FAILED)
