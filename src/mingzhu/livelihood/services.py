"""Pure logic of the livelihood module: a request's status, the three rates (三率) and
their composite, the red-and-black list, hot spots, income alerts, coverage rates and
fund balances. Nothing here reads the clock or the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from mingzhu.core.periods import rate
from mingzhu.tasks.choices import HANDLING
from mingzhu.tasks.choices import Status as TaskStatus

from .choices import EntryKind, IncomeAlert, RequestStatus, RiskCause, Satisfaction, Scheme

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
    acceptance was due and the day it was accepted: 签收; the moment contact with the
    caller was due and the first recorded contact: 响应) and/or a callback (resolved, how
    satisfied). A callback alone, such as the second one of a task reopened at its first,
    has no dispatch (None)."""

    unit_id: int
    dispatched_on: dt.date | None
    response_due: dt.date | None
    accepted_on: dt.date | None = None
    called_back_on: dt.date | None = None
    resolved: bool | None = None
    satisfaction: str | None = None
    contact_due: dt.datetime | None = None
    contacted_at: dt.datetime | None = None


def composite(rates: Sequence[float | None], weights: Sequence[int]) -> float | None:
    """The weighted score (0–100) of the three rates; None unless all three exist (a unit
    with no callback has no resolution or satisfaction rate, and no score to rank by)."""
    if any(r is None for r in rates):
        return None
    total = sum(weights)
    if not total:
        return None
    return round(100 * sum(r * w for r, w in zip(rates, weights, strict=True)) / total, 2)


def three_rates(
    rounds: Iterable[RoundFacts], start: dt.date, end: dt.date, weights: Sequence[int]
) -> list[dict]:
    """Per unit for start..end (inclusive): response rate (the caller contacted within the
    limit / dispatched in the period), resolution rate (resolved at callback / called back
    in the period), satisfaction rate ((satisfied + basically satisfied) / called back),
    the composite score of the three, and apart from it the sign-for rate (accepted in the
    system within each type's working days / dispatched). Rows sorted by composite, best
    first."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for r in rounds:
        c = counts[r.unit_id]
        if r.dispatched_on is not None and start <= r.dispatched_on <= end:
            c["dispatched"] += 1
            if r.accepted_on is not None and r.accepted_on <= r.response_due:
                c["signed"] += 1
            if r.contacted_at is not None and r.contact_due is not None:
                c["responded"] += r.contacted_at <= r.contact_due
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
                "signed": c["signed"],
                "responded": c["responded"],
                "called_back": c["called_back"],
                "resolved": c["resolved"],
                "satisfied": c["satisfied"],
                "sign_rate": rate(c["signed"], c["dispatched"]),
                "response_rate": rates[0],
                "resolution_rate": rates[1],
                "satisfaction_rate": rates[2],
                "composite": composite(rates, weights),
            }
        )
    rows.sort(key=lambda r: (r["composite"] is None, -(r["composite"] or 0), r["unit"]))
    return rows


def rank(
    rows: Sequence[dict], min_cases: int = RED_BLACK_MIN_REQUESTS
) -> tuple[list[dict], list[dict]]:
    """The ranking rule: a unit is ranked when it has a score (all three rates) and at
    least ``min_cases`` requests dispatched and ``min_cases`` called back in the period;
    equal scores share a place (1, 1, 3 …). Each row gets ``rank`` (None when not ranked)
    and ``not_ranked`` (why). Returns (ranked best first, not ranked)."""
    ranked, others = [], []
    for r in rows:
        if r["composite"] is None:
            r["rank"], r["not_ranked"] = None, "no_score"
            others.append(r)
        elif r["dispatched"] < min_cases or r["called_back"] < min_cases:
            r["rank"], r["not_ranked"] = None, "too_few"
            others.append(r)
        else:
            r["not_ranked"] = ""
            ranked.append(r)
    ranked.sort(key=lambda r: (-r["composite"], r["unit"]))
    for i, r in enumerate(ranked):
        same = i and r["composite"] == ranked[i - 1]["composite"]
        r["rank"] = ranked[i - 1]["rank"] if same else i + 1
    return ranked, others


def red_black(
    rows: Sequence[dict], size: int = RED_BLACK_SIZE, min_requests: int = RED_BLACK_MIN_REQUESTS
) -> tuple[list[dict], list[dict]]:
    """The red list (the first ``size`` places) and the black list (the last ``size``
    places counted from the bottom) of the ranked units: a unit tied with the last place
    on a list is on it too, so a list may be longer than ``size``; a unit is never on both
    (the red list wins), and every ranked unit with the same score as a red one is red."""
    ranked, _others = rank(rows, min_requests)
    red = [r for r in ranked if r["rank"] <= size]
    rest = ranked[len(red) :]
    if not rest:
        return red, []
    worst = sorted(rest, key=lambda r: (r["composite"], r["unit"]))
    # Places from the bottom, ties sharing one.
    black, place = [], 0
    for i, r in enumerate(worst):
        if not (i and r["composite"] == worst[i - 1]["composite"]):
            place = i + 1
        if place > size:
            break
        black.append(r)
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


def coverage_rows(records: Iterable, targets: Mapping[str, Decimal]) -> list[dict]:
    """A year's coverage records (village, scheme, registered, insured) each with its
    rate, the scheme's target (``targets``: scheme -> rate) and whether it falls short."""
    rows = []
    for r in records:
        target = targets.get(r.scheme)
        rows.append(
            {
                "record": r,
                "rate": r.rate,
                "target": target,
                "below": below_target(r.registered, r.insured, target),
            }
        )
    return rows


def coverage_totals(rows: Sequence[dict], targets: Mapping[str, Decimal]) -> dict[str, tuple]:
    """Per scheme (by its label): registered, insured, rate and target over the rows of
    ``coverage_rows``."""
    totals = {}
    for scheme in Scheme:
        mine = [x["record"] for x in rows if x["record"].scheme == scheme]
        reg = sum(x.registered for x in mine)
        ins = sum(x.insured for x in mine)
        totals[scheme.label] = (reg, ins, coverage_rate(reg, ins), targets.get(scheme))
    return totals


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


def largest_first(amounts: Mapping[str, Decimal], labels: Mapping[str, str]) -> list[tuple]:
    """(label, amount) pairs, the largest amount first; a key without a label stands for
    itself."""
    return sorted(((labels.get(k, k), v) for k, v in amounts.items()), key=lambda kv: -kv[1])
