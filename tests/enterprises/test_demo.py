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
    evaluations = {e.year: e.status for e in MuEvaluation.objects.all()}
    assert evaluations == {2024: EvaluationStatus.PUBLISHED, 2025: EvaluationStatus.DRAFT}
    for year in (2024, 2025):
        classes = set(MuResult.objects.filter(year=year).values_list("mu_class", flat=True))
        assert {"A", "B", "C", "D", "T", ""} <= classes


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
