"""Benchmark rules, missing-data policies, score cut-offs and scope as scheme data, and
the published schemes' own formulas reproduced (sources in docs/enterprises.md)."""

import numpy as np
import pytest

from mingzhu.enterprises import services
from mingzhu.enterprises.services import DEFAULT_SCHEME_DATA, Rows, Scheme, evaluate

# 黄岩区 2022年度工业企业综合评价得分计算说明 (published 2023-09-25): 规上企业得分 =
# 亩均税收÷24.097×30 + 亩均增加值÷136.16×20 + 单位能耗增加值÷2.694×20 +
# 单位排放增加值÷4929.81×10 + 全员劳动生产率÷18.14×10 + R&D经费占主营业务收入比重÷0.0302×10;
# 规下企业得分 = 亩均税收÷11.5932×50 + 单位用电税收÷0.2352×50; 规上无排放数据的, 单位排放
# 增加值得分按规上企业此项平均得分赋分.
HUANGYAN = {
    "weights": {
        "above": {
            "tax_per_mu": 30,
            "value_added_per_mu": 20,
            "value_added_per_energy": 20,
            "value_added_per_emission": 10,
            "labour_productivity": 10,
            "rd_share_of_revenue": 10,
        },
        "below": {"tax_per_mu": 50, "tax_per_electricity": 50},
    },
    "benchmarks": {
        "above": {
            "tax_per_mu": {"rule": "published", "value": 24.097},
            "value_added_per_mu": {"rule": "published", "value": 136.16},
            "value_added_per_energy": {"rule": "published", "value": 2.694},
            "value_added_per_emission": {"rule": "published", "value": 4929.81},
            "labour_productivity": {"rule": "published", "value": 18.14},
            "rd_share_of_revenue": {"rule": "published", "value": 0.0302},
        },
        "below": {
            "tax_per_mu": {"rule": "published", "value": 11.5932},
            "tax_per_electricity": {"rule": "published", "value": 0.2352},
        },
    },
    "missing": "group_average",
    "quotas": {"A": 0.2, "B": 0.6, "D": 0.05},
    "cap": None,
    "min_land_below": 3,
}

# 淮安市工业企业资源集约利用综合评价办法 (政策解读, 2024-05-31): 亩均税收 45%, 亩均销售收入
# 35%, 绿色发展 (单位能(电)耗税收) 20%; 基准值 about twice the county's average of the
# year before; A the first 20 %, B to 60 %, C to 95 %, D the last 5 %.
HUAIAN = {
    "weights": {
        "above": {"tax_per_mu": 45, "sales_per_mu": 35, "tax_per_energy": 20},
        "below": {"tax_per_mu": 45, "sales_per_mu": 35, "tax_per_electricity": 20},
    },
    "benchmarks": {
        g: {k: {"rule": "previous", "k": 2, "offset": 1} for k in ws}
        for g, ws in {
            "above": ("tax_per_mu", "sales_per_mu", "tax_per_energy"),
            "below": ("tax_per_mu", "sales_per_mu", "tax_per_electricity"),
        }.items()
    },
    "quotas": {"A": 0.2, "B": 0.6, "D": 0.05},
    "cap": 2.0,
    "min_land_below": 3,
}


def rec(code, scale="above", **values):
    return {"credit_code": code, "scale": scale} | values


def test_huangyan_published_formula_scores_a_hand_worked_enterprise():
    scheme = Scheme.from_data(1, HUANGYAN)
    e = {
        "land_mu": 50,
        "tax": 1500,
        "value_added": 9000,
        "energy_tce": 3000,
        "emissions": 2,
        "employees": 400,
        "rd_expense": 600,
        "revenue": 20000,
    }
    ev = evaluate(Rows.from_records([rec("H1", **e)]), scheme)
    # The published formula with this enterprise's figures, term by term.
    by_hand = (
        (1500 / 50) / 24.097 * 30
        + (9000 / 50) / 136.16 * 20
        + (9000 / 3000) / 2.694 * 20
        + (9000 / 2) / 4929.81 * 10
        + (9000 / 400) / 18.14 * 10
        + (600 / 20000) / 0.0302 * 10
    )
    assert ev.score[0] == pytest.approx(by_hand)
    assert ev.benchmarks["above"]["value_added_per_mu"] == 136.16


