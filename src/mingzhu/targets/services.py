"""Pure computations on targets and observations (plain data in, results out).

Nothing here reads the database or the clock: the caller passes the observations as
``Point`` rows and the day of the computation as ``as_of``.

- progress = latest / target (mirrored for lower-is-better: target / latest);
- years left = from the end of the latest observation's period to the deadline, days / 365.25;
- required annual growth = (target / latest) ^ (1 / years left) − 1;
- trend growth = compound annual growth over the last 3 year-end observations (fewer if fewer);
- projection = latest × (1 + trend) ^ years left;
- status: ``achieved`` once an observation meets the target, ``missed`` after the deadline,
  else ``on_track`` if the projection meets it, ``at_risk`` if it reaches 95% of it (for
  lower-is-better: the target is at least 95% of the projection), else ``off_track``;
  ``unknown`` when there is no trend to project with, ``no_data`` without observations.

Indicators that accumulate within the year (GDP to date) compare only their full-year values
(periods ending on 31 December) with an annual target; a year-to-date value of a
higher-is-better indicator that already meets the target counts as achieved, since the
year's total can only be larger.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.utils.translation import gettext as _

from mingzhu.core.periods import month_end

from .choices import Comparator, Direction, Frequency, Status

DAYS_PER_YEAR = Decimal("365.25")
AT_RISK_SHARE = Decimal("0.95")
TREND_YEARS = 3
PLACES = Decimal("0.0001")


class PeriodError(ValueError):
    """A period that cannot be read, or one of the wrong frequency."""


@dataclass(frozen=True)
class Period:
    key: str  # normalised: "2025", "2025Q3", "2025-07"
    start: dt.date
    end: dt.date  # the last day of the period
    frequency: str


EXAMPLES = {Frequency.YEAR: "2025", Frequency.QUARTER: "2025Q3", Frequency.MONTH: "2025-07"}
_YEAR = re.compile(r"^(\d{4})\s*年?$")
_QUARTER = re.compile(r"^(\d{4})\s*(?:-?\s*[Qq]\s*([1-4])|年\s*第?\s*([1-4一二三四])\s*季度?)$")
_MONTH = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$")
_CHINESE_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def year_period(year: int) -> Period:
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), Frequency.YEAR)


def quarter_period(year: int, quarter: int) -> Period:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = month_end(year, 3 * quarter)
    return Period(f"{year}Q{quarter}", start, end, Frequency.QUARTER)


def month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(
            _("%(year)s-%(month)s: there is no such month.") % {"year": year, "month": month}
        )
    return Period(f"{year}-{month:02d}", dt.date(year, month, 1), month_end(year, month), "month")


def read_period(value) -> Period:
    """A period in any of the accepted spellings, of whatever frequency it is written in:
    2025 / 2025年; 2025Q3 / 2025-Q3 / 2025年第3季度; 2025-07 / 2025年7月; a date (its month)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return month_period(value.year, value.month)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip() if value is not None else ""
    if m := _YEAR.match(text):
        return year_period(int(m[1]))
    if m := _QUARTER.match(text):
        quarter = m[2] or _CHINESE_DIGITS.get(m[3], m[3])
        return quarter_period(int(m[1]), int(quarter))
    if m := _MONTH.match(text):
        return month_period(int(m[1]), int(m[2]))
    raise PeriodError(
        _("%(text)s is not a period (write it like 2025, 2025Q3 or 2025-07).")
        % {"text": text or _("(empty)")}
    )


def parse_period(value, frequency: str) -> Period:
    """The period, which must be of the indicator's frequency."""
    period = read_period(value)
    if period.frequency != frequency:
        raise PeriodError(
            _("%(period)s is not a %(frequency)s period (write it like %(example)s).")
            % {
                "period": period.key,
                "frequency": Frequency(frequency).label,
                "example": EXAMPLES[frequency],
            }
        )
    return period


