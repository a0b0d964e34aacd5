"""Pure logic of the livelihood module: a request's status, the three rates (三率) and
their composite, the red-and-black list, hot spots, income alerts, coverage rates and
fund balances. Nothing here reads the clock or the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from mingzhu.core.periods import rate
from mingzhu.tasks.choices import HANDLING
from mingzhu.tasks.choices import Status as TaskStatus

from .choices import EntryKind, IncomeAlert, RequestStatus, RiskCause, Satisfaction

RISK_CAUSES = {c.value for c in RiskCause}
NEAR_LINE = Decimal("1.10")  # an alert when the income is within 10% above the line
HOT_SPOT_WINDOW_DAYS = 90
HOT_SPOT_THRESHOLD = 3
RED_BLACK_SIZE = 5
RED_BLACK_MIN_REQUESTS = 3


# A request's status from its current task's (a cancelled task: back at the desk).
REQUEST_FROM_TASK = {
    TaskStatus.CANCELLED: RequestStatus.REGISTERED,
    TaskStatus.DRAFT: RequestStatus.DISPATCHED,
    TaskStatus.ASSIGNED: RequestStatus.DISPATCHED,
    **dict.fromkeys(HANDLING, RequestStatus.HANDLING),
    TaskStatus.CLOSURE_REQUESTED: RequestStatus.ANSWERED,
    TaskStatus.CLOSED: RequestStatus.CLOSED,
}


def request_status(task_status: str | None, pending_return: bool) -> str:
    """The request's status, read from its current task."""
    if pending_return:
        return RequestStatus.RETURNED
    if task_status is None:
        return RequestStatus.REGISTERED
    return REQUEST_FROM_TASK[task_status]


# -- 三率 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundFacts:
    """What the rates need of a request's handling: a dispatch to a unit (the day
    acceptance was due, the day it was accepted) and/or a callback (resolved, how
    satisfied). A callback alone, such as the second one of a task reopened at its first,
    has no dispatch (None)."""

    unit_id: int
    dispatched_on: dt.date | None
    response_due: dt.date | None
    accepted_on: dt.date | None = None
    called_back_on: dt.date | None = None
    resolved: bool | None = None
    satisfaction: str | None = None


def composite(rates: Sequence[float | None], weights: Sequence[int]) -> float | None:
    """The weighted score (0–100) of the rates that exist, weights renormalised over them."""
    pairs = [(r, w) for r, w in zip(rates, weights, strict=True) if r is not None and w > 0]
    total = sum(w for _r, w in pairs)
    if not total:
        return None
    return round(100 * sum(r * w for r, w in pairs) / total, 2)


def three_rates(
    rounds: Iterable[RoundFacts], start: dt.date, end: dt.date, weights: Sequence[int]
) -> list[dict]:
    """Per unit for start..end (inclusive): response rate (accepted within the response
    limit / dispatched in the period), resolution rate (resolved at callback / called back
    in the period), satisfaction rate ((satisfied + basically satisfied) / called back) and
    the composite score. Rows sorted by composite, best first."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for r in rounds:
        c = counts[r.unit_id]
        if r.dispatched_on is not None and start <= r.dispatched_on <= end:
            c["dispatched"] += 1
            if r.accepted_on is not None and r.accepted_on <= r.response_due:
                c["responded"] += 1
        if r.called_back_on is not None and start <= r.called_back_on <= end:
            c["called_back"] += 1
            c["resolved"] += bool(r.resolved)
            c["satisfied"] += r.satisfaction in (Satisfaction.SATISFIED, Satisfaction.BASIC)
    rows = []
    for unit_id, c in counts.items():
        if not (c["dispatched"] or c["called_back"]):
            continue
        rates = (
            rate(c["responded"], c["dispatched"]),
            rate(c["resolved"], c["called_back"]),
            rate(c["satisfied"], c["called_back"]),
        )
        rows.append(
            {
                "unit": unit_id,
                "dispatched": c["dispatched"],
                "responded": c["responded"],
                "called_back": c["called_back"],
                "resolved": c["resolved"],
                "satisfied": c["satisfied"],
                "response_rate": rates[0],
                "resolution_rate": rates[1],
                "satisfaction_rate": rates[2],
                "composite": composite(rates, weights),
            }
        )
    rows.sort(key=lambda r: (r["composite"] is None, -(r["composite"] or 0), r["unit"]))
    return rows


def red_black(
    rows: Sequence[dict], size: int = RED_BLACK_SIZE, min_requests: int = RED_BLACK_MIN_REQUESTS
) -> tuple[list[dict], list[dict]]:
    """The red list (best ``size``) and black list (worst ``size``) of units with a score
    and at least ``min_requests`` requests; a unit is never on both."""
    ranked = [
        r
        for r in rows
        if r["composite"] is not None and max(r["dispatched"], r["called_back"]) >= min_requests
    ]
    ranked.sort(key=lambda r: (-r["composite"], r["unit"]))
    red = ranked[:size]
    rest = ranked[len(red) :]
    black = sorted(rest, key=lambda r: (r["composite"], r["unit"]))[:size]
    return red, black


# -- hot spots -------------------------------------------------------------------------


def hot_spots(
    places: np.ndarray,
    categories: np.ndarray,
    days: np.ndarray,
    as_of: dt.date,
    window: int = HOT_SPOT_WINDOW_DAYS,
    threshold: int = HOT_SPOT_THRESHOLD,
) -> list[tuple[int, int, int]]:
    """(place, category, count) for every place and category with at least ``threshold``
    requests received in the ``window`` days up to ``as_of``; ``days`` are ordinal dates
    (date.toordinal()). Vectorised: one pass however many requests."""
    if len(days) == 0:
        return []
    end = as_of.toordinal()
    keep = (days > end - window) & (days <= end)
    pairs = np.stack([places[keep], categories[keep]], axis=1)
    if len(pairs) == 0:
        return []
    unique, counts = np.unique(pairs, axis=0, return_counts=True)
    hits = counts >= threshold
    out = [(int(p), int(c), int(n)) for (p, c), n in zip(unique[hits], counts[hits], strict=True)]
    out.sort(key=lambda t: (-t[2], t[0], t[1]))
    return out


# -- return-to-poverty monitoring ------------------------------------------------------


def income_alert(income: Decimal | None, line: Decimal | None) -> str | None:
    """BELOW when the per-capita income is under the year's line, NEAR when within 10%
    above it, else None."""
    if income is None or line is None:
        return None
    if income < line:
        return IncomeAlert.BELOW
    if income < line * NEAR_LINE:
        return IncomeAlert.NEAR
    return None


# -- insurance coverage ----------------------------------------------------------------


def coverage_rate(registered: int, insured: int) -> float | None:
    """Insured / registered, in percent (two decimals)."""
    return rate(100 * insured, registered, 2)


def below_target(registered: int, insured: int, target: Decimal | float | None) -> bool:
    rate = coverage_rate(registered, insured)
    return rate is not None and target is not None and rate < float(target)


# -- mutual-aid funds ------------------------------------------------------------------


def fund_totals(entries: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Donations, aid and balance from (kind, amount) pairs of approved entries (in 万元);
    corrections carry their own sign."""
    donations = aid = Decimal(0)
    for kind, amount in entries:
        if kind == EntryKind.DONATION:
            donations += amount
        else:
            aid += amount
    return {"donations": donations, "aid": aid, "balance": donations - aid}


def aid_by_reason(entries: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Aid per reason from (reason, amount) pairs."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for reason, amount in entries:
        totals[reason or "other"] += amount
    return dict(totals)
