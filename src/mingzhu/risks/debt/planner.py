"""The peak-shaving planner (削峰): an exact linear programme over plain arrays.

Months are whole numbers (``year * 12 + month - 1``). Each instalment ``i`` of amount
``a_i`` is due in month ``t_i``; when its instrument may be refinanced or extended, any
part ``y_ik`` of it may move ``k`` months later (1 <= k <= its window ``w_i``), at a cost
of ``y_ik * r_i * k / 12`` (``r_i`` the refinancing rate if given, else the
instrument's own rate, as a fraction per year). With ``paid_s`` the principal paid in
month ``s`` after the moves and ``cap_s`` the money available that month:

    stage 1: minimise P      subject to  paid_s - cap_s <= P  for every month s,
                                         sum_k y_ik <= a_i,   y >= 0
    stage 2: minimise cost   subject to  paid_s - cap_s <= P* (the optimum of stage 1)

Both stages are solved by HiGHS (``scipy.optimize.linprog(method="highs")``) with sparse
constraint matrices built in one vectorised step, so a portfolio of thousands of
instruments over ten years solves in well under two seconds (benchmarks/risks_planner.py).
Doing nothing is always feasible, so a plan never has a higher peak than the wall.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np


class PlanError(RuntimeError):
    """The solver failed (it should not: the problem is always feasible and bounded)."""


@dataclass(frozen=True)
class Move:
    instrument: str
    from_month: int
    to_month: int
    amount: float
    cost: float


@dataclass
class PlanResult:
    months: list[int]
    due_before: np.ndarray
    due_after: np.ndarray
    capacity: np.ndarray
    peak_before: float
    peak_after: float
    extra_cost: float
    moves: list[Move] = field(default_factory=list)


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def plan(
    instruments: Sequence[str],
    months: Sequence[int],
    amounts: Sequence[float],
    rates: Sequence[float],
    windows: Sequence[int],
    capacity: Mapping[int, float] | None = None,
    refi_rate: float | None = None,
) -> PlanResult:
    """The plan for instalments given as parallel sequences: the instrument's id, the
    month due, the amount, the instrument's annual rate (a fraction) and its window in
    months (0 when it may not move). ``capacity`` maps months to the money available;
    ``refi_rate`` (a fraction), when given, prices every move."""
    # SciPy is imported when a plan is made, not when pages that never plan load this.
    from scipy import sparse
    from scipy.optimize import linprog

    month = np.asarray(months, dtype=np.int64)
    amount = np.asarray(amounts, dtype=np.float64)
    rate = np.asarray(rates, dtype=np.float64)
    window = np.asarray(windows, dtype=np.int64)
    n = len(month)
    if not (len(instruments) == len(amount) == len(rate) == len(window) == n):
        raise ValueError("the instalment sequences differ in length")
    if n == 0:
        empty = np.zeros(0)
        return PlanResult([], empty, empty, empty, 0.0, 0.0, 0.0)
    if (amount < 0).any() or (window < 0).any():
        raise ValueError("amounts and windows must not be negative")
    first = int(month.min())
    last = int((month + window).max())
    horizon = last - first + 1
    due = np.bincount(month - first, weights=amount, minlength=horizon)
    cap = np.zeros(horizon)
    for m, value in (capacity or {}).items():
        if first <= m <= last:
            cap[m - first] = value
    peak_before = float((due - cap).max())

    # One variable per (movable instalment, shift k = 1..w).
    movable = np.flatnonzero((window > 0) & (amount > 0))
    w = window[movable]
    var_count = int(w.sum())
    if var_count == 0:
        return PlanResult(
            [first + s for s in range(horizon)], due, due.copy(), cap, peak_before, peak_before, 0.0
        )
    owner = np.repeat(np.arange(len(movable)), w)  # row of the instalment constraint
    starts = np.repeat(np.cumsum(w) - w, w)
    shift = np.arange(var_count) - starts + 1
    src = month[movable][owner] - first
    dst = src + shift
    price = rate[movable][owner] if refi_rate is None else np.full(var_count, refi_rate)
    cost = price * shift / 12.0

    cols = np.arange(var_count)
    flows = sparse.csr_matrix(
        (
            np.concatenate([np.ones(var_count), -np.ones(var_count)]),
            (np.concatenate([dst, src]), np.concatenate([cols, cols])),
        ),
        shape=(horizon, var_count),
    )  # row s: what arrives in s minus what leaves s
    limits = sparse.csr_matrix((np.ones(var_count), (owner, cols)), shape=(len(movable), var_count))

    # Stage 1: the lowest peak.
    a1 = sparse.vstack(
        [
            sparse.hstack([flows, -np.ones((horizon, 1))]),
            sparse.hstack([limits, sparse.csr_matrix((len(movable), 1))]),
        ],
        format="csr",
    )
    b1 = np.concatenate([cap - due, amount[movable]])
    c1 = np.zeros(var_count + 1)
    c1[-1] = 1.0
    bounds1 = np.zeros((var_count + 1, 2))
    bounds1[:, 1] = np.inf
    bounds1[-1] = (-np.inf, np.inf)
    first_stage = linprog(c1, A_ub=a1, b_ub=b1, bounds=bounds1, method="highs")
    if first_stage.status != 0:
        raise PlanError(first_stage.message)
    best_peak = float(first_stage.x[-1])

    # Stage 2: the cheapest plan that keeps that peak (within the solver's tolerance).
    slack = 1e-9 * max(abs(best_peak), 1.0)
    a2 = sparse.vstack([flows, limits], format="csr")
    b2 = np.concatenate([cap - due + best_peak + slack, amount[movable]])
    second_stage = linprog(cost, A_ub=a2, b_ub=b2, bounds=(0, None), method="highs")
    if second_stage.status != 0:
        raise PlanError(second_stage.message)
    y = np.where(second_stage.x > 1e-7, second_stage.x, 0.0)

    moved_out = np.bincount(src, weights=y, minlength=horizon)
    moved_in = np.bincount(dst, weights=y, minlength=horizon)
    after = due - moved_out + moved_in
    ids = [instruments[i] for i in movable]
    moves = sorted(
        (
            Move(
                instrument=ids[owner[j]],
                from_month=int(src[j] + first),
                to_month=int(dst[j] + first),
                amount=float(y[j]),
                cost=float(y[j] * cost[j]),
            )
            for j in np.flatnonzero(y)
        ),
        key=lambda m: (m.from_month, m.to_month, m.instrument),
    )
    return PlanResult(
        months=[first + s for s in range(horizon)],
        due_before=due,
        due_after=after,
        capacity=cap,
        peak_before=peak_before,
        peak_after=float((after - cap).max()),
        extra_cost=float((y * cost).sum()),
        moves=moves,
    )


def as_json(result: PlanResult, digits: int = 4) -> dict:
    """The shape `mingzhu debt plan --json` prints."""

    def r(x: float) -> float:
        value = round(float(x), digits)
        return 0.0 if value == 0 else value

    return {
        "months": [month_label(m) for m in result.months],
        "due_before": [r(x) for x in result.due_before],
        "due_after": [r(x) for x in result.due_after],
        "peak_before": r(result.peak_before),
        "peak_after": r(result.peak_after),
        "extra_cost": r(result.extra_cost),
        "moves": [
            {
                "instrument": m.instrument,
                "from": month_label(m.from_month),
                "to": month_label(m.to_month),
                "amount": r(m.amount),
            }
            for m in result.moves
        ],
    }


def move_rows(moves: Iterable[Move], codes: Mapping[str, int]) -> list[dict]:
    """The moves as the planner page lists and exports them: the instrument's code and id
    (``codes``: code -> id, None without), the months as labels, the amount and the extra
    interest to two decimals."""
    return [
        {
            "instrument": m.instrument,
            "pk": codes.get(m.instrument),
            "from": month_label(m.from_month),
            "to": month_label(m.to_month),
            "amount": round(m.amount, 2),
            "cost": round(m.cost, 2),
        }
        for m in moves
    ]


def rounded_series(result: PlanResult) -> list[list[float]]:
    """What is due before and after the plan, and the capacity, per month to two
    decimals: the series of the planner's chart."""
    return [
        [round(float(x), 2) for x in values]
        for values in (result.due_before, result.due_after, result.capacity)
    ]
