"""System parameters (系统参数): the constants offices differ on, declared here with their
type, default, bounds and Chinese label, stored in the database when an administrator
changes them, and read through ``value(name)``.

The stored values are read with one query and kept in the process (``cache.TableCache``):
a save clears the cache of its own process at once, other server processes read the new
value at their next request, and the worker within ``PARAMETER_CACHE_SECONDS``
(``MINGZHU_PARAMETER_CACHE_SECONDS``, 60 by default; ``None`` keeps them until the next
save). A parameter that an environment variable set before keeps that variable as its
default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .cache import TableCache

MB = 1024 * 1024


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: type  # int, dt.time or dt.date
    default: Any  # a value, or a callable giving it (read from settings at call time)
    label: Any
    help: Any = ""
    group: Any = ""
    minimum: Any = None
    maximum: Any = None
    optional: bool = False  # a date parameter that may be left empty

    def default_value(self):
        return self.default() if callable(self.default) else self.default

    def parse(self, raw: str):
        """The stored text as a value of the parameter's type."""
        if raw == "":
            return None
        if self.kind is int:
            return int(raw)
        if self.kind is dt.time:
            return dt.time.fromisoformat(raw)
        return dt.date.fromisoformat(raw)

    def dump(self, value) -> str:
        return "" if value is None else (str(value) if self.kind is int else value.isoformat())

    def validate(self, value) -> None:
        if value is None:
            if not self.optional:
                raise ValidationError(_("%(label)s is required.") % {"label": self.label})
            return
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(
                _("%(label)s must be at least %(limit)s.")
                % {"label": self.label, "limit": self.minimum}
            )
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(
                _("%(label)s must be at most %(limit)s.")
                % {"label": self.label, "limit": self.maximum}
            )


def _setting_mb(name: str) -> Callable[[], int]:
    return lambda: max(1, getattr(settings, name) // MB)


TASKS = _("Supervision")
HOURS = _("Office hours")
UPLOADS = _("Uploads and imports")
API = _("API tokens")

REGISTRY: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter(
            "tasks.near_working_days",
            int,
            3,
            _("Yellow light: working days before the deadline"),
            _("A task turns yellow (and gets a blue sheet) when its deadline is this close."),
            TASKS,
            0,
            30,
        ),
        Parameter(
            "tasks.behind_points",
            int,
            20,
            _("Yellow light: points behind schedule"),
            _(
                "A task turns yellow (and gets a yellow sheet) when its progress lags the "
                "elapsed share of its time by more than this many percentage points."
            ),
            TASKS,
            1,
            100,
        ),
        Parameter(
            "tasks.red_sheets_for_interview",
            int,
            3,
            _("Red sheets in a quarter that call for an interview"),
            _(
                "A unit with this many red supervision sheets in a quarter: its head is "
                "interviewed."
            ),
            TASKS,
            1,
            100,
        ),
        Parameter("hours.morning_opens", dt.time, dt.time(8, 30), _("Morning opens"), "", HOURS),
        Parameter("hours.morning_closes", dt.time, dt.time(12, 0), _("Morning closes"), "", HOURS),
        Parameter(
            "hours.afternoon_opens", dt.time, dt.time(13, 30), _("Afternoon opens"), "", HOURS
        ),
        Parameter(
            "hours.afternoon_closes", dt.time, dt.time(17, 30), _("Afternoon closes"), "", HOURS
        ),
        Parameter(
            "uploads.attachment_max_mb",
            int,
            20,
            _("Largest attachment (MB)"),
            _("Evidence, photos and documents attached to records."),
            UPLOADS,
            1,
            200,
        ),
        Parameter(
            "imports.max_mb",
            int,
            _setting_mb("IMPORT_MAX_BYTES"),
            _("Largest imported sheet (MB)"),
            _("Default: MINGZHU_IMPORT_MAX_MB, else 10."),
            UPLOADS,
            1,
            200,
        ),
        Parameter(
            "imports.max_unpacked_mb",
            int,
            _setting_mb("IMPORT_MAX_UNCOMPRESSED_BYTES"),
            _("Largest imported sheet, unpacked (MB)"),
            _("Default: MINGZHU_IMPORT_MAX_UNPACKED_MB, else 50."),
            UPLOADS,
            1,
            1000,
        ),
        Parameter(
            "imports.max_rows",
            int,
            lambda: settings.IMPORT_MAX_ROWS,
            _("Most rows in an imported sheet"),
            _("Default: MINGZHU_IMPORT_MAX_ROWS, else 10000."),
            UPLOADS,
            10,
            1_000_000,
        ),
        Parameter(
            "imports.background_rows",
            int,
            2000,
            _("Rows above which an import runs in the background"),
            _(
                "A larger sheet is checked and imported by the worker, not in the page: "
                "the uploader follows it on its own page and is told when it is done."
            ),
            UPLOADS,
            1,
            1_000_000,
        ),
        Parameter(
            "imports.background_kb",
            int,
            1024,
            _("Size above which an import runs in the background (KB)"),
            _("A larger file is checked and imported by the worker, not in the page."),
            UPLOADS,
            1,
            200 * 1024,
        ),
        Parameter(
            "api.token_max_days",
            int,
            365,
            _("Longest life of a new API token (days)"),
            "",
            API,
            1,
            3660,
        ),
        Parameter(
            "api.legacy_tokens_until",
            dt.date,
            None,
            _("Tokens made before API token scopes work until"),
            _(
                "Tokens from before the upgrade (full power, no expiry) are refused after "
                "this day; empty: they keep working."
            ),
            API,
            optional=True,
        ),
    )
}


def _load() -> dict[str, str]:
    from .models import ParameterValue

    return dict(ParameterValue.objects.values_list("name", "value"))


_cache = TableCache(_load)


def stored() -> dict[str, str]:
    """The stored values (name → text), from the process's cache."""
    return _cache.get()


def clear_cache() -> None:
    _cache.clear()


def is_set(name: str) -> bool:
    """Whether the administrator stored a value for the parameter."""
    return name in stored()


def value(name: str):
    """The parameter's value: the stored one, else its default."""
    parameter = REGISTRY[name]
    raw = stored().get(name)
    if raw is None:
        return parameter.default_value()
    try:
        return parameter.parse(raw)
    except ValueError:  # a stored text no longer of the type: the default
        return parameter.default_value()


def working_periods() -> tuple[tuple[dt.time, dt.time], ...]:
    return (
        (value("hours.morning_opens"), value("hours.morning_closes")),
        (value("hours.afternoon_opens"), value("hours.afternoon_closes")),
    )


def check_hours(values: dict) -> None:
    """The four times in order: morning opens < closes ≤ afternoon opens < closes."""
    times = [
        values["hours.morning_opens"],
        values["hours.morning_closes"],
        values["hours.afternoon_opens"],
        values["hours.afternoon_closes"],
    ]
    if not (times[0] < times[1] <= times[2] < times[3]):
        raise ValidationError(
            _(
                "Working hours must be in order: the morning opens before it closes, the "
                "afternoon opens no earlier than the morning closes and before it closes."
            )
        )
