"""Periods every module speaks of: a month, a quarter, a year, a from–to range. Parsing
from query strings and files, bounds, labels; and the one way a rate is computed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 2000, 2100


# -- months ---------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def month_end(year: int, month: int) -> dt.date:
    return month_bounds(year, month)[1]


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str | None) -> tuple[int, int]:
    """'2025-12' -> (2025, 12). ValueError on anything else."""
    year, sep, month = (text or "").strip().partition("-")
    if not sep or not year.isdigit() or not month.isdigit():
        raise ValueError(text)
    value = int(year), int(month)
    if not FIRST_YEAR <= value[0] <= LAST_YEAR or not 1 <= value[1] <= 12:
        raise ValueError(text)
    return value


def month(params, name: str = "month") -> tuple[int, int, str | None]:
    """A ``month`` (YYYY-MM) from a query dict; by default this month. On bad input: this
    month and a message naming what is wrong."""
    today = timezone.localdate()
    value = params.get(name) or ""
    if not value:
        return today.year, today.month, None
    try:
        return *parse_month(value), None
    except ValueError:
        return today.year, today.month, _("The month must look like 2025-12.")


def month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


# -- quarters -------------------------------------------------------------------------


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(year, quarter) of a day."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1 to 4")
    return dt.date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def quarter_start(day: dt.date) -> dt.date:
    return quarter_bounds(*quarter_of(day))[0]


def last_ended_quarter(day: dt.date) -> tuple[int, int]:
    """The latest quarter that ended on or before ``day`` (on a quarter's last day, that
    quarter)."""
    year, quarter = quarter_of(day)
    if day == quarter_bounds(year, quarter)[1]:
        return year, quarter
    return previous_quarter((year, quarter))


def previous_quarter(quarter: tuple[int, int]) -> tuple[int, int]:
    year, q = quarter
    return (year, q - 1) if q > 1 else (year - 1, 4)


def parse_quarter(text: str | None, as_of: dt.date | None = None) -> tuple[int, int]:
    """'2025Q3' (or '2025q3', '2025-Q3') -> (2025, 3). Empty -> the quarter of ``as_of``
    when one is given. ValueError on anything else."""
    value = (text or "").strip().upper().replace("-", "")
    if not value and as_of is not None:
        return quarter_of(as_of)
    year, sep, quarter = value.partition("Q")
    if not sep or not year.isdigit() or quarter not in ("1", "2", "3", "4"):
        raise ValueError(f"{text!r} is not a quarter like 2025Q2")
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise ValueError(f"{text!r} is not a quarter like 2025Q2")
    return int(year), int(quarter)


def quarter_label(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]}Q{quarter[1]}"


def quarter(params, name: str = "quarter") -> tuple[int, int, str | None]:
    """A ``quarter`` (2025Q3) from a query dict; by default this quarter. On bad input:
    this quarter and a message naming what is wrong."""
    today = timezone.localdate()
    try:
        return *parse_quarter(params.get(name), today), None
    except ValueError:
        return *quarter_of(today), _("A quarter looks like 2025Q3.")


# -- query-string periods -------------------------------------------------------------


def period(params) -> tuple[dt.date, dt.date, str | None]:
    """``from`` and ``to`` (YYYY-MM-DD) from a query dict; by default this year so far.
    On bad input: the default period and a message naming what is wrong."""
    today = timezone.localdate()
    default = (dt.date(today.year, 1, 1), today)
    try:
        start = dt.date.fromisoformat(params.get("from") or default[0].isoformat())
        end = dt.date.fromisoformat(params.get("to") or default[1].isoformat())
    except ValueError:
        return *default, _("Dates must look like 2025-12-31.")
    if end < start:
        return *default, _("'To' must not be before 'from'.")
    return start, end, None


def year(params, name: str = "year") -> tuple[int, str | None]:
    """A ``year`` (2000–2100) from a query dict; by default this year. On bad input: this
    year and a message naming what is wrong."""
    today = timezone.localdate()
    try:
        value = int(params.get(name) or today.year)
    except ValueError:
        return today.year, _("The year must be a number such as 2025.")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        return today.year, _("The year must be a number such as 2025.")
    return value, None


# -- rates ----------------------------------------------------------------------------


def rate(part: float, whole: float, digits: int | None = 4) -> float | None:
    """``part / whole`` rounded to ``digits`` (None: not rounded); None when there is
    nothing to divide by."""
    if not whole:
        return None
    value = part / whole
    return round(value, digits) if digits is not None else value


def percent(value: float | None) -> float | None:
    """A rate (0.8765) as the percentage charts and tables show (87.7); None stays None."""
    return None if value is None else round(value * 100, 1)
