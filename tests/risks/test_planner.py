"""The peak-shaving planner: small cases solved by hand, and properties of every plan."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mingzhu.risks.debt.planner import (
    Move,
    as_json,
    month_index,
    move_rows,
    plan,
    rounded_series,
)

M = month_index(2026, 1)


def test_nothing_refinanceable_changes_nothing():
    r = plan(["a", "b"], [M, M + 1], [100, 50], [0.05, 0.05], [0, 0])
    assert r.moves == []
    assert r.peak_before == r.peak_after == 100
    assert r.extra_cost == 0
    assert r.due_after.tolist() == [100, 50]


def test_a_window_of_one_splits_the_instalment_in_half():
    # due [100, 0]; moving y costs y * 12% * 1/12: the lowest peak is 50, costing 0.5.
    r = plan(["a"], [M], [100], [0.12], [1])
    assert r.months == [M, M + 1]
    assert r.peak_before == 100
    assert r.peak_after == pytest.approx(50)
    assert r.extra_cost == pytest.approx(0.5)
    assert r.due_after == pytest.approx([50, 50])
    [move] = r.moves
    assert (move.instrument, move.from_month, move.to_month) == ("a", M, M + 1)
    assert move.amount == pytest.approx(50)


def test_the_refinancing_rate_prices_every_move():
    r = plan(["a"], [M], [100], [0.12], [1], refi_rate=0.24)
    assert r.extra_cost == pytest.approx(50 * 0.24 / 12)


def test_binding_capacity():
    # due [120, 0, 0], capacity [60, 0, 30], window 2. With y1, y2 moved one and two
    # months: P >= 60 - y1 - y2, P >= y1, P >= y2 - 30, so P* = 10 with y1 = 10,
    # y2 = 40 (the only plan); cost 10 * 6%/12 + 40 * 6% * 2/12 = 0.05 + 0.4.
    r = plan(["a"], [M], [120], [0.06], [2], capacity={M: 60, M + 2: 30})
    assert r.peak_before == 60
    assert r.peak_after == pytest.approx(10)
    assert r.extra_cost == pytest.approx(0.45)
    moved = {m.to_month - M: m.amount for m in r.moves}
    assert moved == pytest.approx({1: 10, 2: 40})


def test_the_cheaper_instrument_moves():
    # Both 100 in month 0, window 1: the peak 100 is reached by moving 100 of either;
    # b costs half as much, so b moves.
    r = plan(["a", "b"], [M, M], [100, 100], [0.12, 0.06], [1, 1])
    assert r.peak_after == pytest.approx(100)
    assert [(m.instrument, round(m.amount, 6)) for m in r.moves] == [("b", 100)]
    assert r.extra_cost == pytest.approx(0.5)


def test_ties_on_cost_any_split_with_the_same_peak_and_cost():
    r = plan(["a", "b"], [M, M], [100, 100], [0.12, 0.12], [1, 1])
    assert r.peak_after == pytest.approx(100)
    assert r.extra_cost == pytest.approx(1.0)
    assert sum(m.amount for m in r.moves) == pytest.approx(100)
    assert all(0 <= m.amount <= 100 + 1e-6 for m in r.moves)


def test_no_move_when_the_peak_cannot_fall():
    # due [100, 100]: a may move into month 1 only, which is as high already.
    r = plan(["a", "b"], [M, M + 1], [100, 100], [0.12, 0.12], [1, 0])
    assert r.peak_after == pytest.approx(100)
    assert r.moves == []
    assert r.extra_cost == 0


def test_shorter_moves_are_preferred_at_the_same_peak():
    # due [300, 0, 0], window 2: peak 100 needs 100 in each month; no cheaper way.
    r = plan(["a"], [M], [300], [0.12], [2])
    assert r.peak_after == pytest.approx(100)
    assert r.extra_cost == pytest.approx(100 * 0.01 + 100 * 0.02)


def test_the_json_shape():
    data = as_json(plan(["a"], [M], [100], [0.12], [1]))
    assert set(data) == {
        "months",
        "due_before",
        "due_after",
        "peak_before",
        "peak_after",
        "extra_cost",
        "moves",
    }
    assert data["months"] == ["2026-01", "2026-02"]
    assert data["due_before"] == [100.0, 0.0]
    assert data["due_after"] == [50.0, 50.0]
    assert data["peak_before"] == 100.0 and data["peak_after"] == 50.0
    assert data["moves"] == [
        {"instrument": "a", "from": "2026-01", "to": "2026-02", "amount": 50.0}
    ]


def test_an_empty_portfolio():
    r = plan([], [], [], [], [])
    assert r.months == [] and r.moves == [] and r.peak_after == 0


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        plan(["a"], [M], [-1], [0.1], [1])


instalment = st.tuples(
    st.integers(0, 8),  # month
    st.integers(0, 1000),  # amount
    st.sampled_from([0.0, 0.03, 0.05, 0.08]),  # rate
    st.integers(0, 4),  # window
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(instalment, min_size=1, max_size=10),
    caps=st.dictionaries(st.integers(0, 12), st.integers(0, 800), max_size=6),
    refi=st.none() | st.sampled_from([0.02, 0.1]),
)
def test_every_plan_is_feasible_and_never_worsens_the_peak(rows, caps, refi):
    ids = [f"i{k}" for k in range(len(rows))]
    months = [m for m, _a, _r, _w in rows]
    amounts = [a for _m, a, _r, _w in rows]
    windows = [w for *_rest, w in rows]
    r = plan(ids, months, amounts, [rt for _m, _a, rt, _w in rows], windows, caps, refi)
    tol = 1e-6 * max(1.0, max(amounts))
    first = min(months)
    assert r.months[0] == first and r.months[-1] == max(
        m + w for m, w in zip(months, windows, strict=True)
    )
    moved = {}
    for mv in r.moves:
        k = ids.index(mv.instrument)
        assert mv.amount > 0
        assert mv.from_month == months[k]
        assert 1 <= mv.to_month - mv.from_month <= windows[k]
        moved[k] = moved.get(k, 0) + mv.amount
    for k, total in moved.items():
        assert total <= amounts[k] + tol
    # Principal is conserved, and the wall after is the wall before plus the moves.
    assert r.due_after.sum() == pytest.approx(r.due_before.sum(), abs=tol * len(rows))
    expected = r.due_before.copy()
    for mv in r.moves:
        expected[mv.from_month - first] -= mv.amount
        expected[mv.to_month - first] += mv.amount
    assert np.allclose(r.due_after, expected, atol=tol)
    assert (r.due_after >= -tol).all()
    assert r.peak_after <= r.peak_before + tol
    assert r.peak_after == pytest.approx(float((r.due_after - r.capacity).max()), abs=tol)
    rates = [refi if refi is not None else rows[ids.index(mv.instrument)][2] for mv in r.moves]
    cost = sum(
        mv.amount * rt * (mv.to_month - mv.from_month) / 12
        for mv, rt in zip(r.moves, rates, strict=True)
    )
    assert r.extra_cost == pytest.approx(cost, abs=tol)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(instalment, min_size=1, max_size=6))
def test_the_peak_is_no_higher_than_spreading_each_instalment_evenly(rows):
    """A feasible plan (each instalment spread evenly over its month and window) bounds
    the optimum from above."""
    ids = [f"i{k}" for k in range(len(rows))]
    months = [m for m, *_ in rows]
    amounts = [a for _m, a, *_ in rows]
    windows = [w for *_rest, w in rows]
    r = plan(ids, months, amounts, [0.05] * len(rows), windows)
    spread = np.zeros(len(r.months))
    first = r.months[0]
    for m, a, w in zip(months, amounts, windows, strict=True):
        spread[m - first : m - first + w + 1] += a / (w + 1)
    assert r.peak_after <= spread.max() + 1e-6 * max(1, max(amounts))


def test_move_rows_and_series_as_the_planner_page_shows_them():
    r = plan(["a"], [M], [100], [0.12], [1])
    assert rounded_series(r) == [[100.0, 0.0], [50.0, 50.0], [0.0, 0.0]]
    moves = [Move("a", M, M + 1, 49.996, 0.49996), Move("z", M + 11, M + 13, 10, 0.123)]
    assert move_rows(moves, {"a": 7}) == [
        {
            "instrument": "a",
            "pk": 7,
            "from": "2026-01",
            "to": "2026-02",
            "amount": 50.0,
            "cost": 0.5,
        },
        {
            "instrument": "z",
            "pk": None,
            "from": "2026-12",
            "to": "2027-02",
            "amount": 10,
            "cost": 0.12,
        },
    ]
    assert move_rows([], {}) == []