def test_huangyan_below_size_formula():
    scheme = Scheme.from_data(1, HUANGYAN)
    ev = evaluate(
        Rows.from_records([rec("L1", "below", land_mu=8, tax=40, electricity=120)]), scheme
    )
    assert ev.score[0] == pytest.approx((40 / 8) / 11.5932 * 50 + (40 / 120) / 0.2352 * 50)


def test_huangyan_without_emission_data_takes_the_groups_average_item_score():
    scheme = Scheme.from_data(1, HUANGYAN)
    base = {"land_mu": 10, "tax": 100, "value_added": 1000, "energy_tce": 100}
    base |= {"employees": 50, "rd_expense": 10, "revenue": 1000}
    rows = Rows.from_records(
        [rec("H1", **base, emissions=0.1), rec("H2", **base, emissions=0.5), rec("H3", **base)]
    )
    ev = evaluate(rows, scheme)
    item = ev.ratios["value_added_per_emission"]
    assert item[0] == pytest.approx(10000 / 4929.81)
    assert item[1] == pytest.approx(2000 / 4929.81)
    assert item[2] == pytest.approx((item[0] + item[1]) / 2)
    assert ev.score[2] - ev.score[1] == pytest.approx(10 * (item[2] - item[1]))


def test_huaian_benchmark_is_twice_the_previous_years_group_ratio():
    scheme = Scheme.from_data(1, HUAIAN)
    last_year = Rows.from_records(
        [
            rec("P1", land_mu=10, tax=100, sales=1000, energy_tce=50),
            rec("P2", land_mu=30, tax=140, sales=2000, energy_tce=70),
        ]
    )
    this_year = Rows.from_records([rec("E1", land_mu=20, tax=300, sales=3000, energy_tce=60)])
    ev = evaluate(this_year, scheme, history={1: last_year})
    # Last year: tax per mu 240/40 = 6, sales per mu 3000/40 = 75, tax per tce 240/120 = 2.
    assert ev.benchmarks["above"] == pytest.approx(
        {"tax_per_mu": 12, "sales_per_mu": 150, "tax_per_energy": 4}
    )
    assert ev.score[0] == pytest.approx(15 / 12 * 45 + 150 / 150 * 35 + 5 / 4 * 20)


def test_the_previous_year_rule_leaves_out_vetoed_exempt_and_out_of_scope_enterprises():
    scheme = Scheme.from_data(1, HUAIAN)
    last_year = Rows.from_records(
        [
            rec("P1", land_mu=10, tax=100, sales=1000, energy_tce=50),
            rec("P2", land_mu=10, tax=900, sales=1000, energy_tce=50, veto_reason="事故"),
            rec("P3", land_mu=10, tax=900, sales=1000, energy_tce=50, exempt_reason="新投产"),
            rec("P4", "below", land_mu=2, tax=900, sales=1000, electricity=5),
        ]
    )
    ev = evaluate(Rows.from_records([rec("E1", land_mu=10, tax=100)]), scheme, {1: last_year})
    assert ev.benchmarks["above"]["tax_per_mu"] == 20
    assert ev.benchmarks["below"]["tax_per_mu"] is None


def test_without_the_earlier_year_the_benchmark_is_not_formed():
    ev = evaluate(Rows.from_records([rec("E1", land_mu=10, tax=100)]), Scheme.from_data(1, HUAIAN))
    assert ev.benchmarks["above"]["tax_per_mu"] is None
    assert ev.ratios["tax_per_mu"][0] == 1.0
    assert Scheme.from_data(1, HUAIAN).offsets() == {1}


def test_the_best_decile_rule_is_the_90th_percentile():
    data = DEFAULT_SCHEME_DATA | {
        "weights": {"above": {"tax_per_mu": 100}, "below": {}},
        "benchmarks": {"above": {"tax_per_mu": {"rule": "top_decile"}}},
        "cap": None,
    }
    taxes = list(range(10, 110, 10))  # tax per mu 1..10 on 10 mu
    rows = Rows.from_records([rec(f"E{t}", land_mu=10, tax=t) for t in taxes])
    ev = evaluate(rows, Scheme.from_data(1, data))
    assert ev.benchmarks["above"]["tax_per_mu"] == pytest.approx(np.percentile(range(1, 11), 90))
    assert ev.benchmarks["above"]["tax_per_mu"] == pytest.approx(9.1)
    assert ev.score[-1] == pytest.approx(10 / 9.1 * 100)


