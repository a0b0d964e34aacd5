"""The scoring formula on hand-worked examples, and the streaks."""

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mingzhu.appraisal.defaults import DEFAULT_SCHEMES
from mingzhu.appraisal.scoring import (
    ItemSpec,
    RuleSpec,
    SchemeSpec,
    UnitInput,
    red_and_yellow,
    result_table,
    score,
    streaks,
)
from mingzhu.core.periods import parse_quarter

ITEMS = (
    "signed_investment",
    "signed_major_count",
    "started_major_count",
    "investment_completion",
    "completed_count",
    "inspection_score",
)


def _spec(code: str) -> SchemeSpec:
    d = next(s for s in DEFAULT_SCHEMES if s["code"] == code)
    return SchemeSpec(
        code=d["code"],
        version=1,
        name=d["name"],
        method=d["method"],
        items=tuple(
            ItemSpec(c, n, float(w), None if cap is None else float(cap), lower)
            for c, n, w, cap, lower in d["items"]
        ),
        rules=tuple(RuleSpec(c, n, float(p)) for c, n, p in d["rules"]),
        tie_break=tuple(d["tie_break"].split(",")),
        awards_flags=d["awards_flags"],
    )


TOWNS = _spec("towns_projects")
DEPARTMENTS = _spec("departments_service")


def town(code, values=(0, 0, 0, 0, 0, 0), thirty=0, fifty=0):
    return UnitInput(
        code,
        f"town {code}",
        dict(zip(ITEMS, values, strict=True)),
        {"signed_30yi_count": thirty, "signed_50yi_count": fifty},
    )


def by_unit(rows):
    return {r.unit: r for r in rows}


def test_it_scores_three_towns_as_worked_out_by_hand():
    rows = score(
        [
            town("A", (10, 2, 1, 0.8, 1, 90), thirty=1),
            town("B", (5, 1, 0, 1.2, 0, 80)),
            town("C", (0, 0, 0, 0.4, 0, 0)),
        ],
        TOWNS,
    )
    got = by_unit(rows)
    # A: 30 + 15 + 15 + 20 × 0.8/1.2 + 10 + 10 = 93.3333, plus 3 for a 30 亿元 project
    assert got["A"].score == pytest.approx(96.333333, abs=1e-6)
    assert got["A"].bonus == 3
    # B: 30 × 5/10 + 15 × 1/2 + 0 + 20 + 0 + 10 × 80/90
    assert got["B"].score == pytest.approx(51.388889, abs=1e-6)
    # C: 20 × 0.4/1.2
    assert got["C"].score == pytest.approx(6.666667, abs=1e-6)
    assert [r.unit for r in rows] == ["A", "B", "C"]
    assert red_and_yellow(rows) == (["A"], ["C"])


def test_an_item_whose_largest_value_is_zero_scores_zero_for_everyone():
    rows = score([town("A", (10, 0, 0, 0, 0, 0)), town("B", (5, 0, 0, 0, 0, 0))], TOWNS)
    got = by_unit(rows)
    assert got["A"].points["signed_major_count"] == 0
    assert got["A"].score == 30 and got["B"].score == 15


def test_it_caps_the_investment_completion_at_one_and_a_half():
    rows = score(
        [
            town("A", (0, 0, 0, 2.0, 0, 0)),
            town("B", (0, 0, 0, 1.5, 0, 0)),
            town("C", (0, 0, 0, 0.75, 0, 0)),
        ],
        TOWNS,
    )
    got = by_unit(rows)
    assert got["A"].items["investment_completion"] == 1.5
    assert got["A"].score == got["B"].score == 20
    assert got["C"].score == 10
    # Equal scores, equal capped completion: the unit code decides.
    assert [r.unit for r in rows] == ["A", "B", "C"]


def test_it_adds_three_for_30_yi_and_five_for_50_yi_projects():
    rows = score(
        [town("X", (35, 1, 0, 0, 0, 0), thirty=1), town("Y", (52, 1, 0, 0, 0, 0), fifty=1)],
        TOWNS,
    )
    got = by_unit(rows)
    assert got["X"].score == pytest.approx(30 * 35 / 52 + 15 + 3, abs=1e-6)
    assert got["Y"].score == pytest.approx(30 + 15 + 5)


def test_ties_go_to_the_larger_signed_investment_first():
    # X: 30 for signing; Y: 15 + 15 for major counts. Both 30 points.
    rows = score([town("Y", (0, 2, 1, 0, 0, 0)), town("X", (10, 0, 0, 0, 0, 0)), town("Z")], TOWNS)
    assert [r.score for r in rows] == [30, 30, 0]
    assert [r.unit for r in rows] == ["X", "Y", "Z"]


def test_ties_then_go_to_the_higher_investment_completion():
    # X: 30 + 20; Y: 30 + 10 + 10 (inspection). Same score and same signed investment.
    rows = score(
        [town("Y", (10, 0, 0, 0.5, 0, 100)), town("X", (10, 0, 0, 1.0, 0, 0)), town("Z")], TOWNS
    )
    assert rows[0].score == rows[1].score == 50
    assert [r.unit for r in rows] == ["X", "Y", "Z"]


