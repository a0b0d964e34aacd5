"""The input tables built from plain project rows and task metrics."""

import datetime as dt
from decimal import Decimal

from mingzhu.appraisal.inputs import ProjectRow, department_items, town_items

TOWNS = [("T1", "一镇"), ("T2", "二镇")]
D = dt.date


def _items(projects, planned=None, completed=None, scores=()):
    rows = town_items(TOWNS, projects, planned or {}, completed or {}, scores, 2025, 2)
    return {u.unit: u for u in rows}


def test_it_counts_what_happened_in_the_quarter_only():
    got = _items(
        [
            ProjectRow("T1", Decimal(10_000), signed_on=D(2025, 4, 1)),  # 1 亿元, first day
            ProjectRow("T1", Decimal(9_999), signed_on=D(2025, 6, 30)),  # below 1 亿元
            ProjectRow("T1", Decimal(50_000), signed_on=D(2025, 7, 1)),  # next quarter
            ProjectRow("T1", Decimal(20_000), started_on=D(2025, 5, 5), completed_on=D(2025, 6, 1)),
            ProjectRow("T2", Decimal(5_000), started_on=D(2025, 5, 5)),  # small: not major
        ]
    )
    t1, t2 = got["T1"].values, got["T2"].values
    assert t1["signed_investment"] == 1.9999  # 亿元
    assert t1["signed_major_count"] == 1
    assert t1["started_major_count"] == 1
    assert t1["completed_count"] == 1
    assert t2["started_major_count"] == 0


def test_it_counts_the_30_and_50_yi_projects_at_their_edges():
    got = _items(
        [
            ProjectRow("T1", Decimal(300_000), signed_on=D(2025, 5, 1)),
            ProjectRow("T1", Decimal(499_999), signed_on=D(2025, 5, 1)),
            ProjectRow("T1", Decimal(500_000), signed_on=D(2025, 5, 1)),
            ProjectRow("T1", Decimal(299_999), signed_on=D(2025, 5, 1)),
        ]
    )
    assert got["T1"].counts == {"signed_30yi_count": 2, "signed_50yi_count": 1}


def test_the_completion_is_year_to_date_against_the_plan_so_far():
    # Q2: six months of a 1200 plan is 600; 450 completed.
    got = _items([], planned={"T1": Decimal(1200)}, completed={"T1": Decimal(450)})
    assert got["T1"].values["investment_completion"] == 0.75
    assert got["T2"].values["investment_completion"] == 0  # no plan


def test_the_inspection_score_is_the_mean_of_the_town_s_projects():
    got = _items([], scores=[("T1", Decimal(80)), ("T1", Decimal(91)), ("T2", Decimal(70))])
    assert got["T1"].values["inspection_score"] == 85.5
    assert got["T2"].values["inspection_score"] == 70


def test_departments_get_rates_from_the_metrics_and_the_ratings():
    units = {1: ("D-1", "一局"), 2: ("D-2", "二局"), 3: ("D-3", "三局")}
    metrics = [
        {
            "unit": 1,
            "assigned": 4,
            "due": 4,
            "on_time_rate": 0.75,
            "acceptance_rate": 1.0,
            "rework_rate": 0.25,
        },
        {
            "unit": 3,
            "assigned": 0,
            "due": 0,
            "on_time_rate": None,
            "acceptance_rate": None,
            "rework_rate": None,
        },
    ]
    rows = department_items(metrics, [(1, True), (1, False), (2, True)], units)
    got = {u.unit: u.values for u in rows}
    assert got["D-1"] == {
        "on_time_rate": 0.75,
        "satisfaction_rate": 0.5,
        "acceptance_rate": 1.0,
        "rework_rate": 0.25,
    }
    assert got["D-2"]["satisfaction_rate"] == 1.0 and got["D-2"]["on_time_rate"] is None
    assert "D-3" not in got  # nothing assigned, due or rated
