"""The ?from=&to= period of metrics pages and endpoints."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _


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
    if not 2000 <= value <= 2100:
        return today.year, _("The year must be a number such as 2025.")
    return value, None
