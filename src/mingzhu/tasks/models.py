"""The closed-loop engine (清单式交办、销号式管理): task lists, tasks, their immutable
events and supervision sheets."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, connection, models, transaction
from django.db.models.functions import Coalesce, Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, unit_fk, user_fk
from mingzhu.core.models import (
    FieldErrors,
    FileAttachment,
    Named,
    ScopedModel,
    TimeStampedModel,
    WrittenOnce,
)
from mingzhu.core.uploads import EVIDENCE_KINDS
from mingzhu.org.models import check_city_units

from . import services
from .choices import (
    ACTIVE,
    DayKind,
    DeadlineBasis,
    EventAction,
    ListKind,
    NoticeKind,
    SheetLevel,
    SourceKind,
    Status,
    Urgency,
)


@audited()
class TaskList(Named, TimeStampedModel):
    """A list (清单) of tasks issued together: a year's work priorities, a meeting, a
    campaign, an inspection's rectification list."""

    scope_fields = ("issuer", "tasks__lead_unit")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=ListKind.choices)
    issuer = unit_fk(_("issuing unit"), "issued_task_lists")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source document"), max_length=300, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("task list")
        verbose_name_plural = _("task lists")
        ordering = ["-year", "name"]


def _unit_token(unit) -> str:
    """The issuing unit's short code inside a task code: YZ-DEPT-DB -> DB."""
    token = re.sub(r"[^A-Za-z0-9]", "", unit.code.rsplit("-", 1)[-1]).upper()
    return token[:12] or "X"


