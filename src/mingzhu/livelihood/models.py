"""接诉即办 (citizen requests answered on time), 防止致贫返贫监测 (return-to-poverty
monitoring), 幸福家园 (village mutual-aid funds) and 全民参保 (insurance coverage).

A request's status is read from its current task; personal data is stored
encrypted (``protect``), shown masked, and kept out of the audit trail.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, task_link, unit_fk, user_fk
from mingzhu.core.models import ImmutableError, Named, TimeStampedModel, WrittenOnce
from mingzhu.core.numbers import number
from mingzhu.tasks.backed import TaskBacked
from mingzhu.tasks.choices import DeadlineBasis

from . import protect, services
from .choices import (
    AidReason,
    Channel,
    Elimination,
    EntryKind,
    EntryStatus,
    HouseholdType,
    MeasureKind,
    RequestAction,
    RequestStatus,
    RequestType,
    Satisfaction,
    Scheme,
)

# Encrypted columns and their digests never enter the change log.
REQUEST_SECRET_FIELDS = ("name_cipher", "phone_cipher", "phone_digest")
HOUSEHOLD_SECRET_FIELDS = ("id_cipher", "id_digest")


@audited()
class RequestCategory(TimeStampedModel):
    """A node of the configurable category tree (roads, water, heating …), with the unit
    that usually handles it."""

    scope_global = True

    name = models.CharField(_("name"), max_length=60)
    parent = foreign_key("self", _("parent category"), "children", optional=True)
    default_unit = unit_fk(_("usual unit"), optional=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="lh_category_unique_name")
        ]

    str_related = ("parent",)

    def __str__(self) -> str:
        return f"{self.parent.name}/{self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("A category cannot sit below itself.")})
            seen.add(node.pk)
            node = node.parent


@audited()
class TimeLimit(TimeStampedModel):
    """The time limit of a request type (editable): to answer, and to accept (respond)."""

    scope_global = True

    request_type = models.CharField(
        _("request type"), max_length=20, choices=RequestType.choices, unique=True
    )
    handling_days = models.PositiveSmallIntegerField(
        _("time limit to answer"), validators=[MaxValueValidator(60)]
    )
    basis = models.CharField(
        _("counted in"),
        max_length=20,
        choices=[c for c in DeadlineBasis.choices if c[0] != DeadlineBasis.WORKING_HOURS],
        default=DeadlineBasis.WORKING_DAYS,
    )
    response_days = models.PositiveSmallIntegerField(
        _("time limit to accept (working days)"),
        default=1,
        validators=[MaxValueValidator(10)],
        help_text=_("0: the same day."),
    )

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["request_type"]

    def __str__(self) -> str:
        return self.get_request_type_display()


@audited()
class RateWeights(TimeStampedModel):
    """The weights of the composite score of the three rates (三率), in percent."""

    scope_global = True

    name = models.CharField(_("name"), max_length=40, unique=True, default="default")
    response = models.PositiveSmallIntegerField(
        _("response rate weight (%)"), default=20, validators=[MaxValueValidator(100)]
    )
    resolution = models.PositiveSmallIntegerField(
        _("resolution rate weight (%)"), default=40, validators=[MaxValueValidator(100)]
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction rate weight (%)"), default=40, validators=[MaxValueValidator(100)]
    )
    # 响应: the unit contacts the caller (联系诉求人) within this many working hours of the
    # dispatch. 签收 (accepting in the system) is counted apart, by each type's limit.
    contact_hours = models.PositiveSmallIntegerField(
        _("time limit to contact the caller (working hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    # Who is ranked: a unit with fewer dispatched or fewer called-back requests in the month
    # than this is shown but not ranked; the red and black lists hold this many places.
    min_cases = models.PositiveSmallIntegerField(
        _("least requests to be ranked"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    list_size = models.PositiveSmallIntegerField(
        _("places on the red and on the black list"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    class Meta:
        verbose_name = _("rate weights")
        verbose_name_plural = _("rate weights")

    def __str__(self) -> str:
        return f"{self.response}/{self.resolution}/{self.satisfaction}"

    def get_absolute_url(self) -> str:
        return reverse("livelihood:rates")

    def clean(self) -> None:
        if (self.response or 0) + (self.resolution or 0) + (self.satisfaction or 0) != 100:
            raise ValidationError(_("The three weights must add up to 100."))

    @classmethod
    def current(cls) -> RateWeights:
        return cls.objects.filter(name="default").first() or cls(name="default")


@audited(exclude_fields=REQUEST_SECRET_FIELDS)
class CitizenRequest(TaskBacked, TimeStampedModel):
    """A citizen's request (诉求): consultation, help, complaint, report, suggestion or an
    urgent matter. Handled as a task of the engine; the current round is ``task``."""

    scope_fields = ("town", "village", "task__lead_unit")
    # Columns encrypted with the personal-data key (checked at start-up: mingzhu.E008).
    encrypted_fields = ("name_cipher", "phone_cipher")

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    request_type = models.CharField(_("type"), max_length=20, choices=RequestType.choices)
    category = foreign_key(RequestCategory, _("request category"))
    content = models.TextField(_("content"))
    town = unit_fk(_("town"))
    village = unit_fk(_("village or community"), optional=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    name_cipher = models.TextField(blank=True, editable=False)
    name_masked = models.CharField(_("requester"), max_length=40, blank=True, editable=False)
    phone_cipher = models.TextField(blank=True, editable=False)
    phone_masked = models.CharField(_("phone"), max_length=20, blank=True, editable=False)
    phone_digest = models.CharField(max_length=32, blank=True, editable=False, db_index=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    received_by = user_fk(_("received by"), optional=True)
    # Several rounds: a foreign key to the current one.
    task = foreign_key("tasks.Task", _("current task"), optional=True)
    # Facts of the request's life (not copies of the task's status; whether it was
    # reopened after a callback is read from its task's rating events).
    pending_return = models.BooleanField(_("returned, awaiting re-dispatch"), default=False)
    return_count = models.PositiveSmallIntegerField(_("returns"), default=0)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("citizen request")
        verbose_name_plural = _("citizen requests")
        ordering = ["-received_at", "-pk"]
        permissions = [("reveal_requester", _("Can see requesters' names and phones in full"))]
        indexes = [
            models.Index(fields=["received_at"], name="lh_request_received"),
            models.Index(fields=["village", "category"], name="lh_request_place_cat"),
        ]

    def __str__(self) -> str:
        return self.number or _("new request")

    def set_requester(self, name: str, phone: str) -> None:
        self.name_cipher = protect.encrypt(name)
        self.name_masked = protect.mask_name(name)
        self.phone_cipher = protect.encrypt(phone)
        self.phone_masked = protect.mask_phone(phone)
        self.phone_digest = protect.digest(phone)

    def requester_name(self) -> str:
        return protect.decrypt(self.name_cipher)

    def requester_phone(self) -> str:
        return protect.decrypt(self.phone_cipher)

    status_choices = RequestStatus
    status_from_task = services.REQUEST_FROM_TASK
    status_without_task = RequestStatus.REGISTERED

    def status_of(self, task_status: str | None) -> str:
        return services.request_status(task_status, self.pending_return)

    @classmethod
    def status_expression(cls):
        """A request returned by its unit waits for the desk whatever its task says."""
        return cls.task_status_expression(**{RequestStatus.RETURNED: Q(pending_return=True)})

    @property
    def place(self) -> str:
        return str(self.village or self.town)


class RequestEvent(WrittenOnce, TimeStampedModel):
    """A step of a request's life that is not a transition of its task: registered (no
    task yet), dispatched or re-dispatched to a unit (which task serves the request), and
    returned by the unit (退单: the task waits, the request goes back to the desk). The
    rest of its history (acceptance, answer, callbacks, rework) is its tasks' events."""

    # Immutable and itself the record of the step, like the task engine's events.
    audit_exempt = True
    scope_fields = ("request__town", "request__village", "request__task__lead_unit")

    request = foreign_key(CitizenRequest, _("request"), "events")
    action = models.CharField(_("action"), max_length=20, choices=RequestAction.choices)
    actor = user_fk(_("actor"), null=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    unit = unit_fk(_("unit"), optional=True)
    task = foreign_key("tasks.Task", _("task"), optional=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"


@audited()
class Callback(TimeStampedModel):
    """The desk's call back (回访) after the unit answered: resolved, and how satisfied.
    Each callback is also the task's rating event (``tasks.actions.rate``); a task
    reopened once is called back twice."""

    scope_fields = ("request__town", "request__village", "task__lead_unit")

    request = foreign_key(CitizenRequest, _("request"), "callbacks")
    task = foreign_key("tasks.Task", _("task"), "citizen_callbacks")
    resolved = models.BooleanField(_("resolved"))
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True)
    called_by = user_fk(_("called back by"), null=True)
    called_at = models.DateTimeField(_("called back at"), default=timezone.now)

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        ordering = ["called_at", "pk"]

    str_related = ("request",)

    def __str__(self) -> str:
        return f"{self.request} · {self.get_satisfaction_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ImmutableError("A callback cannot be changed.")
        super().save(*args, **kwargs)


class PersonalDataAccess(WrittenOnce, TimeStampedModel):
    """Who saw a phone, name or ID number in full, when, and of which record."""

    # This is the audit record of looking; it is written once and never changed.
    audit_exempt = True
    scope_fields = ("unit",)

    viewer = user_fk(_("viewer"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("record"), max_length=100)
    fields = models.CharField(_("fields"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=20)  # "view" or "export"
    unit = unit_fk(_("unit"))

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at", "-pk"]

    str_related = ("viewer",)

    def __str__(self) -> str:
        return f"{self.viewer} · {self.object_repr}"


@audited(exclude_fields=("blob",))
class DispatchModel(TimeStampedModel):
    """A trained dispatch classifier (智能派单) with its accuracy on held-back history."""

    scope_global = True

    trained_at = models.DateTimeField(_("trained at"))
    samples = models.PositiveIntegerField(_("training requests"))
    held_out = models.PositiveIntegerField(_("held-back requests"))
    # The accuracy is measured on the newest requests, received in this period, by a model
    # fitted on the older ones only.
    held_out_from = models.DateField(_("held back from"), null=True, blank=True)
    held_out_to = models.DateField(_("held back to"), null=True, blank=True)
    top1 = models.FloatField(_("top-1 accuracy"))
    top3 = models.FloatField(_("top-3 accuracy"))
    units = models.JSONField(_("units"), default=list)
    seconds = models.FloatField(_("training time (s)"), default=0)
    blob = models.BinaryField(editable=False)

    class Meta:
        verbose_name = _("dispatch model")
        verbose_name_plural = _("dispatch models")
        ordering = ["-trained_at", "-pk"]
        permissions = [("train_dispatchmodel", _("Can train the dispatch classifier"))]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("livelihood:classifier")


# -- 防止致贫返贫监测帮扶 ---------------------------------------------------------


@audited()
class MonitoringLine(TimeStampedModel):
    """The year's monitoring line (防止返贫监测范围): per-capita net income, 元 a year."""

    scope_global = True

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(
        _("line (yuan per person and year)"),
        max_digits=10,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1000))],
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("monitoring line")
        verbose_name_plural = _("monitoring lines")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {number(self.amount)}"


def validate_income(value) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("An income cannot be negative."))
    if 0 < value < 100:
        raise ValidationError(
            _("%(value)s looks like 万元: enter the per-capita income in yuan a year (e.g. 12000).")
            % {"value": value}
        )
    if value > 1_000_000:
        raise ValidationError(_("%(value)s yuan per person is not plausible.") % {"value": value})


