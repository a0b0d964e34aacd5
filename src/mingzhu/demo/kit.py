"""What every app's demo load shares: running outside the audit trail unless asked, on
the day the demo is laid out from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from auditlog.context import disable_auditlog
from django.utils import timezone

from mingzhu.core.actions import all_or_nothing

R = TypeVar("R")


def past_quarter(day: dt.date, back: int) -> tuple[int, int]:
    """The (year, quarter) ``back`` quarters before the quarter of ``day``."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    return index // 4, index % 4 + 1


def unaudited(audit: bool = False) -> AbstractContextManager:
    """The context a demo load runs in: kept out of the audit trail unless ``audit``."""
    return nullcontext() if audit else disable_auditlog()


def run(load: Callable[[dt.date], R], audit: bool = False, as_of: dt.date | None = None) -> R:
    """Run one app's demo load, ``load(today)``, where today is ``as_of`` or the local date,
    outside the audit trail unless ``audit``; returns what the load returns. A load is kept
    or undone as a whole (it catches no error of the actions it plays): their transactions
    take no savepoint of their own (``core.actions.all_or_nothing``)."""
    with unaudited(audit), all_or_nothing():
        return load(as_of or timezone.localdate())
