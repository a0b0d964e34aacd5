"""Outbound notices: the channels (企业微信 and 钉钉 group robots, an SMS gateway, e-mail),
the outbox of deliveries, each person's preferences, the scheduled jobs with their run
history, and the background jobs the worker runs for one person (a large import)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core import crypto
from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, unit_fk, user_fk
from mingzhu.core.models import TimeStampedModel

from .choices import ChannelKind, DeliveryStatus, HttpMethod, JobStatus

PURPOSE = "mingzhu.notify.enc"


def masked(value: str) -> str:
    """A secret shown back: its first eight and last four characters at most."""
    if not value:
        return ""
    if len(value) <= 12:
        return "*" * len(value)
    return f"{value[:8]}…{value[-4:]}"


# The address and the secret are stored encrypted and never enter the change log.
@audited(exclude_fields=("url_cipher", "secret_cipher", "params_cipher"))
class Channel(TimeStampedModel):
    """One way out: a unit's group robot (工作群), or the city's SMS gateway or e-mail."""

    scope_fields = ("unit",)

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=ChannelKind.choices)
    unit = unit_fk(_("unit"), "channels", optional=True)
    url_cipher = models.TextField(_("address"), blank=True, editable=False)
    secret_cipher = models.TextField(_("secret"), blank=True, editable=False)
    # SMS gateway: the method, the parameters (JSON with {phone}, {text}, {secret}) and
    # the word the answer must contain to count as sent (blank: any 2xx answer).
    method = models.CharField(
        _("method"), max_length=4, choices=HttpMethod.choices, default=HttpMethod.POST
    )
    params_cipher = models.TextField(_("parameters"), blank=True, editable=False)
    success_text = models.CharField(_("success condition"), max_length=100, blank=True)
    daily_cap = models.PositiveIntegerField(
        _("daily cap"), default=500, help_text=_("SMS: at most this many messages a day.")
    )
    markdown = models.BooleanField(
        _("markdown"), default=False, help_text=_("Group robots: send markdown, not text.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    # The secrets: set in plain, stored encrypted, shown masked.
    @property
    def url(self) -> str:
        return crypto.decrypt(self.url_cipher, PURPOSE)

    @url.setter
    def url(self, value: str) -> None:
        self.url_cipher = crypto.encrypt(value or "", PURPOSE)

    @property
    def secret(self) -> str:
        return crypto.decrypt(self.secret_cipher, PURPOSE)

    @secret.setter
    def secret(self, value: str) -> None:
        self.secret_cipher = crypto.encrypt(value or "", PURPOSE)

    @property
    def params(self) -> str:
        return crypto.decrypt(self.params_cipher, PURPOSE)

    @params.setter
    def params(self, value: str) -> None:
        self.params_cipher = crypto.encrypt(value or "", PURPOSE)

    @property
    def url_masked(self) -> str:
        return masked(self.url)

    @property
    def secret_masked(self) -> str:
        return masked(self.secret)

    @property
    def is_group(self) -> bool:
        return self.kind in (ChannelKind.WECOM, ChannelKind.DINGTALK)


class Claimed(models.Model):
    """Work a worker claims before it does it: ``claimed_by`` holds it until
    ``lease_until`` (a worker that dies lets it go when the lease ends), ``attempts``
    counts the tries."""

    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=64, blank=True)

    class Meta:
        abstract = True


class Delivery(Claimed, TimeStampedModel):
    """One message through one channel (the outbox): written in the transaction of the
    notice it carries, sent afterwards by the worker, retried with back-off."""

    # Exempt from the change log: the delivery record is itself the log of sending.
    audit_exempt = True
    scope_fields = ("channel__unit", "recipient__unit")
    scope_owner_fields = ("recipient",)

    channel = foreign_key(Channel, _("channel"), "deliveries")
    notification = foreign_key(
        "tasks.Notification",
        _("notification"),
        "deliveries",
        optional=True,
        on_delete=models.SET_NULL,
    )
    recipient = user_fk(_("recipient"), "deliveries", optional=True, on_delete=models.SET_NULL)
    # What makes the message one: a second notice of the same thing to the same channel
    # is not written again (e.g. "event:12" for a unit's group).
    key = models.CharField(_("key"), max_length=100)
    topic = models.CharField(_("topic"), max_length=30)
    address = models.CharField(_("address"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    mentions = models.JSONField(_("mentioned"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]
        constraints = [
            models.UniqueConstraint(fields=["channel", "key"], name="delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.title}"


@audited()
class Preference(TimeStampedModel):
    """Which notices reach a person by SMS and by e-mail (the group robots get every
    notice of the unit). Without a row, the defaults: red sheets and returns by SMS to a
    unit's head, nothing by e-mail."""

    scope_fields = ("user__unit",)
    scope_owner_fields = ("user",)

    user = foreign_key(
        "org.User", _("person"), "notice_preference", one=True, on_delete=models.CASCADE
    )
    is_unit_head = models.BooleanField(_("head of the unit"), default=False)
    sms_topics = models.JSONField(_("by SMS"), default=list, blank=True)
    email_topics = models.JSONField(_("by e-mail"), default=list, blank=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        ordering = ["user"]

    def __str__(self) -> str:
        return str(self.user)


# The code is the program's fixed name for the job (its name is shown); the next run
# moves with every run: neither is a change anybody made.
@audited(exclude_fields=("code", "next_run_at"))
class Job(TimeStampedModel):
    """A periodic job (定时任务): what runs and when (a cron expression in the city's
    time)."""

    scope_global = True

    code = models.CharField(_("code"), max_length=40, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100, editable=False)
    schedule = models.CharField(
        _("schedule"),
        max_length=100,
        help_text=_("A cron expression: minute hour day month weekday, e.g. 30 8 * * 1-5."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def last_run(self) -> JobRun | None:
        return self.runs.order_by("-started_at", "-pk").first()


class JobRun(TimeStampedModel):
    """One run of a job: when, what it did, or the error it ended with."""

    audit_exempt = True  # the run record is itself the log
    scope_global = True

    job = foreign_key(Job, _("job"), "runs", on_delete=models.CASCADE)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    ok = models.BooleanField(_("succeeded"), null=True)
    result = models.TextField(_("result"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M}"


class BackgroundJobQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> BackgroundJobQuerySet:
        # A background job is the account's it runs for alone, whatever their roles.
        if action != "view" or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


class BackgroundJob(Claimed, TimeStampedModel):
    """Work one person started that runs on the worker instead of in their request (a
    large import): its kind, what it needs (``params``), who it runs as (``owner``),
    where it stands and what came of it (``result``, or the ``error``). ``key`` makes a
    job once: a second job with the same key is refused (e.g. two confirmations of one
    uploaded file)."""

    # Exempt from the change log: the record is itself the log of the job; what the job
    # changes is recorded with the owner as its author.
    audit_exempt = True
    scope_fields = ("owner__unit",)
    scope_owner_fields = ("owner",)

    kind = models.CharField(_("kind"), max_length=30)
    owner = user_fk(_("started by"), "background_jobs", on_delete=models.CASCADE)
    key = models.CharField(_("key"), max_length=100, unique=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="background_job_due")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
