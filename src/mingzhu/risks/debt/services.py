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

from .choices import Budget, EntityKind, Grade, InstrumentKind
from .planner import PlanResult, month_index, month_label, plan

SHORT_TERM_WARN = 30.0  # % of the debt due within 12 months
# % of the budget's expenditure: a city or county whose general debt interest exceeds 10 %
# of its general budget expenditure, or whose special debt interest exceeds 10 % of its
# government fund expenditure, must start fiscal restructuring (国办函〔2016〕88号).
INTEREST_RATIO_LINE = 10.0
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
    budget: str = Budget.GENERAL  # government debt only: general or special
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


def wall_table(w: Wall) -> tuple[list[str], list[list]]:
    """The wall as a table: its groups, and a row per period (the period, the principal
    of each group, the interest and the total)."""
    groups = list(w.principal)
    rows = [
        [p, *[w.principal[g][i] for g in groups], w.interest[i], w.total[i]]
        for i, p in enumerate(w.periods)
    ]
    return groups, rows


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


def fiscal_capacity(year):
    """综合财力 of a fiscal year (a ``FiscalRow``, or a stored ``FiscalYear``): what the
    city disposes of, net of what it remits to the level above — general budget +
    transfers − remittances + government funds + state capital."""
    return (
        year.general_budget_revenue
        + year.transfer_revenue
        - year.remittance
        + year.fund_revenue
        + year.state_capital_revenue
    )


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
    remittance: float = 0.0  # 上解上级支出
    fund_expenditure: float | None = None  # 政府性基金预算支出
    overdue_debt: float | None = None  # 逾期债务余额 at year end, as reported

    @property
    def capacity(self) -> float:
        return fiscal_capacity(self)


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


def principal_due(s: Schedule, first: int, last: int, mask=None) -> float:
    """Principal of the instalments due in months first..last."""
    pick = (s.month >= first) & (s.month <= last)
    if mask is not None:
        pick &= mask
    return float(s.amount[pick].sum())


def principal_drawn(rows: Sequence[InstrumentRow], first: int, last: int, mask=None) -> float:
    """New borrowing: the principal of the instruments that started in months first..last
    (their principal as recorded: an instrument's own schedule is its whole amount)."""
    total = 0.0
    for i, r in enumerate(rows):
        if mask is not None and not mask[i]:
            continue
        if r.start is not None and first <= mi(r.start) <= last:
            total += sum(a for _, a in r.instalments) if r.instalments else r.principal
    return total


def yearly_indicators(rows: Sequence[InstrumentRow], years: Sequence[FiscalRow]) -> list[dict]:
    """Per fiscal year, for the government's own debt: balance at year end, the four risk
    indicators of 国发〔2014〕43号 (债务率, 新增债务率, 偿债率, 逾期债务率) with the 债务率
    grade, the interest of general and of special debt against the budget that pays it
    (国办函〔2016〕88号's 10 % lines), the weighted average cost and the control targets.
    The formulas and their sources are in docs/risks.md."""
    s = schedule(rows)
    government = np.array([r.entity_kind == EntityKind.GOVERNMENT for r in rows], dtype=bool)
    special = np.array([r.budget == Budget.SPECIAL for r in rows], dtype=bool)
    has = bool(len(s.month))
    mask = government[s.instrument] if has else np.zeros(0, dtype=bool)
    special_mask = mask & special[s.instrument] if has else mask
    general_mask = mask & ~special[s.instrument] if has else mask
    capacity_of = {fy.year: fy.capacity for fy in years}
    out = []
    for fy in years:
        end = month_index(fy.year, 12)
        first = end - 11
        balance = balance_at(s, end, mask)
        general_interest = (
            float(interest_by_month(s, first, end, general_mask).sum()) if has else 0.0
        )
        special_interest = (
            float(interest_by_month(s, first, end, special_mask).sum()) if has else 0.0
        )
        new_debt = principal_drawn(rows, first, end, government)
        previous = capacity_of.get(fy.year - 1)
        capacity_growth = None if previous is None else fy.capacity - previous
        out.append(
            year_indicators(
                fy,
                balance=balance,
                general_interest=general_interest,
                special_interest=special_interest,
                principal_due=principal_due(s, first, end, mask) if has else 0.0,
                new_debt=new_debt,
                capacity_growth=capacity_growth,
                cost=weighted_cost(s, end, mask),
            )
        )
    return out


def year_indicators(
    fy: FiscalRow,
    *,
    balance: float,
    general_interest: float,
    special_interest: float,
    principal_due: float,
    new_debt: float,
    capacity_growth: float | None,
    cost: float | None,
) -> dict:
    """One fiscal year's indicators (see ``yearly_indicators``) from its sums: the year-end
    balance, the year's interest of general and of special debt, the principal falling due
    in it, the new borrowing, the capacity's growth on the year before (None without that
    year) and the year-end weighted cost."""
    interest = general_interest + special_interest
    service = principal_due + interest
    ratio = _pct(balance, fy.capacity)
    general_ratio = _pct(general_interest, fy.general_budget_expenditure)
    special_ratio = (
        None if fy.fund_expenditure is None else _pct(special_interest, fy.fund_expenditure)
    )
    return {
        "year": fy.year,
        "capacity": round(fy.capacity, 2),
        "balance": round(balance, 2),
        "debt_ratio": ratio,
        "grade": grade(ratio, fy.ratio_yellow, fy.ratio_orange, fy.ratio_red),
        "new_debt": round(new_debt, 2),
        "capacity_growth": None if capacity_growth is None else round(capacity_growth, 2),
        # No ratio when the capacity did not grow: the formula's base is not positive.
        "new_debt_ratio": _pct(new_debt, capacity_growth)
        if capacity_growth is not None and capacity_growth > 0
        else None,
        "debt_service": round(service, 2),
        "service_ratio": _pct(service, fy.capacity),
        "overdue_debt": fy.overdue_debt,
        "overdue_ratio": None
        if fy.overdue_debt is None
        else (_pct(fy.overdue_debt, balance) if balance else None),
        "interest": round(interest, 2),
        "general_interest": round(general_interest, 2),
        "special_interest": round(special_interest, 2),
        "general_interest_ratio": general_ratio,
        "special_interest_ratio": special_ratio,
        "interest_alarm": any(
            r is not None and r >= INTEREST_RATIO_LINE for r in (general_ratio, special_ratio)
        ),
        "weighted_cost": cost,
        "balance_target": fy.balance_target,
        "balance_met": None if fy.balance_target is None else balance <= fy.balance_target,
        "cost_target": fy.cost_target,
        "cost_met": None if fy.cost_target is None or cost is None else cost <= fy.cost_target,
    }


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