@dataclass(frozen=True)
class Point:
    period: Period
    value: Decimal


@dataclass(frozen=True)
class Progress:
    latest_value: Decimal | None
    latest_period: str | None
    progress: Decimal | None
    years_left: Decimal | None
    required_growth: Decimal | None
    trend_growth: Decimal | None
    projected_value: Decimal | None
    status: str


def meets(value: Decimal, comparator: str, target: Decimal) -> bool:
    return {
        Comparator.GT: value > target,
        Comparator.GE: value >= target,
        Comparator.LE: value <= target,
        Comparator.LT: value < target,
        Comparator.EQ: value == target,
    }[comparator]


def years_between(start: dt.date, end: dt.date) -> Decimal:
    return Decimal((end - start).days) / DAYS_PER_YEAR


def growth_rate(first: Decimal, last: Decimal, years: Decimal) -> Decimal | None:
    """Compound annual growth from ``first`` to ``last`` over ``years``; None when it has no
    meaning (no time between them, or a value that is not positive)."""
    if years <= 0 or first <= 0 or last <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return (last / first) ** (1 / years) - 1


def grow(value: Decimal, rate: Decimal, years: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        if years <= 0:
            return value
        return value * (1 + rate) ** years


def comparable_points(points: Iterable[Point], accumulates: bool) -> list[Point]:
    """The observations comparable with an annual target, oldest first."""
    rows = sorted(points, key=lambda p: p.period.end)
    if not accumulates:
        return rows
    return [p for p in rows if _is_year_end(p.period)]


def _is_year_end(period: Period) -> bool:
    return period.end.month == 12 and period.end.day == 31


def annual_points(points: Iterable[Point]) -> list[Point]:
    """One value per year: the observation of the period ending on 31 December."""
    by_year = {p.period.end.year: p for p in sorted(points, key=lambda p: p.period.end)}
    return [by_year[y] for y in sorted(by_year) if _is_year_end(by_year[y].period)]


def trend_growth(points: Iterable[Point], years: int = TREND_YEARS) -> Decimal | None:
    """Compound annual growth over the last ``years`` annual observations (fewer if fewer
    exist); None with fewer than two."""
    annual = annual_points(points)[-years:]
    if len(annual) < 2:
        return None
    first, last = annual[0], annual[-1]
    return growth_rate(first.value, last.value, years_between(first.period.end, last.period.end))


def required_growth(latest: Decimal, target: Decimal, years_left: Decimal) -> Decimal | None:
    return growth_rate(latest, target, years_left)


def progress_ratio(latest: Decimal, target: Decimal, direction: str) -> Decimal | None:
    numerator, denominator = (target, latest) if direction == Direction.LOWER else (latest, target)
    if denominator <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return numerator / denominator


def projected_status(projected: Decimal, comparator: str, target: Decimal, direction: str) -> str:
    if meets(projected, comparator, target):
        return Status.ON_TRACK
    share = progress_ratio(projected, target, direction)
    return Status.AT_RISK if share is not None and share >= AT_RISK_SHARE else Status.OFF_TRACK


def evaluate(
    points: Sequence[Point],
    *,
    comparator: str,
    target: Decimal,
    deadline: dt.date,
    direction: str = Direction.HIGHER,
    accumulates: bool = False,
    as_of: dt.date,
) -> Progress:
    """Where a target stands on ``as_of``; observations of periods not yet over are ignored."""
    known = [p for p in points if p.period.end <= as_of]
    usable = comparable_points(known, accumulates)
    achieving = known if accumulates and direction == Direction.HIGHER else usable
    achieved = any(
        meets(p.value, comparator, target) for p in achieving if p.period.end <= deadline
    )
    if not usable:
        status = Status.ACHIEVED if achieved else Status.NO_DATA
        return Progress(None, None, None, None, None, None, None, status)
    latest = usable[-1]
    years_left = max(years_between(latest.period.end, deadline), Decimal(0))
    trend = trend_growth(usable)
    if years_left == 0:
        projected = latest.value
    elif trend is None:
        projected = None
    else:
        projected = grow(latest.value, trend, years_left)
    if achieved:
        status = Status.ACHIEVED
    elif as_of > deadline:
        status = Status.MISSED
    elif projected is None:
        status = Status.UNKNOWN
    else:
        status = projected_status(projected, comparator, target, direction)
    # After the deadline the target is achieved or missed: no years are left and no
    # growth is required any more (the latest value may be older than the deadline).
    over = as_of > deadline
    return Progress(
        latest_value=latest.value,
        latest_period=latest.period.key,
        progress=_round(progress_ratio(latest.value, target, direction)),
        years_left=Decimal(0) if over else _round(years_left),
        required_growth=None if over else _round(required_growth(latest.value, target, years_left)),
        trend_growth=_round(trend),
        projected_value=_round(projected),
        status=status,
    )


def _round(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return value.quantize(PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too large to show with four decimals
        return value


def trajectory(
    latest: Point,
    target: Decimal,
    deadline: dt.date,
    required: Decimal | None,
    trend: Decimal | None,
) -> list[tuple[dt.date, Decimal | None, Decimal | None]]:
    """(day, value on the required path, projected value) at each year end from the latest
    observation to the deadline, and at the deadline itself."""
    days = [latest.period.end]
    year = latest.period.end.year + (1 if _is_year_end(latest.period) else 0)
    while dt.date(year, 12, 31) < deadline:
        days.append(dt.date(year, 12, 31))
        year += 1
    if deadline > latest.period.end:
        days.append(deadline)
    rows = []
    for day in days:
        t = years_between(latest.period.end, day)
        on_path = _round(grow(latest.value, required, t)) if required is not None else None
        if day == deadline and required is not None:
            on_path = target
        projected = _round(grow(latest.value, trend, t)) if trend is not None else None
        rows.append((day, on_path, projected))
    return rows


def per_capita(
    totals: Iterable[Point], population: Iterable[Point], factor: Decimal = Decimal(1)
) -> list[Point]:
    """Each total divided by the population at the end of its period (the latest population
    figure on or before that day) times ``factor``; totals without a population are left out.

    With totals in 亿元 and population in 万人 the quotient is in 万元 per person."""
    heads = sorted(population, key=lambda p: p.period.end)
    result = []
    for total in sorted(totals, key=lambda p: p.period.end):
        known = [p for p in heads if p.period.end <= total.period.end and p.value > 0]
        if known:
            with localcontext() as ctx:
                ctx.prec = 28
                value = total.value / known[-1].value * factor
            result.append(Point(total.period, _round(value)))
    return result


@dataclass(frozen=True)
class RankRow:
    unit: str
    value: Decimal
    rank: int
    gap_to_best: Decimal
    above: str | None  # the unit just above
    gap_to_above: Decimal | None


def rank(values: Mapping[str, Decimal], direction: str = Direction.HIGHER) -> list[RankRow]:
    """Rank units on one indicator and period (ties share a rank: 1, 2, 2, 4). Gaps are how
    far a unit falls short, positive: of the best unit and of the nearest better one."""
    lower = direction == Direction.LOWER

    def shortfall(value: Decimal, better: Decimal) -> Decimal:
        return value - better if lower else better - value

    ordered = sorted(values.items(), key=lambda kv: (kv[1] if lower else -kv[1], kv[0]))
    best = ordered[0][1] if ordered else None
    rows = []
    for unit, value in ordered:
        better = [(u, v) for u, v in ordered if shortfall(value, v) > 0]
        above = better[-1] if better else None
        rows.append(
            RankRow(
                unit=unit,
                value=value,
                rank=len(better) + 1,
                gap_to_best=shortfall(value, best),
                above=above[0] if above else None,
                gap_to_above=shortfall(value, above[1]) if above else None,
            )
        )
    return rows
