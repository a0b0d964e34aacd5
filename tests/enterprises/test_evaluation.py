"""What the results, scheme and enterprise pages show, computed from the stored
evaluations (enterprises.evaluation), called directly."""

from types import SimpleNamespace

import pytest

from mingzhu.enterprises import evaluation, services
from mingzhu.enterprises.choices import INDICATOR_LABELS
from mingzhu.enterprises.models import AnnualData, MuResult, MuScheme


def _evaluation(year, code, counts):
    return SimpleNamespace(year=year, scheme_code=code, summary={"above": {"counts": counts}})


def test_side_by_side_lists_the_years_schemes_the_citys_first():
    evaluations = [
        _evaluation(2025, "zhejiang", {"A": 1}),
        _evaluation(2025, "city", {"B": 2}),
        _evaluation(2024, "city", {"C": 3}),
        _evaluation(2025, "jiangsu", {}),
    ]
    rows = evaluation.side_by_side(evaluations, 2025)
    assert [r["evaluation"].scheme_code for r in rows] == ["city", "jiangsu", "zhejiang"]
    assert rows[0]["counts"] == {"A": 0, "B": 2, "C": 0, "D": 0, "T": 0}
    assert sum(rows[1]["counts"].values()) == 0
    assert evaluation.side_by_side(evaluations, 2023) == []


def test_indicator_rows_carry_the_groups_benchmarks():
    result = SimpleNamespace(
        group="above",
        indicators={"tax_per_mu": [10.0, 1.25], "sales_per_mu": [80.0, None]},
        evaluation=SimpleNamespace(summary={"above": {"benchmarks": {"tax_per_mu": 8.0}}}),
    )
    assert evaluation.indicator_rows(result) == [
        {
            "label": INDICATOR_LABELS["tax_per_mu"],
            "value": 10.0,
            "benchmark": 8.0,
            "ratio": 1.25,
        },
        {
            "label": INDICATOR_LABELS["sales_per_mu"],
            "value": 80.0,
            "benchmark": None,
            "ratio": None,
        },
    ]
    assert evaluation.indicator_rows(None) == []
    assert evaluation.indicator_rows(SimpleNamespace(indicators={})) == []


@pytest.mark.django_db
def test_scheme_codes_put_the_citys_own_first():
    codes = evaluation.scheme_codes()
    assert codes[0] == "city" and codes.count("city") == 1
    stored = set(MuScheme.objects.values_list("code", flat=True))
    assert set(codes) == stored | {"city"} and codes[1:] == sorted(stored - {"city"})


@pytest.mark.django_db
def test_town_chart_counts_the_classed_results_by_town():
    results = MuResult.objects.filter(evaluation__year=2024, evaluation__scheme_code="city")
    chart = evaluation.town_chart(results)
    classed = results.exclude(mu_class="")
    assert chart["towns"] == sorted(set(classed.values_list("town__name", flat=True)))
    assert sum(sum(s["data"]) for s in chart["series"]) == classed.count()
    first = chart["towns"][0]
    a = next(s["data"] for s in chart["series"] if s["name"] == "A")
    assert a[0] == classed.filter(town__name=first, mu_class="A").count()


@pytest.mark.django_db
def test_scheme_preview_classes_a_year_without_storing():
    scheme = MuScheme.latest_of("city")
    latest = AnnualData.objects.order_by("-year").values_list("year", flat=True).first()
    stored = MuResult.objects.count()
    preview = evaluation.scheme_preview(scheme.data)
    assert preview["year"] == latest
    rows = evaluation.load_rows(latest)[0]
    expected = services.Scheme.from_data(0, scheme.data)
    ev = services.evaluate(rows, expected, evaluation.load_history(latest, expected))
    assert preview["groups"] == services.summary(ev)
    assert evaluation.scheme_preview(scheme.data, 1990) == {"year": 1990, "groups": {}}
    assert MuResult.objects.count() == stored
