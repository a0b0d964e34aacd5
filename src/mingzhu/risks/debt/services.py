"""Pure computations over debt: repayment schedules, the maturity wall, liquidity alerts,
the risk indicators and the high-cost list. Plain rows in, plain results out; ``as_of``
is always given, nothing reads the clock or the database.

Money is in 万元; rates are percentages (4.5 means 4.5 % a year). Interest is reckoned
monthly on the principal still outstanding: each instalment accrues ``a * r / 12`` in
every month from its instrument's start up to and including the month it is repaid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .choices import EntityKind, Grade, InstrumentKind
from .planner import PlanResult, month_index, month_label, plan

SHORT_TERM_WARN = 30.0  # % of the debt due within 12 months
INTEREST_RATIO_LINE = 10.0  # % of general budget expenditure: fiscal restructuring
CASH_COVERAGE_WARN = 1.0  # cash / debt due within 3 months


@dataclass(frozen=True)
class InstrumentRow:
    id: str
    entity: str
    kind: str
    principal: float
    rate: float  # % a year
    maturity: dt.date
    start: dt.date | None = None
    refinanceable: bool = False
    max_defer_months: int = 0
    entity_kind: str = EntityKind.PLATFORM
    instalments: tuple[tuple[dt.date, float], ...] = ()  # empty: bullet at maturity


@dataclass
class Schedule:
    """One row per instalment (parallel arrays)."""

    instrument: np.ndarray  # index into the instrument rows
    month: np.ndarray  # month index due
    amount: np.ndarray
    start: np.ndarray  # month index from which it accrues interest
    rate: np.ndarray  # % a year


def mi(day: dt.date) -> int:
    return month_index(day.year, day.month)


def schedule(rows: Sequence[InstrumentRow]) -> Schedule:
    inst, month, amount, start, rate = [], [], [], [], []
    for i, r in enumerate(rows):
        parts = r.instalments or ((r.maturity, r.principal),)
        for due, a in parts:
            inst.append(i)
            month.append(mi(due))
            amount.append(a)
            start.append(mi(r.start) if r.start else mi(due))
            rate.append(r.rate)
    return Schedule(
        np.asarray(inst, dtype=np.int64),
        np.asarray(month, dtype=np.int64),
        np.asarray(amount, dtype=np.float64),
        np.asarray(start, dtype=np.int64),
        np.asarray(rate, dtype=np.float64),
    )


def interest_by_month(s: Schedule, first: int, last: int, mask=None) -> np.ndarray:
    """Interest due in each month first..last (a difference array, no loop per month)."""
    size = last - first + 1
    if mask is not None:
        s = Schedule(*(a[mask] for a in (s.instrument, s.month, s.amount, s.start, s.rate)))
    lo = np.clip(s.start, first, last + 1) - first
    hi = np.clip(s.month + 1, first, last + 1) - first
    keep = hi > lo
    monthly = s.amount * s.rate / 100.0 / 12.0
    diff = np.zeros(size + 1)
    np.add.at(diff, lo[keep], monthly[keep])
    np.add.at(diff, hi[keep], -monthly[keep])
    return np.cumsum(diff)[:size]


@dataclass
class Wall:
    periods: list[str]
    principal: dict[str, list[float]]  # by group (entity or kind), per period
    interest: list[float]
    total: list[float]  # principal + interest


def wall(
    rows: Sequence[InstrumentRow],
    as_of: dt.date,
    by: str = "entity",
    quarterly: bool = False,
    months: int = 120,
) -> Wall:
    """Principal by group and interest, per month (or quarter), from ``as_of``'s month on
    for ``months`` months."""
    first = mi(as_of)
    last = first + months - 1
    s = schedule(rows)
    keys = [getattr(r, by) for r in rows]
    groups = sorted(set(keys))
    principal = {}
    in_range = (s.month >= first) & (s.month <= last)
    for g in groups:
        pick = in_range & np.isin(s.instrument, [i for i, k in enumerate(keys) if k == g])
        principal[g] = np.bincount(s.month[pick] - first, weights=s.amount[pick], minlength=months)
    interest = interest_by_month(s, first, last) if len(s.month) else np.zeros(months)
    labels = [month_label(first + k) for k in range(months)]
    if quarterly:
        labels, fold = _quarters(first, months)
        principal = {g: fold(v) for g, v in principal.items()}
        interest = fold(interest)
    total = sum(principal.values(), np.zeros(len(labels))) + interest
    return Wall(
        labels,
        {g: _round(v) for g, v in principal.items()},
        _round(interest),
        _round(total),
    )


def _quarters(first: int, months: int):
    index = np.arange(first, first + months)
    quarter = (index // 12) * 4 + (index % 12) // 3
    q0 = quarter[0]
    labels = [f"{q // 4}Q{q % 4 + 1}" for q in range(q0, quarter[-1] + 1)]

    def fold(values):
        return np.bincount(quarter - q0, weights=np.asarray(values), minlength=len(labels))

    return labels, fold


def _round(values) -> list[float]:
    return [round(float(v), 2) for v in values]


@dataclass(frozen=True)
class Alert:
    entity: str
    month: str
    due: float
    cash: float
    inflow: float

    @property
    def gap(self) -> float:
        return round(self.due - self.cash - self.inflow, 2)


def liquidity_alerts(
    rows: Sequence[InstrumentRow],
    cash: Iterable[tuple[str, dt.date, float, float]],
    as_of: dt.date,
) -> list[Alert]:
    """Months (with a cash record, from ``as_of`` on) in which an entity's principal and
    interest due exceed its cash plus the inflows expected that month."""
    s = schedule(rows)
    entities = np.array([r.entity for r in rows], dtype=object)
    start = mi(as_of)
    alerts = []
    records = sorted((e, mi(m), c, f) for e, m, c, f in cash if mi(m) >= start)
    if not records or not len(s.month):
        return alerts
    last = max(m for _, m, _, _ in records)
    by_entity: dict[str, np.ndarray] = {}
    for e in {r[0] for r in records}:
        mask = entities[s.instrument] == e
        pick = mask & (s.month >= start) & (s.month <= last)
        principal = np.bincount(
            s.month[pick] - start, weights=s.amount[pick], minlength=last - start + 1
        )
        by_entity[e] = principal + interest_by_month(s, start, last, mask)
    for e, m, c, f in records:
        due = float(by_entity[e][m - start])
        if due > c + f:
            alerts.append(Alert(e, month_label(m), round(due, 2), float(c), float(f)))
    return alerts


def grade(ratio: float | None, yellow: float, orange: float, red: float) -> str | None:
    if ratio is None:
        return None
    if ratio >= red:
        return Grade.RED
    if ratio >= orange:
        return Grade.ORANGE
    if ratio >= yellow:
        return Grade.YELLOW
    return Grade.GREEN


def _pct(num: float, den: float) -> float | None:
    return round(num / den * 100.0, 2) if den else None


@dataclass(frozen=True)
class FiscalRow:
    year: int
    general_budget_revenue: float
    transfer_revenue: float
    fund_revenue: float
    state_capital_revenue: float
    general_budget_expenditure: float
    balance_target: float | None = None
    cost_target: float | None = None
    ratio_yellow: float = 120.0
    ratio_orange: float = 200.0
    ratio_red: float = 300.0

    @property
    def capacity(self) -> float:
        return (
            self.general_budget_revenue
            + self.transfer_revenue
            + self.fund_revenue
            + self.state_capital_revenue
        )


def balance_at(s: Schedule, month: int, mask=None) -> float:
    """Principal outstanding at the end of ``month``: instalments started by then and not
    yet due."""
    pick = (s.start <= month) & (s.month > month)
    if mask is not None:
        pick &= mask
    return float(s.amount[pick].sum())


def weighted_cost(s: Schedule, month: int, mask=None) -> float | None:
    pick = (s.start <= month) & (s.month > month)
    if mask is not None:
        pick &= mask
    total = s.amount[pick].sum()
    return round(float((s.amount[pick] * s.rate[pick]).sum() / total), 3) if total else None


def yearly_indicators(rows: Sequence[InstrumentRow], years: Sequence[FiscalRow]) -> list[dict]:
    """Per fiscal year, for the government's own debt: balance at year end, 债务率 and its
    grade, interest and 利息支出率, weighted average cost, and the control targets."""
    s = schedule(rows)
    government = np.array([r.entity_kind == EntityKind.GOVERNMENT for r in rows], dtype=bool)
    mask = government[s.instrument] if len(s.month) else np.zeros(0, dtype=bool)
    out = []
    for fy in years:
        end = month_index(fy.year, 12)
        balance = balance_at(s, end, mask)
        interest = float(interest_by_month(s, end - 11, end, mask).sum()) if len(s.month) else 0.0
        ratio = _pct(balance, fy.capacity)
        interest_ratio = _pct(interest, fy.general_budget_expenditure)
        cost = weighted_cost(s, end, mask)
        out.append(
            {
                "year": fy.year,
                "capacity": round(fy.capacity, 2),
                "balance": round(balance, 2),
                "debt_ratio": ratio,
                "grade": grade(ratio, fy.ratio_yellow, fy.ratio_orange, fy.ratio_red),
                "interest": round(interest, 2),
                "interest_ratio": interest_ratio,
                "interest_alarm": interest_ratio is not None
                and interest_ratio >= INTEREST_RATIO_LINE,
                "weighted_cost": cost,
                "balance_target": fy.balance_target,
                "balance_met": None if fy.balance_target is None else balance <= fy.balance_target,
                "cost_target": fy.cost_target,
                "cost_met": None
                if fy.cost_target is None or cost is None
                else cost <= fy.cost_target,
            }
        )
    return out


def portfolio_indicators(rows: Sequence[InstrumentRow], cash_now: float, as_of: dt.date) -> dict:
    """Indicators of the whole portfolio (every entity) on ``as_of``: 短期债务占比 (due
    within 12 months / outstanding), 现金覆盖率 (cash / principal and interest due within
    3 months), weighted average cost and the non-standard share."""
    s = schedule(rows)
    now = mi(as_of)
    live = s.month >= now
    total = float(s.amount[live].sum())
    within_12 = float(s.amount[live & (s.month < now + 12)].sum())
    principal_3 = float(s.amount[live & (s.month < now + 3)].sum())
    interest_3 = float(interest_by_month(s, now, now + 2).sum()) if len(s.month) else 0.0
    due_3 = principal_3 + interest_3
    kinds = np.array([r.kind for r in rows], dtype=object)
    non_standard = (
        float(s.amount[live & (kinds[s.instrument] == InstrumentKind.NON_STANDARD)].sum())
        if len(s.month)
        else 0.0
    )
    cost = round(float((s.amount[live] * s.rate[live]).sum() / total), 3) if total else None
    short = _pct(within_12, total)
    coverage = round(cash_now / due_3, 2) if due_3 else None
    return {
        "outstanding": round(total, 2),
        "due_12": round(within_12, 2),
        "short_term_share": short,
        "short_term_warn": short is not None and short > SHORT_TERM_WARN,
        "due_3": round(due_3, 2),
        "cash": round(cash_now, 2),
        "cash_coverage": coverage,
        "cash_coverage_warn": coverage is not None and coverage < CASH_COVERAGE_WARN,
        "weighted_cost": cost,
        "non_standard": round(non_standard, 2),
        "non_standard_share": _pct(non_standard, total),
    }


@dataclass(frozen=True)
class HighCost:
    row: InstrumentRow
    saving: float  # interest saved to maturity if replaced at the given rate


def high_cost(
    rows: Sequence[InstrumentRow], threshold: float, replace_at: float, as_of: dt.date
) -> list[HighCost]:
    """Instruments whose rate is above ``threshold`` (%), with the interest saved (万元)
    if their outstanding principal were replaced at ``replace_at`` (%) from ``as_of``'s
    month to each instalment's due month; the largest saving first."""
    now = mi(as_of)
    out = []
    for r in rows:
        if r.rate <= threshold:
            continue
        parts = r.instalments or ((r.maturity, r.principal),)
        saving = sum(
            a * (r.rate - replace_at) / 100.0 * max(mi(d) - now, 0) / 12.0 for d, a in parts
        )
        out.append(HighCost(r, round(saving, 2)))
    return sorted(out, key=lambda h: (-h.saving, h.row.id))


