"""Pure logic of the engine: working days, lights, sheet levels and unit metrics.

Nothing here reads the clock or the database: every function takes ``as_of`` and plain
values, so the same rules serve pages, the API, the daily job and a spreadsheet. The
working-day calendar is a ``WorkCalendar`` handed in once (``use_calendar``): the tasks
app hands in the one loaded from the 节假日安排 table (``mingzhu.tasks.calendar``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar

from mingzhu.core import periods
from mingzhu.core.periods import quarter_of
from mingzhu.system import params

from .choices import ACTIVE, DayKind, DeadlineBasis, Light, SheetLevel, Status

# The thresholds of the lights and sheets and the office hours are system parameters
# (mingzhu.system.params, edited on the parameters page): tasks.near_working_days (yellow
# when the deadline is this close, 3), tasks.behind_points (yellow when progress lags the
# elapsed time by more than this, 20), tasks.red_sheets_for_interview (red sheets in a
# quarter that earn the unit's head an interview, 3), hours.* (08:30–12:00, 13:30–17:30).
WORK_ZONE = ZoneInfo("Asia/Shanghai")


def near_working_days() -> int:
    return params.value("tasks.near_working_days")


def behind_points() -> int:
    return params.value("tasks.behind_points")


def red_sheets_for_interview() -> int:
    return params.value("tasks.red_sheets_for_interview")


def working_periods() -> tuple[tuple[dt.time, dt.time], ...]:
    """Office hours of a working day, local time: the clock of a "working hours" deadline."""
    return params.working_periods()


# -- the working-day calendar ----------------------------------------------------------
#
# A year's days off and make-up working days come from the State Council's notice
# (国务院办公厅关于20XX年部分节假日安排的通知), entered in the 节假日安排 table. A year whose
# arrangement is not entered yet falls back to the statutory holidays of 全国年节及纪念日放假
# 办法 (as amended by 国务院令第795号, in force since 2025-01-01, article 2), weekends off and
# no make-up days; every deadline computed in such a year says so.

# The 春节 holiday starts on 除夕 (the last day of the lunar year); the others on their day.
STATUTORY_LENGTHS = {
    "元旦": 1,
    "春节": 4,  # 除夕 to 正月初三
    "清明节": 1,
    "劳动节": 2,  # 5月1日、2日
    "端午节": 1,
    "中秋节": 1,
    "国庆节": 3,  # 10月1日至3日
}

# The library's names of the holidays of the years it knows, in Chinese.
LIBRARY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _solar(solar) -> dt.date:
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The statutory days off of ``year`` by the regulation alone: 元旦, 春节 (除夕 to 初三),
    清明 (the day of the solar term), 劳动节, 端午 and 中秋 (by the lunar calendar), 国庆.
    Weekends are off anyway; make-up working days exist only in an entered arrangement."""
    from lunar_python import Lunar

    new_year = Lunar.fromYmd(year, 1, 1)  # 正月初一 of the lunar year beginning in ``year``
    starts = {
        "元旦": dt.date(year, 1, 1),
        "春节": _solar(new_year.next(-1).getSolar()),  # 除夕
        "清明节": _solar(new_year.getJieQiTable()["清明"]),
        "劳动节": dt.date(year, 5, 1),
        "端午节": _solar(Lunar.fromYmd(year, 5, 5).getSolar()),
        "中秋节": _solar(Lunar.fromYmd(year, 8, 15).getSolar()),
        "国庆节": dt.date(year, 10, 1),
    }
    days: dict[dt.date, str] = {}
    for name, start in starts.items():
        for i in range(STATUTORY_LENGTHS[name]):
            days[start + dt.timedelta(days=i)] = name
    return days