# Reverse relations are left out: the change log's history page cannot label them.
@audited(m2m_fields=("co_units",))
class Task(TimeStampedModel):
    scope_fields = ("lead_unit", "co_units", "issuer")

    code = models.CharField(_("code"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"), blank=True)
    task_list = foreign_key(TaskList, _("task list"), "tasks", optional=True)
    parent = foreign_key("self", _("parent task"), "children", optional=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("Weight in the parent task's progress.")
    )
    issuer = unit_fk(_("issuing unit"), "issued_tasks")
    lead_unit = unit_fk(_("lead unit"), "led_tasks")
    co_units = models.ManyToManyField(
        "org.OrgUnit", verbose_name=_("co-operating units"), blank=True, related_name="+"
    )
    leader = user_fk(_("responsible leader"), "led_tasks", optional=True, on_delete=models.SET_NULL)
    assignee = user_fk(_("assignee"), "assigned_tasks", optional=True, on_delete=models.SET_NULL)
    deadline = models.DateField(_("deadline"))
    # 长期坚持 / 持续推进: no fixed deadline; ``deadline`` is the day the next progress
    # report is due (services.next_report_due), moved on by each report.
    long_running = models.BooleanField(
        _("long-running"),
        default=False,
        help_text=_("No fixed deadline: progress is reported every month instead."),
    )
    # The 序号 of the task in its list's sheet: a re-import updates the task it names.
    list_number = models.CharField(_("number in list"), max_length=20, blank=True)
    # Only for the working-hours basis; see Task.save.
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True)
    deadline_basis = models.CharField(
        _("deadline basis"),
        max_length=20,
        choices=DeadlineBasis.choices,
        default=DeadlineBasis.CALENDAR_DAYS,
    )
    time_limit = models.PositiveIntegerField(
        _("time limit"),
        null=True,
        blank=True,
        help_text=_("In units of the deadline basis (days or working hours), where one was set."),
    )
    requested_deadline = models.DateField(_("requested new deadline"), null=True, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    result = models.TextField(_("result"), blank=True)
    rework_count = models.PositiveSmallIntegerField(_("rework count"), default=0)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    source_kind = models.CharField(
        _("source kind"), max_length=30, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_object = GenericForeignKey("content_type", "object_id")
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "code"]
        permissions = [("verify_task", _("Can assign, verify and supervise tasks"))]
        indexes = [
            # The ledger's order: a page is a walk along this index, not a sort.
            models.Index(fields=["deadline", "code"], name="task_deadline_code"),
            # Covering: status, light and scope filters are counted from the index alone.
            models.Index(
                fields=["status", "deadline"],
                include=["progress", "assigned_on", "created_at", "lead_unit", "issuer", "id"],
                name="task_status_deadline_cover",
            ),
            # A unit's tasks by status and deadline, covering the light rule's columns: the
            # scoped count of a light or status filter reads this index alone.
            models.Index(
                fields=["lead_unit", "status", "deadline"],
                include=["progress", "assigned_on", "created_at", "issuer", "id"],
                name="task_lead_status_cover",
            ),
            models.Index(fields=["lead_unit", "deadline"], name="task_lead_deadline"),
            # The active tasks alone (those that carry a light), by lead unit and deadline,
            # with every column of the light rule: the cockpit's lights per unit are read
            # from this index, a fraction of the ledger, without the rows.
            models.Index(
                fields=["lead_unit", "deadline"],
                include=["progress", "assigned_on", "created_at", "long_running", "issuer", "id"],
                condition=models.Q(status__in=ACTIVE),
                name="task_active_cover",
            ),
            # When a task falls due for the on-time rate: its original deadline when it was
            # extended, else its deadline (the cockpit's grid cases due in a month), with
            # the columns the rate and the scope read, so that the rows are not read.
            models.Index(
                Coalesce("original_deadline", "deadline"),
                include=[
                    "status",
                    "deadline",
                    "original_deadline",
                    "closed_on",
                    "lead_unit",
                    "issuer",
                    "id",
                ],
                name="task_due_on",
            ),
            # Tasks looked up by id (a co-unit's tasks, when a scope is counted in parts)
            # with the columns of the ledger's filters and of the light rule, without
            # reading the rows.
            models.Index(
                fields=["id"],
                include=[
                    "status",
                    "deadline",
                    "lead_unit",
                    "issuer",
                    "progress",
                    "assigned_on",
                    "created_at",
                    "long_running",
                ],
                name="task_id_cover",
            ),
            models.Index(fields=["content_type", "object_id"], name="task_source_object"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="task_progress_max",
                violation_error_message=_("Progress must be between 0 and 100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def validate_constraints(self, exclude=None) -> None:
        """Django's checks of the constraints, ``task_progress_max`` (the only one that
        reads ``progress``) made in Python on a whole number: Django asks the database
        with a query (in a savepoint inside a transaction) for what a comparison answers.
        Same message, same place (the record's errors, not a field's)."""
        exclude = set(exclude or ())
        if "progress" in exclude or not isinstance(self.progress, int):
            super().validate_constraints(exclude=exclude)
            return
        errors = {}
        try:
            super().validate_constraints(exclude=exclude | {"progress"})
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.progress > 100:
            (check,) = [c for c in self._meta.constraints if c.name == "task_progress_max"]
            refused = ValidationError(
                check.get_violation_error_message(), code=check.violation_error_code
            )
            errors = refused.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @property
    def start_on(self) -> dt.date:
        if self.assigned_on:
            return self.assigned_on
        return timezone.localdate(self.created_at) if self.created_at else self.deadline

    def light_on(self, as_of: dt.date) -> str | None:
        return services.light(
            status=self.status,
            deadline=self.deadline,
            progress=self.progress,
            start=self.start_on,
            as_of=as_of,
            long_running=self.long_running,
        )

    # The year of the task's creation when back-dated (create_task(at=...)); see save().
    code_year: int | None = None

    def clean(self) -> None:
        super().clean()
        if self.lead_unit_id:
            try:
                lead_unit = self.lead_unit
            except ObjectDoesNotExist:
                return  # no such unit: the field's own check (clean_fields) says so
            check_city_units("lead_unit", lead_unit)

    def code_prefix(self) -> str:
        """The start of the task's code: year (the task list's, else the year the task is
        created in, never its deadline's) and the issuing unit's token, e.g. ``2025-DB-``."""
        year = (self.task_list.year if self.task_list_id else None) or (
            self.code_year or timezone.localdate().year
        )
        return f"{year}-{_unit_token(self.issuer)}-"

    @staticmethod
    def last_number(prefix: str) -> int:
        """The highest number given under ``prefix`` so far (0: none), read from the codes
        themselves. Longer codes first, so that 10000 comes after 9999. This reads every
        code of the prefix: new codes take their numbers from ``TaskCodeCounter``, which
        asks here once per prefix, and again only when a code was given by other means."""
        last = (
            Task._base_manager.filter(code__startswith=prefix)
            .annotate(code_length=Length("code"))
            .order_by("-code_length", "-code")
            .values_list("code", flat=True)
            .first()
        )
        return int(last.rsplit("-", 1)[-1]) if last else 0

    @staticmethod
    def code_for(prefix: str, number: int) -> str:
        return f"{prefix}{number:04d}"

    def save(self, *args, **kwargs) -> None:
        """A deadline counted in working hours (e.g. a grid event's "exposed garbage: 4
        working hours") is a moment: ``due_at``. ``deadline`` stays a date, the local
        date of ``due_at``, so the light rules, sheets, filters and metrics, which work
        by the day (``as_of`` is a date, supervision runs daily), treat every basis the
        same: a working-hours task is yellow on its due day and red from the next one.
        The exact moment serves whoever needs the hour (the grid's on-time closure).
        """
        if self.due_at is not None:
            self.deadline = timezone.localdate(self.due_at, services.WORK_ZONE)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "due_at" in update_fields:
                kwargs["update_fields"] = {*update_fields, "deadline"}
        if self.code:
            moved = not self._state.adding
            super().save(*args, **kwargs)
            if moved:
                self._move_sheets(kwargs.get("update_fields"))
            return
        # A readable code: year, issuing unit, sequence (``code_prefix``), its number
        # taken from the prefix's counter in the same savepoint as the insert. A code
        # given by other means (the demo's examples) that the counter did not know of:
        # the counter is set past it and the save tried again.
        prefix = self.code_prefix()
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    self.code = Task.code_for(prefix, TaskCodeCounter.reserve(prefix))
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                taken = Task._base_manager.filter(code=self.code).exists()
                self.code = ""
                self.pk = None
                if not taken:
                    raise  # not the code: some other constraint
                TaskCodeCounter.catch_up(prefix)
        raise IntegrityError(f"could not allocate a task code with prefix {prefix}")

    def _move_sheets(self, update_fields) -> None:
        """The task's supervision sheets follow it to its lead unit and issuer of now
        (``SupervisionSheet.lead_unit``): one update, by the sheets' task index, when a
        save may have changed either."""
        if update_fields is not None and not SHEET_FOLLOWS.intersection(update_fields):
            return
        self.sheets.exclude(lead_unit_id=self.lead_unit_id, issuer_id=self.issuer_id).update(
            lead_unit_id=self.lead_unit_id, issuer_id=self.issuer_id
        )


# A task's fields that its supervision sheets carry.
SHEET_FOLLOWS = frozenset({"lead_unit", "lead_unit_id", "issuer", "issuer_id"})


class TaskCodeCounter(ScopedModel):
    """The last number given under a task code's prefix (year and issuing unit, e.g.
    ``2025-DB-``). A new code is one update of this row, whatever the size of the ledger,
    instead of a read of every code of the prefix; the row stays locked until the
    creating transaction ends, so two creations under one prefix never take the same
    number, and a creation rolled back gives its numbers back."""

    # Not business data: the codes it hands out are on the tasks, which are audited.
    audit_exempt = True
    scope_global = True

    prefix = models.CharField(_("code prefix"), max_length=40, primary_key=True)
    number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("task code counter")
        verbose_name_plural = _("task code counters")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.prefix}{self.number:04d}"

    @classmethod
    def reserve(cls, prefix: str, count: int = 1) -> int:
        """The first of ``count`` new numbers under ``prefix``. A prefix without a row yet
        starts after the highest number its codes already carry (``Task.last_number``)."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET number = number + %s WHERE prefix = %s RETURNING number",
                [count, prefix],
            )
            row = cursor.fetchone()
            if row is None:
                start = Task.last_number(prefix)
                cursor.execute(
                    f"INSERT INTO {table} (prefix, number) VALUES (%s, %s) ON CONFLICT (prefix)"
                    f" DO UPDATE SET number = {table}.number + %s RETURNING number",
                    [prefix, start + count, count],
                )
                row = cursor.fetchone()
        return row[0] - count + 1

    @classmethod
    def catch_up(cls, prefix: str) -> None:
        """The counter set past every number the prefix's codes carry (codes given by other
        means than ``reserve``)."""
        last = Task.last_number(prefix)
        cls.objects.filter(prefix=prefix, number__lt=last).update(number=last)


class TaskEvent(WrittenOnce, TimeStampedModel):
    """One transition or progress report: immutable, the task's own record."""

    # Exempt from the change log: the event is itself the audit record, and can never
    # be changed or deleted.
    audit_exempt = True
    scope_fields = ("task__lead_unit", "task__co_units", "task__issuer")

    task = foreign_key(Task, _("task"), "events")
    actor = user_fk(_("actor"), optional=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    action = models.CharField(_("action"), max_length=30, choices=EventAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    # Rating events only: whether the requester was satisfied.
    satisfied = models.BooleanField(_("satisfied"), null=True, blank=True)

    class Meta:
        verbose_name = _("task event")
        verbose_name_plural = _("task events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["task", "at"], name="task_event_task_at")]

    def __str__(self) -> str:
        return f"{self.task_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> NotificationQuerySet:
        """The user's own notifications: of tasks they may still see, and the notices
        about something else (a sheet, a re-check, a demand, a digest), whose link leads
        to a page that checks the scope itself."""
        from mingzhu.core.scope import restrict

        if not getattr(user, "is_authenticated", False):
            return self.none()
        visible = restrict(Task.objects.all(), user, "view").values("pk")
        return self.filter(recipient=user).filter(
            ~models.Q(kind=NoticeKind.EVENT) | models.Q(task__in=visible)
        )

    def restrict(self, user, action: str = "view") -> NotificationQuerySet:
        # A notification is its recipient's alone, whatever their roles' scope.
        return self.for_user(user) if action == "view" else self.none()


class Notification(TimeStampedModel):
    """Something one person has to do or to know (站内通知): a task event, a supervision
    sheet, a re-check due, a demand raised or answered, a digest. Written in the same
    transaction as what it tells of, read in the app, and handed to the outbound
    channels by the listeners of ``tasks.notices``."""

    # Exempt from the change log: a delivery record of a TaskEvent, which is the record.
    audit_exempt = True
    scope_fields = ("recipient__unit",)
    scope_owner_fields = ("recipient",)

    recipient = user_fk(_("recipient"), "notifications", on_delete=models.CASCADE)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.EVENT
    )
    task = foreign_key(Task, _("task"), optional=True, on_delete=models.CASCADE)
    event = foreign_key(TaskEvent, _("event"), optional=True, on_delete=models.CASCADE)
    sheet = foreign_key(
        "tasks.SupervisionSheet", _("supervision sheet"), optional=True, on_delete=models.CASCADE
    )
    # Notices of no task event: what they say (Chinese, written when raised) and where
    # they lead.
    text = models.CharField(_("text"), max_length=500, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once"),
            models.UniqueConstraint(fields=["recipient", "sheet"], name="notification_sheet_once"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.event_id or self.sheet_id or ''}"

    def get_link(self) -> str:
        """Where opening the notice leads."""
        if self.link:
            return self.link
        if self.task_id:
            return reverse("tasks:task_detail", args=[self.task_id])
        return reverse("tasks:notification_list")


@audited()
class Attachment(FileAttachment):
    """Evidence (photos, files) attached to an event, checked by content when uploaded."""

    scope_fields = ("event__task__lead_unit", "event__task__co_units", "event__task__issuer")
    parent_field = "event__task"
    accepted_kinds = EVIDENCE_KINDS

    event = foreign_key(TaskEvent, _("event"), "attachments")

    class Meta(FileAttachment.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


@audited()
class SupervisionSheet(TimeStampedModel):
    """A supervision sheet (督办单): one per task per level, never duplicated.

    ``unit`` is the unit supervised, the task's lead unit on the day the sheet was issued,
    and stays so. A sheet is seen by the task's lead unit and issuer as they are now:
    ``lead_unit`` and ``issuer`` are the task's, copied on the sheet and kept with the task
    (``Task.save`` moves them when the task moves), so that a unit's sheets of a quarter
    are counted from an index of the sheets alone, without joining the ledger."""

    scope_fields = ("lead_unit", "issuer")

    task = foreign_key(Task, _("task"), "sheets")
    level = models.CharField(_("level"), max_length=10, choices=SheetLevel.choices)
    issued_on = models.DateField(_("issued on"))
    unit = unit_fk(_("unit supervised"))
    # Indexed by the covering indexes below, which start with them.
    lead_unit = unit_fk(_("lead unit"), db_index=False)
    issuer = unit_fk(_("issuing unit"), db_index=False)

    class Meta:
        verbose_name = _("supervision sheet")
        verbose_name_plural = _("supervision sheets")
        ordering = ["-issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "level"], name="one_sheet_per_task_level")
        ]
        indexes = [
            # A quarter's sheets by level, city-wide and per part of a scope (the cockpit),
            # read from these indexes alone.
            models.Index(fields=["issued_on"], include=["level", "id"], name="sheet_issued_cover"),
            models.Index(
                fields=["lead_unit", "issued_on"],
                include=["level", "id"],
                name="sheet_lead_cover",
            ),
            models.Index(
                fields=["issuer", "issued_on"],
                include=["level", "lead_unit", "id"],
                name="sheet_issuer_cover",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        if self.lead_unit_id is None or self.issuer_id is None:
            task = self.task  # the task given, or read once
            self.lead_unit_id = self.lead_unit_id or task.lead_unit_id
            self.issuer_id = self.issuer_id or task.issuer_id
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.task.code}"

    def get_absolute_url(self) -> str:
        return reverse("tasks:task_detail", args=[self.task_id])


# -- a past day's lights, recorded once (the cockpit on a past day) ----------------------


class DayLights(ScopedModel):
    """The active tasks' lights at the end of a past day, per lead unit and issuing unit,
    recorded by the daily supervision job for the day before (``tasks.lights.record_day``).

    A past day's lights are read from the tasks' events (``tasks.history``), a correlated
    read of every task that a ledger of a million holds; recorded once, the cockpit of
    that day counts a few thousand rows instead. Derived data, never edited: rows are
    replaced whole by the next recording of the same day."""

    # Not business data: what the tasks' events already say, counted.
    audit_exempt = True
    scope_fields = ("lead_unit", "issuer")

    day = models.DateField(_("day"))
    lead_unit = unit_fk(_("lead unit"), db_index=False)
    issuer = unit_fk(_("issuing unit"), db_index=False)
    red = models.PositiveIntegerField(_("red"), default=0)
    yellow = models.PositiveIntegerField(_("yellow"), default=0)
    green = models.PositiveIntegerField(_("green"), default=0)

    class Meta:
        verbose_name = _("a day's task lights")
        verbose_name_plural = _("days' task lights")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "lead_unit", "issuer"], name="one_day_lights_per_units"
            )
        ]
        indexes = [models.Index(fields=["day", "issuer"], name="day_lights_issuer")]


class LightsDay(ScopedModel):
    """A day whose lights are recorded in full (``DayLights``; a day with no active task
    has no rows, so the rows alone cannot say so), and whether the record still holds."""

    audit_exempt = True
    scope_global = True

    day = models.DateField(_("day"), unique=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    # An event dated on or before the day was written after it was recorded (an action
    # played with a past ``at``): the day is read from the events again until the daily
    # job records it anew.
    stale = models.BooleanField(_("outdated"), default=False)

    class Meta:
        verbose_name = _("day of recorded lights")
        verbose_name_plural = _("days of recorded lights")

    def __str__(self) -> str:
        return self.day.isoformat()


# -- the working-day calendar (节假日安排) ------------------------------------------------

FIRST_YEAR, LAST_YEAR = 2000, 2100


@audited()
class HolidayYear(TimeStampedModel):
    """One year of the holiday arrangement (节假日安排). Its days count once the
    administrator marks the year entered from the State Council's notice; until then
    deadlines in the year follow the statutory holidays (``services.statutory_holidays``)
    and say so."""

    scope_global = True

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    entered = models.BooleanField(
        _("entered from the notice"),
        default=False,
        help_text=_(
            "The days are complete as the State Council's notice sets them; until then "
            "deadlines in this year follow the statutory holidays and carry a warning."
        ),
    )
    notice = models.CharField(
        _("notice"),
        max_length=200,
        blank=True,
        help_text=_("The notice's title or document number."),
    )

    class Meta:
        verbose_name = _("holiday arrangement")
        verbose_name_plural = _("holiday arrangements")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Holiday arrangement %(year)s") % {"year": self.year}

    def clean(self) -> None:
        errors = FieldErrors()
        if self.pk and self.year and self.days.exclude(day__year=self.year).exists():
            errors.add("year", _("The year's days lie in another year: delete them first."))
        errors.raise_if_any()


@audited()
class HolidayDay(TimeStampedModel):
    """A day of a year's arrangement: a day off (放假) or a make-up working day (调休上班)."""

    scope_global = True

    arrangement = foreign_key(
        HolidayYear, _("holiday arrangement"), "days", on_delete=models.CASCADE
    )
    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("holiday"), max_length=100, help_text=_("e.g. 春节"))

    class Meta:
        verbose_name = _("holiday arrangement day")
        verbose_name_plural = _("holiday arrangement days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name} {self.get_kind_display()}"

    def clean(self) -> None:
        errors = FieldErrors()
        if self.day and self.arrangement_id and self.day.year != self.arrangement.year:
            errors.add(
                "day",
                _("The day is not in %(year)s.") % {"year": self.arrangement.year},
            )
        errors.raise_if_any()

    def get_absolute_url(self) -> str:
        return reverse("tasks:holidayyear_detail", args=[self.arrangement_id])
