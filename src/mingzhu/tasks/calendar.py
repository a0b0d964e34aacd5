"""The working-day calendar kept in the database (节假日安排): loading it for the engine,
seeding it from the ``chinese-calendar`` library, importing a year, and the warning for
deadlines computed in a year whose arrangement is not entered yet.

The engine's functions (``services.is_workday`` and the rest) read a ``WorkCalendar``
built from the table once per process and kept until the table changes: saving or
deleting a year or a day (and ``migrate``, ``flush``) drops it, and the next computation
loads it again. Deadlines already set are never recomputed (docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable

from django import forms
from django.contrib import messages
from django.db import DatabaseError, connections, transaction
from django.utils.translation import gettext as _

from mingzhu.core.periods import parse_day as _date
from mingzhu.core.tabular import (
    Column,
    ImportResult,
    RowForm,
    WorkbookError,
    read_table,
    run_import,
)

from . import services
from .choices import DayKind
from .services import WorkCalendar

# How far ahead ``mingzhu check`` looks for a year not entered: deadlines in working days
# reach a few months at most.
LOOKAHEAD_DAYS = 92
NOTICE_TITLE = "国务院办公厅关于{year}年部分节假日安排的通知"

_lock = threading.Lock()
_cached: WorkCalendar | None = None
_generation = 0  # bumped by every invalidation, so that a load racing a change is not kept
_retry_at: float | None = None  # when the library stands in: when to try the table again
RETRY_SECONDS = 60


def load() -> WorkCalendar:
    """The calendar of the entered years, read from the table (two queries)."""
    from .models import HolidayDay, HolidayYear

    years = frozenset(HolidayYear.objects.filter(entered=True).values_list("year", flat=True))
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    rows = HolidayDay.objects.filter(arrangement__entered=True).values_list("day", "kind", "name")
    for day, kind, name in rows:
        (holidays if kind == DayKind.HOLIDAY else workdays)[day] = name
    return WorkCalendar(holidays, workdays, years)


def current() -> WorkCalendar:
    """The process's calendar, loaded on first use after a change. Where the table cannot
    be read (before ``migrate``, the database unreachable, or where no database may be
    used) the library's data stands in, and the table is tried again after
    ``RETRY_SECONDS``, so that no computation waits on a database that is not there."""
    global _cached, _retry_at
    calendar = _cached
    if calendar is not None and (_retry_at is None or time.monotonic() < _retry_at):
        return calendar
    generation = _generation
    try:
        with transaction.atomic():  # a savepoint: a missing table spoils no transaction
            calendar, retry_at = load(), None
    except (DatabaseError, RuntimeError):  # RuntimeError: database access not allowed here
        calendar, retry_at = services.library_calendar(), time.monotonic() + RETRY_SECONDS
    with _lock:
        if generation == _generation:
            _cached, _retry_at = calendar, retry_at
    return calendar


def invalidate(**_kwargs) -> None:
    """Drop the loaded calendar (a signal receiver; also called after bulk changes)."""
    global _cached, _generation, _retry_at
    with _lock:
        _cached, _retry_at = None, None
        _generation += 1


def changed(**_kwargs) -> None:
    """A year or a day was saved or deleted: drop the calendar now, and again once the
    change is committed (a load in between read the state before it)."""
    invalidate()
    transaction.on_commit(invalidate)


def restore(calendar: WorkCalendar | None) -> None:
    """Put back a calendar loaded earlier (for tests whose changes were rolled back)."""
    global _cached, _generation, _retry_at
    with _lock:
        _cached, _retry_at = calendar, None
        _generation += 1


# -- seeding --------------------------------------------------------------------------


def seed_from_library(year_model, day_model, using: str = "default") -> int:
    """Enter every year the library knows (from the State Council's notices) that the
    table does not hold yet; the models are passed in so that a migration can call it.
    Returns the number of years entered."""
    years, days = year_model.objects.db_manager(using), day_model.objects.db_manager(using)
    have = set(years.values_list("year", flat=True))
    entered = 0
    for year, rows in services.library_arrangements().items():
        if year in have:
            continue
        arrangement = years.create(year=year, entered=True, notice=NOTICE_TITLE.format(year=year))
        days.bulk_create(
            day_model(arrangement=arrangement, day=day, kind=kind, name=name)
            for day, kind, name in rows
        )
        entered += 1
    return entered


def seed_if_empty(sender=None, using: str = "default", **_kwargs) -> None:
    """After ``migrate`` (and a ``flush``, which empties every table): an empty table is
    seeded from the library again, and the calendar reloaded."""
    if sender is not None and sender.label != "tasks":
        return
    from .models import HolidayDay, HolidayYear

    tables = connections[using].introspection.table_names()
    if HolidayYear._meta.db_table in tables and not HolidayYear.objects.using(using).exists():
        seed_from_library(HolidayYear, HolidayDay, using)
    invalidate()


# -- warnings -------------------------------------------------------------------------


def warning_for(years: Iterable[int]) -> str:
    """The warning for deadlines computed in ``years`` (not entered)."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    names = "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return _(
        "The holiday arrangement of %(years)s has not been entered: deadlines in working "
        "days there count only the statutory holidays and weekends, without make-up working "
        "days. An administrator enters the year from the State Council's notice under "
        "Organisation › Holiday arrangements."
    ) % {"years": names}


def unentered_ahead(as_of: dt.date, days: int = LOOKAHEAD_DAYS) -> list[int]:
    """The years from ``as_of`` to ``days`` later whose arrangement is not entered."""
    return current().unentered_years(as_of, as_of + dt.timedelta(days=days))


def task_warning(task) -> str:
    """The warning for an active task whose deadline was computed in working days or
    hours and falls in a year not entered, or ""."""
    from .choices import ACTIVE, DeadlineBasis

    if task is None or task.status not in ACTIVE:
        return ""
    if task.deadline_basis == DeadlineBasis.CALENDAR_DAYS or task.deadline is None:
        return ""
    years = current().unentered_years(task.start_on, task.deadline)
    return warning_for(years) if years else ""


def warn_about_task(request, task) -> None:
    """Say ``task_warning`` on the page being rendered."""
    text = task_warning(task)
    if text:
        messages.warning(request, text)


# -- importing a year -----------------------------------------------------------------

COLUMNS = [
    Column("day", "日期", ("date", "day")),
    Column("kind", "类型", ("kind", "安排")),
    Column("name", "名称", ("name", "节日", "节假日")),
]
# What a sheet may write for a kind: the codes, the labels, and the words of the notices.
KIND_WORDS = {
    DayKind.HOLIDAY: {"holiday", "放假", "休", "休息", "假"},
    DayKind.WORKDAY: {"workday", "调休上班", "上班", "班", "补班", "调休"},
}


def kind_of(value) -> str | None:
    text = str(value or "").strip().casefold()
    for kind, words in KIND_WORDS.items():
        if text in words or text == str(kind.label).casefold():
            return kind
    return None


class DayRow(RowForm):
    day = forms.Field(required=False)
    kind = forms.Field(required=False)
    name = forms.Field(required=False)

    def clean_day(self):
        day = _date(self.cleaned_data["day"])
        if day is None:
            raise forms.ValidationError(_("not a date such as 2025-12-31"))
        year = self.context["year"]
        if day.year != year:
            raise forms.ValidationError(
                _("%(day)s is not in %(year)s") % {"day": day.isoformat(), "year": year}
            )
        first = self.seen_before(day, "day")
        if first is not None:
            raise forms.ValidationError(
                _("%(day)s is given twice (also in row %(row)s)")
                % {"day": day.isoformat(), "row": first}
            )
        return day

    def clean_kind(self):
        kind = kind_of(self.cleaned_data["kind"])
        if kind is None:
            raise forms.ValidationError(
                _("unknown kind %(kind)s: write 放假 or 调休上班")
                % {"kind": self.cleaned_data["kind"] or "—"}
            )
        return kind

    def clean_name(self):
        name = str(self.cleaned_data["name"] or "").strip()
        if not name:
            raise forms.ValidationError(_("is required"))
        if len(name) > 100:
            raise forms.ValidationError(_("is longer than 100 characters"))
        return name


def year_of(file) -> int | None:
    """The year of the first date in the sheet (when the caller names none)."""
    for _number, record in read_table(file, COLUMNS).rows:
        day = _date(record.get("day"))
        if day is not None:
            return day.year
    return None


def import_year(file, *, year: int, notice: str = "", entered: bool = True) -> ImportResult:
    """Replace the days of ``year``'s arrangement by the sheet's (all rows or none) and
    mark the year entered (unless ``entered`` is False). The caller names the actor for
    the audit trail (a request, or ``auditlog.context.set_actor``)."""
    from .models import FIRST_YEAR, LAST_YEAR, HolidayDay, HolidayYear

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise WorkbookError(
            _("The year must lie between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    table = read_table(file, COLUMNS)
    if not table.rows:
        raise WorkbookError(_("The sheet has no days: nothing imported."))
    state: dict = {}

    def prepare(_rows):
        arrangement, _created = HolidayYear.objects.select_for_update().get_or_create(year=year)
        arrangement.entered = entered
        if notice:
            arrangement.notice = notice
        arrangement.save()
        for old in arrangement.days.all():
            old.delete()  # one by one: each deletion is in the audit trail
        state["arrangement"] = arrangement

    def write(row: dict, _number: int):
        day = HolidayDay.objects.create(arrangement=state["arrangement"], **row)
        return day, True

    return run_import(table, DayRow, write, context={"year": year}, prepare=prepare)