@dataclass(frozen=True)
class WorkCalendar:
    """The working-day calendar: for each year whose arrangement is entered (``years``),
    its days off (``holidays``) and make-up working days (``workdays``) by name; other
    years follow ``statutory_holidays``. Build it once and share it: it is read-only."""

    holidays: dict[dt.date, str] = field(default_factory=dict)
    workdays: dict[dt.date, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    def is_workday(self, day: dt.date) -> bool:
        if day.year in self.years:
            if day in self.workdays:
                return True
            return day not in self.holidays and day.weekday() < 5
        return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def is_entered(self, year: int) -> bool:
        return year in self.years

    def unentered_years(self, start: dt.date, end: dt.date) -> list[int]:
        """The years between ``start`` and ``end`` (either order) not entered."""
        low, high = sorted((start.year, end.year))
        return [y for y in range(low, high + 1) if y not in self.years]

    def days_of(self, year: int) -> list[tuple[dt.date, str, str]]:
        """(day, kind, name) of ``year``: entered, or the statutory days off."""
        if year in self.years:
            rows = [(d, DayKind.HOLIDAY, n) for d, n in self.holidays.items() if d.year == year]
            rows += [(d, DayKind.WORKDAY, n) for d, n in self.workdays.items() if d.year == year]
        else:
            rows = [(d, DayKind.HOLIDAY, n) for d, n in statutory_holidays(year).items()]
        return sorted(rows)


def library_arrangements() -> dict[int, list[tuple[dt.date, str, str]]]:
    """The arrangements the ``chinese-calendar`` library knows (from the State Council's
    notices, 2004 on), by year: (day, kind, Chinese name)."""
    years: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    for kind, days in (
        (DayKind.HOLIDAY, chinese_calendar.holidays),
        (DayKind.WORKDAY, chinese_calendar.workdays),
    ):
        for day, name in days.items():
            years[day.year].append((day, str(kind), LIBRARY_NAMES.get(str(name), str(name))))
    return {year: sorted(rows) for year, rows in sorted(years.items())}


@lru_cache(maxsize=1)
def library_calendar() -> WorkCalendar:
    """The calendar of the library's data alone: it stands in where the database cannot
    be read (before ``migrate``, in computations run without a database)."""
    holidays, workdays = {}, {}
    arrangements = library_arrangements()
    for rows in arrangements.values():
        for day, kind, name in rows:
            (holidays if kind == DayKind.HOLIDAY else workdays)[day] = name
    return WorkCalendar(holidays, workdays, frozenset(arrangements))


# Where the functions below find the calendar: the tasks app installs the database's
# (loaded once per process, reloaded after a change); the library's otherwise.
_calendar_source: Callable[[], WorkCalendar] = library_calendar
# The years without an entered arrangement that the deadlines computed in the current
# context reached (see ``noting_unentered_years``); None when nobody is listening.
_noted: ContextVar[set[int] | None] = ContextVar("mingzhu_unentered_years", default=None)


def use_calendar(source: Callable[[], WorkCalendar]) -> None:
    """Make ``source()`` the calendar of every working-day computation."""
    global _calendar_source
    _calendar_source = source


def current_calendar() -> WorkCalendar:
    return _calendar_source()


@contextmanager
def noting_unentered_years() -> Iterator[set[int]]:
    """Collect, in the set this yields, the years without an entered arrangement that the
    deadlines computed inside the block (``add_working_days``, ``add_working_hours``,
    ``due_for``) ran through, so that a page or command can warn about them."""
    token = _noted.set(set())
    try:
        yield _noted.get()
    finally:
        _noted.reset(token)


def _note(start: dt.date, end: dt.date) -> None:
    noted = _noted.get()
    if noted is not None:
        noted.update(current_calendar().unentered_years(start, end))


def is_workday(day: dt.date) -> bool:
    """A working day: days off and make-up working days (调休) of the entered arrangement;
    in a year not entered, the statutory holidays off and weekends off."""
    return _calendar_source().is_workday(day)


def _add_working_days(start: dt.date, n: int) -> dt.date:
    calendar = _calendar_source()
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += dt.timedelta(days=step)
        if calendar.is_workday(day):
            left -= 1
    return day


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (before it for negative n); n = 0 is start."""
    day = _add_working_days(start, n)
    _note(start, day)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days d with start < d <= end (negative when end is before start)."""
    if end < start:
        return -working_days_between(end, start)
    calendar = _calendar_source()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += calendar.is_workday(day)
    return count


def add_working_hours(start: dt.datetime, hours: float | dt.timedelta) -> dt.datetime:
    """The moment ``hours`` of office time after ``start`` (an aware datetime), counting
    only the office hours (``working_periods()``) of working days; the result is in Asia/Shanghai.

    Periods are closed at both ends: time that runs out exactly at 12:00 ends at 12:00,
    and any further time resumes at 13:30. Outside office hours the clock starts at the
    next opening, so adding nothing to a Saturday evening gives the next working
    morning, 08:30.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be an aware datetime")
    left = hours if isinstance(hours, dt.timedelta) else dt.timedelta(hours=hours)
    if left < dt.timedelta(0):
        raise ValueError("hours must not be negative")
    moment = start.astimezone(WORK_ZONE)
    day = moment.date()
    calendar = _calendar_source()
    periods_of_day = working_periods()
    while True:
        if calendar.is_workday(day):
            for opens, closes in periods_of_day:
                begin = dt.datetime.combine(day, opens, WORK_ZONE)
                end = dt.datetime.combine(day, closes, WORK_ZONE)
                if moment > end or (moment == end and left):
                    continue
                moment = max(moment, begin)
                if moment + left <= end:
                    _note(start.astimezone(WORK_ZONE).date(), day)
                    return moment + left
                left -= end - moment
                moment = end
        day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time(0), WORK_ZONE)


def due_for(start: dt.datetime, limit: int, basis: str) -> tuple[dt.date, dt.datetime | None]:
    """The deadline of a time limit counted from ``start`` (an aware datetime): the day,
    and for a limit in working hours also the moment (``due_at``)."""
    if basis == DeadlineBasis.WORKING_HOURS:
        due_at = add_working_hours(start, limit)
        return due_at.date(), due_at
    local_day = start.astimezone(WORK_ZONE).date()
    if basis == DeadlineBasis.WORKING_DAYS:
        return add_working_days(local_day, limit), None
    return local_day + dt.timedelta(days=limit), None  # calendar days: no calendar needed


def is_working_time(moment: dt.datetime) -> bool:
    """Inside the office hours (ends included) of a working day, Asia/Shanghai."""
    local = moment.astimezone(WORK_ZONE)
    return is_workday(local.date()) and any(
        opens <= local.time() <= closes for opens, closes in working_periods()
    )


def near_limit(as_of: dt.date) -> dt.date:
    """The last deadline that counts as near on ``as_of``."""
    return _add_working_days(as_of, near_working_days())


def is_behind(*, progress: int, start: dt.date, deadline: dt.date, as_of: dt.date) -> bool:
    """Progress more than ``behind_points()`` (20 by default) points behind the elapsed
    share of the time allowed."""
    allowed = (deadline - start).days
    if allowed <= 0:
        return False
    elapsed = min(max((as_of - start).days, 0), allowed)
    return 100 * elapsed - progress * allowed > behind_points() * allowed


# A long-running task (长期坚持) reports its progress at least this often.
REPORT_INTERVAL_DAYS = 30


def next_report_due(day: dt.date) -> dt.date:
    """The day a long-running task's next progress report is due, after one on ``day``
    (or its start): its ``deadline``, so that the light rules need nothing else. A month
    without a report is yellow near the end and red after it."""
    return day + dt.timedelta(days=REPORT_INTERVAL_DAYS)


def assess(
    *,
    status: str,
    deadline: dt.date,
    progress: int,
    start: dt.date,
    as_of: dt.date,
    long_running: bool = False,
) -> tuple[str | None, str | None]:
    """(light, reason): reason is "overdue", "behind" or "near" for red and yellow. A
    long-running task's deadline is its next progress report (``next_report_due``): it
    is never behind schedule, only near or past the report's day."""
    if status not in ACTIVE:
        return None, None
    if as_of > deadline:
        return Light.RED, "overdue"
    if not long_running and is_behind(
        progress=progress, start=start, deadline=deadline, as_of=as_of
    ):
        return Light.YELLOW, "behind"
    if deadline <= near_limit(as_of):
        return Light.YELLOW, "near"
    return Light.GREEN, None


def light(**facts) -> str | None:
    """The task's light (亮灯) on ``as_of``, from the facts ``assess`` takes; None for
    drafts and finished tasks."""
    return assess(**facts)[0]


SHEET_FOR_REASON = {"overdue": SheetLevel.RED, "behind": SheetLevel.YELLOW, "near": SheetLevel.BLUE}


def sheet_level(**facts) -> str | None:
    """The supervision sheet a task earns on ``as_of``, from the facts ``assess`` takes:
    blue (near the deadline), yellow (behind schedule), red (overdue); None when it earns
    none."""
    reason = assess(**facts)[1]
    return SHEET_FOR_REASON.get(reason) if reason else None


def closed_on_time(
    *, status: str, closed_on: dt.date | None, deadline: dt.date, as_of: dt.date | None = None
) -> bool:
    """On time (按期): closed on or before its deadline — the deadline in force, that is
    after any approved extension — and, with ``as_of``, closed by then."""
    return (
        status == Status.CLOSED
        and closed_on is not None
        and closed_on <= deadline
        and (as_of is None or closed_on <= as_of)
    )


def parent_progress(children: Iterable[tuple[int, int]]) -> int:
    """The weighted mean of (progress, weight) pairs, rounded; 0 without children."""
    pairs = [(p, w) for p, w in children if w > 0]
    total = sum(w for _p, w in pairs)
    return round(sum(p * w for p, w in pairs) / total) if total else 0


def units_for_interview(red_sheets: Iterable[tuple[int, dt.date]]) -> set[tuple[int, int, int]]:
    """(unit id, year, quarter) for every unit with three red sheets within a quarter,
    from (unit id, issued on) pairs."""
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    for unit_id, issued_on in red_sheets:
        counts[(unit_id, *quarter_of(issued_on))] += 1
    return {key for key, n in counts.items() if n >= red_sheets_for_interview()}


def interviews(red_sheets: Iterable[tuple[int, dt.date, str]]) -> list[tuple[str, int, int]]:
    """(unit name, year, quarter) of the interviews due (``units_for_interview``), by
    name, from (unit id, issued on, unit name) rows of red sheets."""
    sheets = list(red_sheets)
    due = units_for_interview([(u, on) for u, on, _name in sheets])
    names = {u: name for u, _on, name in sheets}
    return sorted((names[u], y, q) for u, y, q in due)


@dataclass(frozen=True)
class TaskFacts:
    """What the metrics need to know about one task."""

    unit_id: int
    status: str
    deadline: dt.date
    original_deadline: dt.date | None = None
    assigned_on: dt.date | None = None
    accepted_on: dt.date | None = None
    closed_on: dt.date | None = None
    closure_requests: int = 0
    returns: int = 0


@dataclass
class UnitMetrics:
    unit_id: int
    assigned: int = 0
    accepted_in_time: int = 0
    due: int = 0
    deferred: int = 0
    closed_on_time: int = 0
    closed: int = 0
    closure_requests: int = 0
    returns: int = 0
    handling_days: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "unit": self.unit_id,
            "assigned": self.assigned,
            "due": self.due,
            "deferred": self.deferred,
            "closed": self.closed,
            "closed_on_time": self.closed_on_time,
            # 签收及时率: accepted within one working day of assignment.
            "acceptance_rate": periods.rate(self.accepted_in_time, self.assigned),
            # 按期办结率 = closed on time / (due in period - deferred)
            "on_time_rate": periods.rate(self.closed_on_time, self.due - self.deferred),
            # 办结率 = closed / due in period
            "closure_rate": periods.rate(self.closed, self.due),
            # 返工率 = returned / closure requests
            "rework_rate": periods.rate(self.returns, self.closure_requests),
            "average_handling_days": (
                round(sum(self.handling_days) / len(self.handling_days), 1)
                if self.handling_days
                else None
            ),
        }


