from collections import Counter

from mingzhu.enterprises import demo
from mingzhu.enterprises.choices import DemandStatus, EvaluationStatus
from mingzhu.enterprises.models import AnnualData, Demand, Enterprise, MuEvaluation, MuResult, Visit
from mingzhu.targets.models import Observation
from mingzhu.tasks.choices import SourceKind


def test_it_loads_about_600_illustrative_enterprises_with_three_years(db):
    assert Enterprise.objects.filter(is_illustrative=True).count() == demo.COUNT
    years = Counter(AnnualData.objects.values_list("year", flat=True))
    assert years == {2023: demo.COUNT, 2024: demo.COUNT, 2025: demo.COUNT}
    towns = Enterprise.objects.values("town").distinct().count()
    assert towns == len(demo.TOWN_WEIGHTS)


def test_it_links_the_demo_company_unit_to_one_enterprise(own_enterprise):
    assert own_enterprise.name == "扬中示例电气有限公司"
    assert own_enterprise.town.code == "YZ-XINBA"


def test_the_last_two_years_are_evaluated_with_every_class(db):
    evaluations = {
        (e.year, e.scheme_code): e.status for e in MuEvaluation.objects.filter(scheme_code="city")
    }
    assert evaluations == {
        (2024, "city"): EvaluationStatus.PUBLISHED,
        (2025, "city"): EvaluationStatus.DRAFT,
    }
    for year in (2024, 2025):
        results = MuResult.objects.filter(year=year, evaluation__scheme_code="city")
        classes = set(results.values_list("mu_class", flat=True))
        assert {"A", "B", "C", "D", "T", ""} <= classes


def test_a_jiangsu_and_a_zhejiang_scheme_are_evaluated_beside_the_citys(db):
    codes = set(MuEvaluation.objects.filter(year=2025).values_list("scheme_code", flat=True))
    assert codes == {"city", "jiangsu", "zhejiang"}
    for code in ("jiangsu", "zhejiang"):
        results = MuResult.objects.filter(year=2025, evaluation__scheme_code=code)
        assert results.count() == demo.COUNT
        assert {"A", "B", "C", "D", "T"} <= set(results.values_list("mu_class", flat=True))
    # Jiangsu: twice the 2024 ratio of the 规上 enterprises ranked that year.
    ranked = AnnualData.objects.filter(
        year=2024, enterprise__scale="above", exempt_reason="", veto_reason=""
    ).select_related("enterprise")
    tax = sum(a.tax for a in ranked)
    land = sum(a.enterprise.land_mu for a in ranked)
    jiangsu = MuEvaluation.objects.get(year=2025, scheme_code="jiangsu")
    bench = jiangsu.summary["above"]["benchmarks"]["tax_per_mu"]
    assert abs(bench - 2 * float(tax / land)) < 1e-3
    zhejiang = MuEvaluation.objects.get(year=2025, scheme_code="zhejiang")
    assert zhejiang.summary["above"]["benchmarks"]["value_added_per_mu"] == 136.16
    # The classes differ between the two ways of benchmarking.
    by_scheme = {
        code: dict(
            MuResult.objects.filter(year=2025, evaluation__scheme_code=code).values_list(
                "enterprise", "mu_class"
            )
        )
        for code in ("jiangsu", "zhejiang")
    }
    moved = sum(1 for e, c in by_scheme["jiangsu"].items() if by_scheme["zhejiang"][e] != c)
    assert moved > 0


def test_the_new_indicators_have_their_annual_figures(db):
    rows = AnnualData.objects.filter(year=2025)
    assert not rows.filter(revenue__isnull=True).exists()
    with_emissions = rows.filter(emissions__isnull=False)
    assert with_emissions.count() > 0.9 * demo.COUNT
    assert not with_emissions.filter(cod__isnull=True).exists()
    assert not with_emissions.filter(nox__isnull=True).exists()


def test_hundred_billion_counts_go_to_the_target(db):
    values = dict(
        Observation.objects.filter(indicator__code="ENT100", unit__code="321182000000").values_list(
            "period", "value"
        )
    )
    assert values["2024"] == 4 and values["2025"] == 4
    big = AnnualData.objects.filter(year=2025, sales__gte=1_000_000).count()
    assert big == 4


def test_demands_in_every_state_with_their_tasks(db):
    demands = list(Demand.objects.select_related("task").prefetch_related("ratings"))
    assert {d.status for d in demands} == set(DemandStatus.values)
    for d in demands:
        if d.task_id:
            assert d.task.source_kind == SourceKind.DEMAND
            assert d.task.source_object == d
    assert Visit.objects.count() >= 50


def test_it_is_idempotent(db):
    before = (Enterprise.objects.count(), Demand.objects.count(), MuResult.objects.count())
    assert demo.load() == {}
    assert (Enterprise.objects.count(), Demand.objects.count(), MuResult.objects.count()) == before