@pytest.mark.parametrize("missing, ratio", [("one", 1.0), ("zero", 0.0), ("group_average", 1.5)])
def test_the_missing_data_policy(missing, ratio):
    data = DEFAULT_SCHEME_DATA | {
        "weights": {"above": {"tax_per_energy": 10}, "below": {}},
        "benchmarks": {"above": {"tax_per_energy": {"rule": "published", "value": 1}}},
        "missing": missing,
    }
    rows = Rows.from_records(
        [rec("E1", tax=1, energy_tce=1), rec("E2", tax=2, energy_tce=1), rec("E3", tax=1)]
    )
    ev = evaluate(rows, Scheme.from_data(1, data))
    assert ev.ratios["tax_per_energy"][2] == pytest.approx(ratio)


def test_score_cutoffs_class_by_score_not_by_share():
    data = DEFAULT_SCHEME_DATA | {
        "weights": {"above": {"tax_per_mu": 100}, "below": {}},
        "benchmarks": {"above": {"tax_per_mu": {"rule": "published", "value": 10}}},
        "classing": "cutoffs",
        "cutoffs": {"A": 120, "B": 90, "C": 60},
        "cap": None,
    }
    rows = Rows.from_records(
        [rec(f"E{t}", land_mu=10, tax=t) for t in (150, 130, 120, 119, 90, 60, 59, 10)]
    )
    ev = evaluate(rows, Scheme.from_data(1, data))
    assert ev.classes.tolist() == ["A", "A", "A", "B", "B", "C", "D", "D"]


def test_a_scheme_may_leave_below_size_enterprises_out():
    data = DEFAULT_SCHEME_DATA | {"include_below": False}
    rows = Rows.from_records([rec("E1", land_mu=10, tax=1), rec("B1", "below", land_mu=50)])
    ev = evaluate(rows, Scheme.from_data(1, data))
    assert ev.in_scope.tolist() == [True, False]


def test_the_emission_equivalents_follow_the_tax_laws_equivalent_values():
    rows = Rows.from_records(
        [
            rec("E1", cod=2, ammonia=0.8, so2=0.95, nox=1.9, value_added=500),
            rec("E2", cod=1),
            rec("E3"),
        ]
    )
    eq = rows.values["emission_equivalents"]
    assert eq[0] == pytest.approx(2 + 1 + 1 + 2)
    assert eq[1] == pytest.approx(1)
    assert np.isnan(eq[2])
    values, _usable = services._indicator_values(rows)
    assert values["value_added_per_equivalent"][0] == pytest.approx(500 / 6)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"benchmarks": {"above": {"tax_per_mu": {"rule": "guess"}}}}, "unknown rule"),
        ({"benchmarks": {"above": {"tax_per_mu": {"rule": "published"}}}}, "not a number"),
        ({"benchmarks": {"above": {"tax_per_mu": {"rule": "published", "value": 0}}}}, "above 0"),
        ({"benchmarks": {"above": {"tax_per_mu": {"rule": "previous", "k": -1}}}}, "k must"),
        ({"benchmarks": {"above": {"tax_per_mu": {"rule": "previous", "offset": 0}}}}, "offset"),
        ({"benchmarks": {"below": {"sales_per_mu": {"rule": "top_decile"}}}}, "does not use"),
        ({"missing": "guess"}, "missing"),
        ({"classing": "cutoffs", "cutoffs": {"A": 50, "B": 60, "C": 40}}, "A >= B"),
        ({"classing": "cutoffs"}, "cutoffs"),
        ({"policies": {"C": {"land": "maybe"}}}, "land"),
        ({"policies": {"C": {"discharge_surcharge": -1}}}, "negative"),
    ],
)
def test_a_bad_rule_is_refused_with_its_reason(change, message):
    with pytest.raises(services.SchemeError, match=message):
        Scheme.from_data(1, DEFAULT_SCHEME_DATA | change)


def test_the_scheme_data_round_trips():
    scheme = Scheme.from_data(1, HUANGYAN)
    assert Scheme.from_data(1, scheme.as_data()) == scheme
