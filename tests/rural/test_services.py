"""The pure computations on hand-worked examples."""

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mingzhu.rural import services
from mingzhu.rural.services import InspectionRow, RepairRow
from mingzhu.tasks.choices import Status


def _by_id(rows):
    return {r.unit_id: r for r in rows}


def test_it_ranks_villages_and_towns_with_ties_and_a_village_not_inspected():
    # Town A: a1 (90), a2 (80), a3 not inspected. Town B: b1 (90), b2 (70).
    villages = [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("b2", "B")]
    inspections = [
        InspectionRow("a1", D(90), D(100)),
        InspectionRow("a2", D(80), D(100)),
        InspectionRow("b1", D(90), D(100)),
        InspectionRow("b2", D(70), D(100)),
    ]
    village_rows, town_rows = services.rank_villages(villages, inspections)
    v = _by_id(village_rows)
    # The tie shares rank 1 and the next rank is 3 (1, 1, 3, 4).
    assert (v["a1"].rank, v["b1"].rank, v["a2"].rank, v["b2"].rank) == (1, 1, 3, 4)
    # Not inspected: listed, no score, no rank, never ranked as 0; listed last.
    assert v["a3"].score is None and v["a3"].rank is None
    assert village_rows[-1].unit_id == "a3"
    # Towns: mean of the inspected villages only: A = (90 + 80) / 2 = 85, B = 80.
    t = _by_id(town_rows)
    assert t["A"].score == D("85.00") and t["A"].rank == 1 and t["A"].inspections == 2
    assert t["B"].score == D("80.00") and t["B"].rank == 2


def test_it_puts_a_sheet_changed_mid_year_on_a_100_point_scale():
    # Q1 on the old sheet (max 100): 88. The new sheet has 120 points: 108 of 120 = 90.
    # Two inspections of one village in the quarter: mean of 88 and 90 = 89.
    villages = [("x", "T"), ("y", "T")]
    inspections = [
        InspectionRow("x", D(88), D(100)),
        InspectionRow("x", D(108), D(120)),
        InspectionRow("y", D(99), D(110)),  # 90.00
    ]
    village_rows, town_rows = services.rank_villages(villages, inspections)
    v = _by_id(village_rows)
    assert v["x"].score == D("89.00") and v["x"].inspections == 2
    assert v["y"].score == D("90.00")
    assert [r.unit_id for r in village_rows] == ["y", "x"]
    assert town_rows[0].score == D("89.50")


def test_it_rounds_before_comparing_so_equal_scores_tie():
    # 2/3 of 100 and 66.67 both show 66.67 and share the rank.
    villages = [("p", "T"), ("q", "T")]
    inspections = [InspectionRow("p", D(200), D(300)), InspectionRow("q", D("66.67"), D(100))]
    rows, _towns = services.rank_villages(villages, inspections)
    assert {r.rank for r in rows} == {1}


def test_a_town_none_of_whose_villages_was_inspected_is_not_ranked():
    rows, towns = services.rank_villages([("a", "A"), ("b", "B")], [InspectionRow("a", 1, 2)])
    t = _by_id(towns)
    assert t["B"].rank is None and t["B"].score is None and t["A"].rank == 1


def test_a_sheet_without_points_is_refused():
    with pytest.raises(ValueError):
        services.normalised(D(0), D(0))


@given(st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=1, max_size=30))
def test_a_higher_score_never_ranks_below_a_lower_one(values):
    scores = {i: (None if s is None else D(s)) for i, s in enumerate(values)}
    ranks = services.competition_ranks(scores)
    for i, a in scores.items():
        for j, b in scores.items():
            if a is not None and b is not None and a > b:
                assert ranks[i] < ranks[j]
            if a is not None and a == b:
                assert ranks[i] == ranks[j]
        assert (ranks[i] is None) == (a is None)
        if a is not None:
            assert ranks[i] == 1 + sum(1 for b in scores.values() if b is not None and b > a)


