"""Every scoring rule on hand-worked examples (DEFAULT_SCHEME unless said otherwise)."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mingzhu.enterprises import services
from mingzhu.enterprises.services import DEFAULT_SCHEME, Rows, Scheme, evaluate


def above(code, **values):
    base = {
        "credit_code": code,
        "scale": "above",
        "land_mu": 10,
        "tax": 100,
        "sales": 1000,
        "value_added": 100,
        "energy_tce": 10,
        "electricity": 100,
        "emissions": 1,
        "rd_expense": 10,
        "employees": 10,
    }
    return base | values


def below(code, **values):
    return {
        "credit_code": code,
        "scale": "below",
        "land_mu": 5,
        "tax": 10,
        "electricity": 10,
    } | values


def run(records, scheme=DEFAULT_SCHEME):
    return evaluate(Rows.from_records(records), scheme)


def test_equal_enterprises_score_100_against_their_own_benchmark():
    ev = run([above("A1"), above("A2")])
    assert ev.benchmarks["above"]["tax_per_mu"] == 10.0
    assert ev.score.tolist() == [100.0, 100.0]


def test_the_benchmark_is_the_ratio_of_sums_not_the_mean_of_ratios():
    # tax per mu: 100/10 and 300/50 -> benchmark 400/60, not (10 + 6) / 2.
    ev = run([above("A1"), above("A2", land_mu=50, tax=300)])
    assert ev.benchmarks["above"]["tax_per_mu"] == pytest.approx(400 / 60)
    assert ev.ratios["tax_per_mu"][0] == pytest.approx(10 / (400 / 60))


def test_a_ratio_is_capped():
    # A1: tax per mu 100 against benchmark (1000+10)/(10+10)=50.5 -> 1.98; with the cap 1.5:
    scheme = Scheme.from_data(2, {**services.DEFAULT_SCHEME_DATA, "cap": 1.5})
    ev = run([above("A1", tax=1000), above("A2", tax=10)], scheme)
    assert ev.ratios["tax_per_mu"][0] == 1.5
    ev = run([above("A1", tax=1000), above("A2", tax=10)])
    assert ev.ratios["tax_per_mu"][0] == pytest.approx(100 / 50.5)
    # 1000 against (10000 + 10 + 10) / 30 = 334: ratio 2.99, held at the default cap 2.0.
    ev = run([above("A1", tax=10000), above("A2", tax=10), above("A3", tax=10)])
    assert ev.ratios["tax_per_mu"][0] == 2.0


def test_a_missing_value_gets_ratio_one_and_stays_out_of_the_benchmark():
    ev = run([above("A1", energy_tce=None), above("A2", energy_tce=20), above("A3", energy_tce=5)])
    assert ev.ratios["tax_per_energy"][0] == 1.0
    # benchmark from A2 and A3 only: 200 / 25
    assert ev.benchmarks["above"]["tax_per_energy"] == 8.0


def test_a_zero_denominator_gets_ratio_one():
    ev = run([above("A1", emissions=0), above("A2", emissions=2)])
    assert np.isnan(ev.values["tax_per_emission"][0])
    assert ev.ratios["tax_per_emission"][0] == 1.0
    assert ev.benchmarks["above"]["tax_per_emission"] == 50.0


def test_an_indicator_without_a_benchmark_gives_everyone_one():
    ev = run([above("A1", rd_expense=None), above("A2", rd_expense=None)])
    assert ev.benchmarks["above"]["rd_intensity"] is None
    assert ev.ratios["rd_intensity"].tolist() == [1.0, 1.0]
    # A benchmark of 0 cannot be divided by either.
    ev = run([above("A1", rd_expense=0), above("A2", rd_expense=0)])
    assert ev.benchmarks["above"]["rd_intensity"] is None


def test_the_score_is_the_weighted_sum_plus_bonus():
    # tax per mu ratio 2/1.5 and 1/1.5 (benchmark 15); the other indicators equal (1.0).
    ev = run([above("A1", tax=200, bonus=5), above("A2", tax=100, bonus=-2)])
    tax_a1, tax_a2 = 20 / 15, 10 / 15
    # sales per mu equal; tax per energy, per emission follow tax; rd intensity the same.
    a1 = 40 * tax_a1 + 20 + 10 * tax_a1 + 10 * tax_a1 + 10 + 10 + 5
    a2 = 40 * tax_a2 + 20 + 10 * tax_a2 + 10 * tax_a2 + 10 + 10 - 2
    assert ev.score.tolist() == pytest.approx([a1, a2])


def test_below_size_uses_tax_per_mu_and_per_electricity_and_needs_three_mu():
    ev = run([below("B1", tax=20), below("B2"), below("B3", land_mu=2.9)])
    assert ev.in_scope.tolist() == [True, True, False]
    assert ev.classes[2] is None and np.isnan(ev.score[2]) and ev.rank[2] == 0
    # benchmarks over B1, B2: tax per mu 30/10 = 3, per electricity 30/20 = 1.5
    assert ev.benchmarks["below"] == {"tax_per_mu": 3.0, "tax_per_electricity": 1.5}
    assert ev.score[0] == pytest.approx(50 * 4 / 3 + 50 * 2 / 1.5)
    assert ev.counts["below"]["out_of_scope"] == 1


def test_groups_are_benchmarked_and_classed_separately():
    ev = run([above("A1", tax=1), below("B1", tax=1000)])
    assert ev.score.tolist() == [100.0, 100.0]
    assert ev.rank.tolist() == [1, 1]


def test_exempt_is_t_and_veto_is_d_both_unranked_and_outside_the_benchmark():
    ev = run(
        [
            above("A1"),
            above("A2", tax=1000, exempt_reason="公用事业"),
            above("A3", tax=1000, veto_reason="重大安全事故"),
            above("A4", tax=1000, exempt_reason="投产未满2年", veto_reason="淘汰产能"),
        ]
    )
    assert ev.classes.tolist() == ["B", "T", "D", "D"]  # veto wins over exemption
    assert ev.rank.tolist() == [1, 0, 0, 0]
    assert ev.benchmarks["above"]["tax_per_mu"] == 10.0  # A1 alone
    assert ev.score[1] == pytest.approx(40 * 2 + 20 + 10 * 2 + 10 * 2 + 10 + 10)  # evaluated
    assert ev.counts["above"] == {
        "A": 0,
        "B": 1,
        "C": 0,
        "D": 2,
        "T": 1,
        "ranked": 1,
        "out_of_scope": 0,
    }


def test_ties_go_to_tax_per_mu_then_to_the_credit_code():
    # Same score (bonus makes up for less tax), then by tax per mu, then by code.
    records = [
        above("C3", tax=100),
        above("C1", tax=100),
        above("C2", tax=100, land_mu=5, sales=500),
    ]
    ev = run(
        records,
        Scheme.from_data(
            3,
            {
                **services.DEFAULT_SCHEME_DATA,
                "weights": {"above": {"sales_per_mu": 100}, "below": {"tax_per_mu": 100}},
            },
        ),
    )
    assert ev.score.tolist() == [100.0, 100.0, 100.0]
    # C2 has the higher tax per mu (20 against 10); C1 before C3 by code.
    assert ev.rank.tolist() == [3, 2, 1]


@pytest.mark.parametrize(
    ("n", "bounds"),
    [
        (0, (0, 0, 0)),
        (1, (0, 1, 1)),
        (2, (0, 1, 2)),
        (3, (1, 2, 3)),
        (10, (2, 6, 9)),
        (20, (4, 12, 19)),
        (30, (6, 18, 28)),
    ],
)
def test_class_bounds_round_half_up(n, bounds):
    # 10: A 2, B to 6, D the last round(0.5)=1; 30: D round(1.5)=2
    assert services.class_bounds(n, DEFAULT_SCHEME.quotas) == bounds


def test_classes_of_ten():
    records = [above(f"C{i:02d}", tax=10 * (i + 1)) for i in range(10)]
    ev = run(records)
    best_first = [ev.classes[i] for i in np.argsort(ev.rank)]
    assert best_first == ["A", "A", "B", "B", "B", "B", "C", "C", "C", "D"]


def test_tiny_groups():
    assert run([above("C1")]).classes.tolist() == ["B"]
    ev = run([above("C1", tax=200), above("C2")])
    assert ev.classes.tolist() == ["B", "C"]
    assert run([]).counts["above"]["ranked"] == 0


def test_extra_cost_from_electricity_by_class():
    records = [above(f"C{i:02d}", tax=10 * (i + 1), electricity=200) for i in range(10)]
    ev = run(records)
    cost = {ev.classes[i]: ev.extra_cost[i] for i in range(10)}
    # 200 万kWh × 0.10 元/kWh = 20 万元 for C; × 0.30 = 60 万元 for D; none for A and B.
    assert cost == {"A": 0.0, "B": 0.0, "C": pytest.approx(20.0), "D": pytest.approx(60.0)}


def test_a_bad_scheme_is_refused():
    data = services.DEFAULT_SCHEME_DATA
    for bad in (
        {**data, "cap": 0},
        {**data, "quotas": {"A": 0.7, "B": 0.6, "D": 0.05}},
        {**data, "weights": {"above": {"nonsense": 1}, "below": {}}},
        {k: v for k, v in data.items() if k != "weights"},
    ):
        with pytest.raises(services.SchemeError):
            Scheme.from_data(9, bad)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.floats(0, 500),
            st.one_of(st.none(), st.floats(0, 1e5)),
            st.one_of(st.none(), st.floats(0, 1e6)),
        ),
        max_size=40,
    )
)
def test_properties(items):
    records = [
        (above if big else below)(f"P{i:03d}", land_mu=land, tax=tax, sales=sales)
        for i, (big, land, tax, sales) in enumerate(items)
    ]
    ev = run(records)
    for g in services.GROUPS:
        counts = ev.counts[g]
        a, b, d = services.class_bounds(counts["ranked"], DEFAULT_SCHEME.quotas)
        assert counts["A"] == a and counts["B"] == b - a and counts["D"] == counts["ranked"] - d
    scored = ev.score[ev.in_scope]
    assert np.all(scored >= 0) and np.all(scored <= 200 + 1e-9)
    for g in services.GROUPS:
        member = ev.ranked & (ev.group == g)
        assert sorted(ev.rank[member].tolist()) == list(range(1, int(member.sum()) + 1))


def test_hundred_billion_count():
    assert services.hundred_billion_count([Decimal("1000000"), Decimal("999999.99"), None]) == 1


def test_demand_rates():
    from mingzhu.tasks.choices import Status

    d = dt.date
    facts = [
        services.DemandFacts(
            1, d(2025, 3, 3), d(2025, 3, 4), d(2025, 3, 10), Status.CLOSED, "satisfied"
        ),
        services.DemandFacts(1, d(2025, 3, 3), d(2025, 3, 6), None, Status.IN_PROGRESS, None),
        services.DemandFacts(
            1, d(2025, 3, 3), d(2025, 3, 4), d(2025, 3, 9), Status.CLOSED, "dissatisfied"
        ),
        services.DemandFacts(
            1, d(2025, 2, 1), d(2025, 2, 1), None, Status.IN_PROGRESS, None
        ),  # before
        services.DemandFacts(2, d(2025, 3, 5), None, None, Status.CANCELLED, None),  # cancelled
    ]
    rows = services.demand_rates(
        facts, d(2025, 3, 1), d(2025, 3, 31), respond_within=lambda day: day + dt.timedelta(days=1)
    )
    assert rows == [
        {
            "department": 1,
            "assigned": 3,
            "responded": 2,
            "resolved": 2,
            "rated": 2,
            "satisfied": 1,
            "response_rate": 0.6667,
            "resolution_rate": 0.6667,
            "satisfaction_rate": 0.5,
        }
    ]


def test_class_counts_add_both_groups():
    summary = {
        "above": {"counts": {"A": 2, "B": 3, "C": 1}},
        "below": {"counts": {"A": 1, "D": 4}},
        "empty": {},
    }
    assert services.class_counts(summary) == {"A": 3, "B": 3, "C": 1, "D": 4, "T": 0}
    assert services.class_counts({}) == dict.fromkeys(services.CLASSES, 0)


def test_class_distribution_stacks_the_classes_by_town():
    cells = [
        {"town__name": "新坝镇", "mu_class": "A", "n": 2},
        {"town__name": "三茅街道", "mu_class": "C", "n": 5},
        {"town__name": "新坝镇", "mu_class": "T", "n": 1},
    ]
    chart = services.class_distribution(iter(cells))
    assert chart["towns"] == ["三茅街道", "新坝镇"]
    assert [s["name"] for s in chart["series"]] == list(services.CLASSES)
    series = {s["name"]: s["data"] for s in chart["series"]}
    assert series == {"A": [0, 2], "B": [0, 0], "C": [5, 0], "D": [0, 0], "T": [0, 1]}
    assert services.class_distribution([]) == {
        "towns": [],
        "series": [{"name": c, "data": []} for c in services.CLASSES],
    }