def test_ties_last_go_by_unit_code():
    same = (3, 1, 1, 1, 1, 80)
    rows = score([town("B-2", same), town("A-1", same), town("C-3", same)], TOWNS)
    assert [r.unit for r in rows] == ["A-1", "B-2", "C-3"]
    assert [r.rank for r in rows] == [1, 2, 3]
    assert red_and_yellow(rows) == (["A-1"], ["C-3"])


def test_no_yellow_flag_with_fewer_than_three_towns():
    rows = score([town("A", (1, 0, 0, 0, 0, 0)), town("B")], TOWNS)
    assert red_and_yellow(rows) == (["A"], [])
    assert red_and_yellow(score([town("A")], TOWNS)) == (["A"], [])
    assert score([], TOWNS) == []


def test_a_unit_may_appear_only_once():
    with pytest.raises(ValueError):
        score([town("A"), town("A")], TOWNS)


def test_the_rate_method_rescales_over_the_items_with_a_value():
    rows = score(
        [
            UnitInput(
                "D1",
                "d1",
                {
                    "on_time_rate": 0.9,
                    "satisfaction_rate": 1.0,
                    "acceptance_rate": 0.8,
                    "rework_rate": 0.1,
                },
            ),
            UnitInput(
                "D2",
                "d2",
                {
                    "on_time_rate": 0.5,
                    "satisfaction_rate": None,
                    "acceptance_rate": 1.0,
                    "rework_rate": 0.0,
                },
            ),
        ],
        DEPARTMENTS,
    )
    got = by_unit(rows)
    # 40 × 0.9 + 30 × 1 + 15 × 0.8 + 15 × (1 − 0.1)
    assert got["D1"].score == pytest.approx(91.5)
    # (40 × 0.5 + 15 × 1 + 15 × 1) × 100 / 70: satisfaction unknown
    assert got["D2"].score == pytest.approx(50 * 100 / 70, abs=1e-6)
    assert red_and_yellow(rows) == ([], [])  # departments get no flags


def test_rounding_does_not_split_a_tie():
    items = (ItemSpec("a", "a", 0.1), ItemSpec("b", "b", 0.2), ItemSpec("c", "c", 0.3))
    spec = SchemeSpec("t", 1, "t", "share_of_max", items)
    # 0.1 + 0.2 is 0.30000000000000004 in floating point: still a tie with 0.3.
    rows = score(
        [
            UnitInput("Z", "z", {"a": 1, "b": 1, "c": 0}),
            UnitInput("Y", "y", {"a": 0, "b": 0, "c": 1}),
        ],
        spec,
    )
    assert rows[0].score == rows[1].score == 0.3
    assert [r.unit for r in rows] == ["Y", "Z"]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=200), min_size=6, max_size=6),
        min_size=1,
        max_size=10,
    )
)
def test_ranks_are_a_permutation_and_the_red_flag_has_the_best_score(values):
    units = [town(f"U{n:02d}", v) for n, v in enumerate(values)]
    rows = score(units, TOWNS)
    assert sorted(r.rank for r in rows) == list(range(1, len(units) + 1))
    assert rows[0].score == max(r.score for r in rows)
    assert all(0 <= r.score <= 100 for r in rows)
    red, yellow = red_and_yellow(rows)
    assert red == [rows[0].unit]
    assert yellow == ([rows[-1].unit] if len(units) >= 3 else [])


def test_a_yellow_flag_two_quarters_running_means_an_interview():
    runs = streaks([((2025, 4), "B", "yellow"), ((2026, 1), "B", "yellow")])
    last = [s for s in runs if s.quarter == (2026, 1)][0]
    assert last.streak == 2 and last.interview and not last.kept_for_good


def test_a_red_flag_three_quarters_running_is_kept_for_good():
    history = [((2025, q), "A", "red") for q in (1, 2, 3)]
    runs = {s.quarter: s for s in streaks(history)}
    assert [runs[(2025, q)].streak for q in (1, 2, 3)] == [1, 2, 3]
    assert runs[(2025, 3)].kept_for_good
    assert not runs[(2025, 2)].kept_for_good


def test_a_missing_quarter_or_another_colour_breaks_the_run():
    runs = streaks([((2025, 1), "A", "red"), ((2025, 3), "A", "red"), ((2025, 4), "A", "yellow")])
    assert [s.streak for s in runs] == [1, 1, 1]
    assert not any(s.interview or s.kept_for_good for s in runs)


def test_the_quarters_it_is_given_are_parsed_the_one_way():
    assert parse_quarter("2025Q2") == (2025, 2)
    assert parse_quarter(" 2025q4 ") == (2025, 4)
    assert parse_quarter("2025-Q2") == (2025, 2)
    for bad in ("2025Q5", "25Q1", "", None):
        with pytest.raises(ValueError):
            parse_quarter(bad)


def test_result_table_shows_each_rows_items_points_and_flag():
    items = [
        SimpleNamespace(code="invest", name="投资完成率"),
        SimpleNamespace(code="n", name="项目数"),
    ]
    first = SimpleNamespace(unit_id=1, items={"invest": 0.1875, "n": 3}, points={"invest": 12.5})
    second = SimpleNamespace(unit_id=2, items={}, points={})
    table = result_table([first, second], items, {1: "red"})
    assert table == [
        {"row": first, "values": ["18.75%", "3"], "points": [12.5, None], "award": "red"},
        {"row": second, "values": ["—", "—"], "points": [None, None], "award": None},
    ]
    assert result_table([], items, {}) == []
