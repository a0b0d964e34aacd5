from mingzhu.risks import demo
from mingzhu.risks.choices import Domain, HazardStatus
from mingzhu.risks.models import (
    CashPosition,
    DebtEntity,
    DebtInstrument,
    FiscalYear,
    Hazard,
    RepaymentPlan,
)
from mingzhu.tasks.choices import ListKind, SheetLevel, SourceKind
from mingzhu.tasks.models import SupervisionSheet, Task


def test_it_loads_hazards_in_every_domain_and_state(db):
    hazards = Hazard.objects.filter(is_illustrative=True)
    assert 180 <= hazards.count() <= 220
    assert set(hazards.values_list("domain", flat=True)) == set(Domain.values)
    for status in (HazardStatus.OPEN, HazardStatus.AWAITING, HazardStatus.RECTIFIED):
        assert hazards.with_status(status).exists()
    assert not hazards.filter(task__isnull=True).exists()
    assert Task.objects.filter(source_kind=SourceKind.HAZARD).count() == hazards.count()


def test_every_major_hazard_has_its_red_sheet(db):
    majors = Hazard.objects.filter(is_illustrative=True, level="major")
    assert majors.exists()
    sheets = SupervisionSheet.objects.filter(level=SheetLevel.RED, task__hazard__in=majors)
    assert sheets.count() == majors.count()


def test_it_loads_the_rectification_lists(db):
    for kind in (ListKind.ENVIRONMENTAL_RECTIFICATION, ListKind.INSPECTION_RECTIFICATION):
        assert Task.objects.filter(task_list__kind=kind).count() >= 5


def test_it_loads_debt_with_a_peak(db):
    assert DebtEntity.objects.count() == 4
    assert 140 <= DebtInstrument.objects.count() <= 160
    assert CashPosition.objects.count() == 4 * 60
    assert FiscalYear.objects.count() == 5
    plan = RepaymentPlan.objects.get(is_illustrative=True)
    assert plan.peak_after < plan.peak_before
    assert plan.moves.exists()


def test_a_second_load_changes_nothing_and_is_fast(db):
    before = (Hazard.objects.count(), Task.objects.count(), DebtInstrument.objects.count())
    assert demo.load() == {"hazards": 0, "rectifications": 0, "instruments": 0, "plans": 0}
    after = (Hazard.objects.count(), Task.objects.count(), DebtInstrument.objects.count())
    assert after == before