@audited(exclude_fields=HOUSEHOLD_SECRET_FIELDS)
class MonitoredHousehold(TimeStampedModel):
    """A household watched against the year's monitoring line."""

    scope_fields = ("village",)
    encrypted_fields = ("id_cipher",)

    village = unit_fk(_("village or community"))
    household_type = models.CharField(_("type"), max_length=20, choices=HouseholdType.choices)
    head_name = models.CharField(_("head of household"), max_length=40)
    id_cipher = models.TextField(blank=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=20, blank=True, editable=False)
    id_digest = models.CharField(max_length=32, blank=True, editable=False, db_index=True)
    members = models.PositiveSmallIntegerField(
        _("members"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    income_year = models.PositiveSmallIntegerField(_("income year"))
    income_per_capita = models.DecimalField(
        _("per-capita net income (yuan a year)"),
        max_digits=10,
        decimal_places=0,
        validators=[validate_income],
    )
    risk_causes = models.JSONField(_("risk causes"), default=list)
    cadre = models.CharField(_("cadre responsible"), max_length=40)
    identified_on = models.DateField(_("identified on"))
    elimination = models.CharField(
        _("risk status"), max_length=20, choices=Elimination.choices, default=Elimination.NONE
    )
    elimination_reason = models.TextField(_("reason for eliminating the risk"), blank=True)
    eliminated_on = models.DateField(_("risk eliminated on"), null=True, blank=True)
    proposed_by = user_fk(None, optional=True)
    reviewed_by = user_fk(_("reviewed by"), optional=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("monitored household")
        verbose_name_plural = _("monitored households")
        ordering = ["village__path", "pk"]
        permissions = [
            ("reveal_id_number", _("Can see ID numbers in full")),
            ("review_elimination", _("Can decide that a household's risk is eliminated")),
        ]

    str_related = ("village",)

    def __str__(self) -> str:
        return f"{self.village} · {self.head_name}"

    def set_id_number(self, number: str) -> None:
        self.id_cipher = protect.encrypt(number)
        self.id_masked = protect.mask_id(number)
        self.id_digest = protect.digest(number)

    def id_number(self) -> str:
        return protect.decrypt(self.id_cipher)

    def clean(self) -> None:
        bad = [c for c in self.risk_causes or [] if c not in services.RISK_CAUSES]
        if bad or not isinstance(self.risk_causes, list):
            raise ValidationError({"risk_causes": _("Unknown risk cause.")})


@audited()
class AssistanceMeasure(TaskBacked, TimeStampedModel):
    """An assistance measure (帮扶措施) for a household: a task of the engine."""

    scope_fields = ("household__village", "task__lead_unit")

    household = foreign_key(MonitoredHousehold, _("monitored household"), "measures")
    kind = models.CharField(_("kind"), max_length=20, choices=MeasureKind.choices)
    description = models.TextField(_("description"))
    task = task_link("+", optional=False)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("assistance measure")
        verbose_name_plural = _("assistance measures")
        ordering = ["pk"]

    str_related = ("household",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.household}"

    def get_absolute_url(self) -> str:
        return self.household.get_absolute_url()


# -- 幸福家园 村社互助 -------------------------------------------------------------


@audited()
class MutualAidFund(Named, TimeStampedModel):
    """A village's 幸福家园 mutual-aid fund."""

    scope_fields = ("village",)

    village = unit_fk(_("village or community"), one=True)
    name = models.CharField(_("name"), max_length=100)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("mutual-aid fund")
        verbose_name_plural = _("mutual-aid funds")
        ordering = ["village__path"]


@audited()
class FundEntry(TimeStampedModel):
    """A donation in or aid out, in 万元. Immutable once approved; a correction is a new
    entry that refers to the one it corrects."""

    scope_fields = ("fund__village",)

    fund = foreign_key(MutualAidFund, _("fund"), "entries")
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount (10k yuan)"), max_digits=12, decimal_places=4)
    date = models.DateField(_("date"))
    donor = models.CharField(_("donor"), max_length=100, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    recipient = models.CharField(_("recipient household"), max_length=100, blank=True)
    household = foreign_key(MonitoredHousehold, _("monitored household"), optional=True)
    reason = models.CharField(_("reason"), max_length=20, choices=AidReason.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    recorded_by = user_fk(_("recorded by"), null=True)
    approved_by = user_fk(_("approver"), optional=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    corrects = foreign_key("self", _("corrects"), "corrections", optional=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["date", "pk"]
        permissions = [("approve_fundentry", _("Can approve fund entries"))]

    str_related = ("fund",)

    def __str__(self) -> str:
        return f"{self.fund} · {self.get_kind_display()} {number(self.amount)}"

    def get_absolute_url(self) -> str:
        return self.fund.get_absolute_url()

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            stored = FundEntry._base_manager.filter(pk=self.pk).values_list("status", flat=True)
            if stored.first() == EntryStatus.APPROVED:
                raise ImmutableError("An approved entry cannot be changed; add a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if FundEntry._base_manager.filter(pk=self.pk, status=EntryStatus.APPROVED).exists():
            raise ImmutableError("An approved entry cannot be deleted; add a correction.")
        return super().delete(*args, **kwargs)


# -- 全民参保 ----------------------------------------------------------------------


@audited()
class CoverageTarget(TimeStampedModel):
    """The city's target coverage rate of a scheme for a year."""

    scope_global = True

    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.CharField(_("insurance scheme"), max_length=20, choices=Scheme.choices)
    rate = models.DecimalField(
        _("target rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("coverage target")
        verbose_name_plural = _("coverage targets")
        ordering = ["-year", "scheme"]
        constraints = [
            models.UniqueConstraint(fields=["year", "scheme"], name="lh_coverage_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_scheme_display()} {number(self.rate)}%"


@audited()
class CoverageRecord(TaskBacked, TimeStampedModel):
    """Registered residents and insured persons of a village for a scheme and year (from
    the social security bureau), with the follow-up task when below the target."""

    scope_fields = ("village", "task__lead_unit")

    village = unit_fk(_("village or community"))
    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.CharField(_("insurance scheme"), max_length=20, choices=Scheme.choices)
    registered = models.PositiveIntegerField(_("registered residents"))
    insured = models.PositiveIntegerField(_("insured persons"))
    task = foreign_key("tasks.Task", _("follow-up task"), optional=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("coverage record")
        verbose_name_plural = _("coverage records")
        ordering = ["-year", "village__path", "scheme"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "scheme"], name="lh_coverage_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(insured__lte=models.F("registered")),
                name="lh_coverage_insured_le_registered",
                violation_error_message=_("No more people insured than registered."),
            ),
        ]

    str_related = ("village",)

    def __str__(self) -> str:
        return f"{self.village} {self.year} {self.get_scheme_display()}"

    def get_absolute_url(self) -> str:
        return reverse("livelihood:coveragerecord_list")

    @property
    def rate(self) -> float | None:
        return services.coverage_rate(self.registered, self.insured)
