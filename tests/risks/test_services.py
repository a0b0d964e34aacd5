"""可知 and 可控 on a hand-worked example, overdue major hazards and the heat map."""

import datetime as dt

import pytest

from mingzhu.core.periods import percent
from mingzhu.risks import services
from mingzhu.risks.choices import Domain
from mingzhu.risks.metrics import rate_tables
from mingzhu.risks.services import HazardFacts

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

D = dt.date


def fact(
    pk,
    *,
    status,
    deadline,
    closed_on=None,
    owner="张三",
    measures="加固",
    planned=True,
    level="ordinary",
    domain="flood",
    unit_id=1,
):
    return HazardFacts(
        pk=pk,
        title=f"h{pk}",
        domain=domain,
        level=level,
        unit_id=unit_id,
        owner=owner,
        measures=measures,
        planned_deadline=deadline if planned else None,
        task_status=status,
        deadline=deadline,
        closed_on=closed_on,
    )


H1 = fact(1, status="accepted", deadline=D(2025, 5, 1))  # open, knowable, not due
H2 = fact(2, status="in_progress", deadline=D(2025, 3, 20), owner="")  # open, no owner, due
H3 = fact(3, status="closure_requested", deadline=D(2025, 6, 1), measures=" ")  # open
H4 = fact(4, status="closed", deadline=D(2025, 2, 10), closed_on=D(2025, 2, 8))  # on time
H5 = fact(5, status="cancelled", deadline=D(2025, 2, 1))  # withdrawn
H6 = fact(6, status="closed", deadline=D(2025, 3, 1), closed_on=D(2025, 3, 5))  # late
H7 = fact(7, status="assigned", deadline=D(2025, 4, 30), planned=False)  # open, no deadline set
FACTS = [H1, H2, H3, H4, H5, H6, H7]


def test_knowable_counts_open_hazards_with_owner_measures_and_deadline():
    # Open: H1, H2, H3, H7. Knowable among them: H1 only (H2 no owner, H3 blank
    # measures, H7 no planned deadline).
    rate = services.knowable(FACTS)
    assert (rate.numerator, rate.denominator) == (1, 4)
    assert rate.value == 0.25


def test_controllable_counts_hazards_due_in_the_period_rectified_on_time():
    # Due 2025-01-01..03-31 (as of 04-15): H4 (on time), H6 (late), H2 (open). H5 is
    # withdrawn; H1, H3, H7 fall after the period.
    rate = services.controllable(FACTS, D(2025, 1, 1), D(2025, 3, 31), D(2025, 4, 15))
    assert (rate.numerator, rate.denominator) == (1, 3)


def test_controllable_ignores_deadlines_not_yet_reached():
    # The whole year, as of 03-10: only H4 (02-10) and H6 (03-01) are due yet.
    rate = services.controllable(FACTS, D(2025, 1, 1), D(2025, 12, 31), D(2025, 3, 10))
    assert (rate.numerator, rate.denominator) == (1, 2)


def test_a_closure_after_as_of_is_not_yet_on_time():
    late_view = services.controllable([H4], D(2025, 1, 1), D(2025, 12, 31), D(2025, 2, 7))
    assert (late_view.numerator, late_view.denominator) == (0, 0)
    assert late_view.value is None


def test_overdue_major_hazards_are_listed_longest_overdue_first():
    a = fact(10, status="accepted", deadline=D(2025, 3, 1), level="major")
    b = fact(11, status="returned", deadline=D(2025, 2, 1), level="major")
    closed = fact(
        12, status="closed", deadline=D(2025, 1, 1), level="major", closed_on=D(2025, 2, 1)
    )
    not_yet = fact(13, status="accepted", deadline=D(2025, 5, 1), level="major")
    serious = fact(14, status="accepted", deadline=D(2025, 1, 1), level="serious")
    found = services.overdue_major([a, b, closed, not_yet, serious], D(2025, 4, 1))
    assert [f.pk for f in found] == [11, 10]


def test_rates_by_domain():
    rows = services.rates_by(
        FACTS + [fact(20, status="accepted", deadline=D(2025, 5, 1), domain="fire")],
        lambda f: f.domain,
        D(2025, 1, 1),
        D(2025, 3, 31),
        D(2025, 4, 15),
    )
    assert rows["fire"]["open"] == 1
    assert rows["flood"]["total"] == 7
    assert rows["flood"]["open"] == 4
    assert rows["flood"]["knowable"].numerator == 1


def test_heat_map_counts_and_weights_open_hazards_by_town_and_domain():
    facts = [
        fact(1, status="accepted", deadline=D(2025, 5, 1), unit_id=11, level="major"),
        fact(2, status="accepted", deadline=D(2025, 5, 1), unit_id=12, level="ordinary"),
        fact(
            3, status="accepted", deadline=D(2025, 5, 1), unit_id=21, domain="fire", level="serious"
        ),
        fact(4, status="closed", deadline=D(2025, 5, 1), unit_id=11, closed_on=D(2025, 4, 1)),
        fact(5, status="accepted", deadline=D(2025, 5, 1), unit_id=99),  # a department
    ]
    unit_town = {11: 1, 12: 1, 21: 2}
    counts, scores = services.heat_map(facts, unit_town, [1, 2], ["flood", "fire"])
    assert counts.tolist() == [[2, 0], [0, 1], [1, 0]]
    assert scores.tolist() == [[4.0, 0.0], [0.0, 2.0], [1.0, 0.0]]


def test_rate_rows_name_the_groups_and_give_percentages():
    groups = {
        "flood": {
            "total": 3,
            "open": 2,
            "major_open": 1,
            "knowable": services.Rate(1, 3),
            "controllable": services.Rate(0, 0),
        }
    }
    assert services.rate_rows(groups, {"flood": "防汛"}.get) == [
        {
            "name": "防汛",
            "total": 3,
            "open": 2,
            "major_open": 1,
            "knowable": services.Rate(1, 3),
            "controllable": services.Rate(0, 0),
            "knowable_pct": 33.3,
            "controllable_pct": None,
        }
    ]
    assert services.rate_rows({}, str) == []


def test_rate_tables_sort_by_open_hazards_then_unit_name(unit):
    xinba, xinglong = unit("YZ-XINBA"), unit("YZ-XINGLONG")
    facts = [
        fact(1, status="accepted", deadline=D(2025, 5, 1), unit_id=xinba.pk),
        fact(2, status="accepted", deadline=D(2025, 5, 1), unit_id=xinglong.pk, domain="fire"),
        fact(3, status="accepted", deadline=D(2025, 5, 1), unit_id=xinglong.pk, domain="fire"),
    ]
    domains, units = rate_tables(facts, D(2025, 1, 1), D(2025, 3, 31), D(2025, 4, 15))
    assert [(r["name"], r["open"]) for r in domains] == [
        (Domain("fire").label, 2),
        (Domain("flood").label, 1),
    ]
    assert [(r["name"], r["open"]) for r in units] == [(xinglong.name, 2), (xinba.name, 1)]
    assert units[0]["knowable_pct"] == percent(units[0]["knowable"].value)