@dataclass
class PlanInput:
    instruments: list[str] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    amounts: list[float] = field(default_factory=list)
    rates: list[float] = field(default_factory=list)  # fractions, for the planner
    windows: list[int] = field(default_factory=list)


def window_of(row: InstrumentRow, window: int | None) -> int:
    """How far an instrument's instalments may move: none unless it may be refinanced or
    extended; its own longest extension, capped by ``window`` when one is given (and
    ``window`` itself when the instrument names no limit)."""
    if not row.refinanceable:
        return 0
    own = row.max_defer_months
    if window is None:
        return own
    return min(own, window) if own else window


def plan_input(
    rows: Sequence[InstrumentRow], window: int | None = None, from_month: int | None = None
) -> PlanInput:
    """The planner's instalments (those due from ``from_month`` on, when given)."""
    out = PlanInput()
    for r in rows:
        w = window_of(r, window)
        for due, a in r.instalments or ((r.maturity, r.principal),):
            m = mi(due)
            if from_month is not None and m < from_month:
                continue
            out.instruments.append(r.id)
            out.months.append(m)
            out.amounts.append(float(a))
            out.rates.append(r.rate / 100.0)
            out.windows.append(w)
    return out


def plan_rows(
    rows: Sequence[InstrumentRow],
    *,
    window: int | None = None,
    refi_rate: float | None = None,
    capacity: dict[int, float] | None = None,
    from_month: int | None = None,
) -> PlanResult:
    """Run the planner on instrument rows; ``refi_rate`` in %."""
    p = plan_input(rows, window, from_month)
    return plan(
        p.instruments,
        p.months,
        p.amounts,
        p.rates,
        p.windows,
        capacity=capacity,
        refi_rate=None if refi_rate is None else refi_rate / 100.0,
    )