def test_quarters():
    assert services.quarter_bounds(2025, 1) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert services.quarter_bounds(2025, 4) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert services.quarter_of(dt.date(2025, 7, 1)) == (2025, 3)
    assert services.parse_quarter("2024q2", dt.date(2025, 1, 1)) == (2024, 2)
    assert services.parse_quarter("", dt.date(2025, 5, 1)) == (2025, 2)
    for bad in ("2025Q5", "Q1", "abc", "2025-3"):
        with pytest.raises(ValueError):
            services.parse_quarter(bad, dt.date(2025, 1, 1))


def test_a_natural_village_is_complete_when_all_its_live_tasks_are_closed():
    items = [
        ("n1", Status.CLOSED),
        ("n1", Status.CLOSED),
        ("n2", Status.CLOSED),
        ("n2", Status.IN_PROGRESS),
        ("n3", Status.CLOSED),
        ("n3", Status.CANCELLED),  # a cancelled item does not hold it back
        ("n4", Status.CANCELLED),  # nothing live: not complete
    ]
    assert services.completed_natural_villages(items) == {"n1", "n3"}


def test_it_computes_the_completed_share_by_village_and_town_against_the_target():
    naturals = [("n1", "v1", "T"), ("n2", "v1", "T"), ("n3", "v2", "T"), ("n4", "v3", "U")]
    shares = services.completion_shares(naturals, {"n1", "n3", "n4"}, D(75))
    villages = {s.unit_id: s for s in shares["villages"]}
    assert villages["v1"].share == D("50.00") and not villages["v1"].meets_target
    assert villages["v2"].share == D("100.00") and villages["v2"].meets_target
    towns = {s.unit_id: s for s in shares["towns"]}
    assert (towns["T"].completed, towns["T"].total, towns["T"].share) == (2, 3, D("66.67"))
    assert shares["city"][0].share == D("75.00") and shares["city"][0].meets_target


def test_coverage_counts_facilities_with_a_maintainer_by_town_and_type():
    rows = [(1, 10, True), (1, 10, False), (1, 11, True), (2, 10, True)]
    result = services.coverage(rows)
    assert result["towns"][1] == {"covered": 2, "total": 3, "rate": D("66.67")}
    assert result["towns"][2]["rate"] == D("100.00")
    assert result["types"][10] == {"covered": 2, "total": 3, "rate": D("66.67")}
    assert result["city"] == {"covered": 3, "total": 4, "rate": D("75.00")}
    assert services.coverage([])["city"]["rate"] is None


def test_on_time_repairs_count_only_repairs_due():
    as_of = dt.date(2025, 6, 30)
    start, end = dt.date(2025, 6, 1), dt.date(2025, 6, 30)
    d = dt.date
    rows = [
        RepairRow(1, 10, Status.CLOSED, d(2025, 6, 10), d(2025, 6, 9)),  # on time
        RepairRow(1, 10, Status.CLOSED, d(2025, 6, 10), d(2025, 6, 12)),  # late
        RepairRow(1, 11, Status.ACCEPTED, d(2025, 6, 20), None),  # overdue, open
        RepairRow(1, 11, Status.ACCEPTED, d(2025, 6, 30), None),  # due today: not yet due
        RepairRow(2, 10, Status.CANCELLED, d(2025, 6, 5), None),  # cancelled: ignored
        RepairRow(2, 10, Status.CLOSED, d(2025, 5, 5), d(2025, 5, 4)),  # outside the period
    ]
    result = services.on_time_repairs(rows, start, end, as_of)
    assert result["towns"][1] == {"on_time": 1, "due": 3, "rate": D("33.33"), "overdue_open": 1}
    assert 2 not in result["towns"]
    assert result["types"][10]["rate"] == D("50.00")
    assert result["types"][11] == {"on_time": 0, "due": 1, "rate": D("0.00"), "overdue_open": 1}
    assert result["city"]["due"] == 3 and result["city"]["overdue_open"] == 1


def test_inspection_totals_scale_the_total_to_a_hundred():
    totals = services.inspection_totals(iter([(D("8.5"), D(10)), (D(12), D(20)), (D(0), D(5))]))
    assert totals == {"total": D("20.5"), "maximum": D(35), "normalised": D("58.57")}
    assert services.inspection_totals([]) == {"total": 0, "maximum": 0, "normalised": None}