def unit_metrics(tasks: Iterable[TaskFacts], start: dt.date, end: dt.date) -> list[dict]:
    """Per lead unit, for the period start..end (inclusive), as known on ``end``.

    A task is due in the period when its original deadline (before any extension) falls
    in it; deferred tasks are those of them whose deadline was extended.
    """
    by_unit: dict[int, UnitMetrics] = {}
    for t in tasks:
        if t.status in (Status.DRAFT, Status.CANCELLED):
            continue
        m = by_unit.setdefault(t.unit_id, UnitMetrics(t.unit_id))
        if t.assigned_on and start <= t.assigned_on <= end:
            m.assigned += 1
            if t.accepted_on and t.accepted_on <= _add_working_days(t.assigned_on, 1):
                m.accepted_in_time += 1
        closed = t.status == Status.CLOSED and t.closed_on is not None and t.closed_on <= end
        due_on = t.original_deadline or t.deadline
        if start <= due_on <= end:
            m.due += 1
            if closed:
                m.closed += 1
            if t.original_deadline is not None:
                m.deferred += 1
            elif closed_on_time(
                status=t.status, closed_on=t.closed_on, deadline=t.deadline, as_of=end
            ):
                m.closed_on_time += 1
        if closed and start <= t.closed_on <= end and t.assigned_on:
            m.handling_days.append((t.closed_on - t.assigned_on).days)
        m.closure_requests += t.closure_requests
        m.returns += t.returns
    return [by_unit[k].as_dict() for k in sorted(by_unit)]


def by_on_time_rate(rows: list[dict]) -> list[dict]:
    """Unit metrics rows (``unit_metrics`` with each ``unit_name``), the highest on-time
    closure rate first (none counts as 0), then by the unit's name."""
    return sorted(rows, key=lambda r: (-(r["on_time_rate"] or 0), r["unit_name"]))
