"""Actions: inspections and their rectification tasks, sheet versions, remediation,
faults and repairs, secretary projects; bad input refused with the field named."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from factories import scoped_user

from mingzhu.rural import actions, reports
from mingzhu.rural.choices import FaultSource, FaultStatus, RemediationCategory
from mingzhu.rural.models import (
    Facility,
    FacilityFault,
    FacilityType,
    InspectionScore,
    Maintainer,
    Remediation,
    RemediationProgramme,
    SecretaryPlan,
    VillageInspection,
)
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import SourceKind, Status
from mingzhu.tasks.models import Task

from .conftest import LIXIN, XINZHI, YONGSHENG, photo, scores_for

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _today():
    """Today at the test's start, not at the module's import: a run crossing midnight
    (Asia/Shanghai) compares with the day the actions read."""
    global TODAY
    TODAY = timezone.localdate()


def _record(nyj, unit, sheet, values, **kw):
    return actions.record_inspection(
        actor=nyj,
        village=unit(LIXIN),
        sheet=sheet,
        inspected_on=kw.pop("inspected_on", TODAY),
        scores=scores_for(sheet, values, **kw),
    )


# ---------------------------------------------------------------- inspections


def test_it_scores_a_village_and_raises_a_task_for_each_deduction(nyj, unit, sheet):
    inspection = actions.record_inspection(
        actor=nyj,
        village=unit(LIXIN),
        sheet=sheet,
        inspected_on=TODAY,
        scores=scores_for(sheet, ["8", "10", "9.5"], notes={0: "暴露垃圾两处"}),
        photos=[photo()],
    )
    scores = list(inspection.scores.select_related("task", "item").order_by("item__order"))
    assert [s.score for s in scores] == [Decimal(8), Decimal(10), Decimal("9.5")]
    assert [s.task_id is not None for s in scores] == [True, False, True]
    task = scores[0].task
    assert task.source_kind == SourceKind.VILLAGE_INSPECTION
    assert task.lead_unit == unit(LIXIN) and task.issuer == nyj.unit
    assert task.status == Status.ASSIGNED
    assert task.source_object == scores[0]
    assert "扣2" in task.title and "暴露垃圾两处" in task.content
    assert task.task_list.kind == "living_environment"
    assert inspection.photos.count() == 1


def test_the_village_handles_the_rectification_and_the_bureau_verifies(nyj, lixin, unit, sheet):
    inspection = _record(nyj, unit, sheet, ["7", "10", "10"])
    task = inspection.scores.get(task__isnull=False).task
    task_actions.accept(task, actor=lixin)
    task_actions.request_closure(task, actor=lixin, result="已清理")
    task_actions.verify(task, actor=nyj)
    assert Task.objects.get(pk=task.pk).status == Status.CLOSED


def test_a_score_above_the_items_points_is_refused_naming_the_item(nyj, unit, sheet):
    before = VillageInspection.objects.count()
    with pytest.raises(ValidationError) as exc:
        _record(nyj, unit, sheet, ["11", "10", "10"])
    item = sheet.items.get(order=1)
    message = " ".join(exc.value.message_dict[f"score_{item.pk}"])
    assert "垃圾" in message and "above" in message and "10" in message
    assert VillageInspection.objects.count() == before  # nothing half-written


@pytest.mark.parametrize("bad", ["-1", "abc", "NaN", "9.999", ""])
def test_bad_scores_are_refused(nyj, unit, sheet, bad):
    with pytest.raises(ValidationError) as exc:
        _record(nyj, unit, sheet, [bad, "10", "10"])
    assert f"score_{sheet.items.get(order=1).pk}" in exc.value.message_dict


def test_every_item_is_scored_once(nyj, unit, sheet):
    entries = scores_for(sheet, ["10", "10", "10"])
    with pytest.raises(ValidationError) as exc:
        actions.record_inspection(
            actor=nyj, village=unit(LIXIN), sheet=sheet, inspected_on=TODAY, scores=entries[:2]
        )
    assert "has no score" in str(exc.value)
    with pytest.raises(ValidationError):
        actions.record_inspection(
            actor=nyj,
            village=unit(LIXIN),
            sheet=sheet,
            inspected_on=TODAY,
            scores=[*entries, entries[0]],
        )


def test_an_inspection_in_the_future_or_before_the_sheet_is_refused(nyj, unit, sheet):
    with pytest.raises(ValidationError) as exc:
        _record(nyj, unit, sheet, ["10"] * 3, inspected_on=TODAY + dt.timedelta(days=1))
    assert "inspected_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _record(nyj, unit, sheet, ["10"] * 3, inspected_on=dt.date(2019, 12, 31))
    assert "sheet" in exc.value.message_dict


def test_only_the_bureau_records_inspections(xinba, lixin, fgw, unit, sheet):
    for user in (xinba, lixin, fgw):
        with pytest.raises(PermissionDenied):
            _record(user, unit, sheet, ["10"] * 3)


def test_a_deduction_can_raise_its_task_later_but_only_once(nyj, unit, sheet):
    inspection = _record(nyj, unit, sheet, ["8", "10", "10"], raise_task=False)
    score = inspection.scores.get(item__order=1)
    assert score.task_id is None
    actions.raise_rectification(score, actor=nyj, deadline=TODAY + dt.timedelta(days=10))
    score.refresh_from_db()
    assert score.task.deadline == TODAY + dt.timedelta(days=10)
    with pytest.raises(actions.RuralError):
        actions.raise_rectification(score, actor=nyj)
    full = inspection.scores.get(item__order=2)
    with pytest.raises(actions.RuralError):
        actions.raise_rectification(full, actor=nyj)


def test_a_used_sheet_is_locked_and_a_new_version_copies_its_items(nyj, unit, sheet):
    actions.check_sheet_editable(sheet)  # unused: editable
    _record(nyj, unit, sheet, ["10"] * 3)
    with pytest.raises(actions.RuralError):
        actions.check_sheet_editable(sheet)
    new = actions.new_sheet_version(sheet, actor=nyj, valid_from=TODAY)
    assert new.version == 2 and new.name == sheet.name
    assert [(i.name, i.points) for i in new.items.all()] == [
        (i.name, i.points) for i in sheet.items.all()
    ]
    actions.check_sheet_editable(new)
    assert actions.new_sheet_version(new, actor=nyj, valid_from=TODAY).version == 3


def test_the_ranking_uses_the_database_rows(nyj, unit, sheet):
    # Far in the past, so the demo's inspections do not enter the quarter.
    day = dt.date(2021, 2, 10)
    _record(nyj, unit, sheet, ["9", "9", "9"], inspected_on=day, raise_task=False)  # 90
    actions.record_inspection(
        actor=nyj,
        village=unit(XINZHI),
        sheet=sheet,
        inspected_on=day,
        scores=scores_for(sheet, ["10", "10", "7"], raise_task=False),  # 90
    )
    ranking = reports.quarterly_ranking(2021, 1)
    rows = {r["name"]: r for r in ranking["villages"]}
    assert rows["立新村"]["score"] == Decimal("90.00") and rows["立新村"]["rank"] == 1
    assert rows["新治村"]["rank"] == 1  # a tie
    assert rows["永胜村"]["rank"] is None  # not inspected
    towns = {r["name"]: r for r in ranking["towns"]}
    assert towns["新坝镇"]["score"] == Decimal("90.00") and towns["新坝镇"]["rank"] == 1
    assert towns["三茅街道"]["rank"] is None


# ---------------------------------------------------------------- living environment


@pytest.fixture
def programme():
    return RemediationProgramme.objects.create(
        name="测试整治行动",
        start_date=dt.date(2021, 1, 1),
        end_date=dt.date(2030, 12, 31),
        target_share=Decimal(100),
    )


def test_remediation_tasks_complete_a_natural_village(nyj, lixin, unit, programme):
    natural = unit(f"{LIXIN}-N01")
    created = actions.start_remediation(
        actor=nyj,
        programme=programme,
        natural_village=natural,
        categories=[RemediationCategory.GARBAGE, RemediationCategory.SEWAGE],
        deadline=TODAY + dt.timedelta(days=30),
    )
    assert len(created) == 2
    task = created[0].task
    assert task.source_kind == SourceKind.REMEDIATION and task.lead_unit == unit(LIXIN)
    assert task.source_object == created[0]
    progress = reports.environment_progress(programme, nyj)
    village = next(r for r in progress["villages"] if r["name"] == "立新村")
    assert village["completed"] == 0
    for r in created:
        task_actions.accept(r.task, actor=lixin)
        task_actions.request_closure(r.task, actor=lixin, result="完成")
        task_actions.verify(r.task, actor=nyj)
    progress = reports.environment_progress(programme, nyj)
    village = next(r for r in progress["villages"] if r["name"] == "立新村")
    assert village["completed"] == 1 and village["total"] >= 3
    assert progress["city"]["completed"] == 1
    # The village sees only its own natural villages.
    mine = reports.environment_progress(programme, lixin)
    assert {r["name"] for r in mine["villages"]} == {"立新村"}


def test_remediation_is_issued_once_per_category(nyj, unit, programme):
    natural = unit(f"{LIXIN}-N01")
    values = {
        "actor": nyj,
        "programme": programme,
        "natural_village": natural,
        "deadline": TODAY,
    }
    actions.start_remediation(categories=[RemediationCategory.TOILETS], **values)
    with pytest.raises(ValidationError) as exc:
        actions.start_remediation(categories=[RemediationCategory.TOILETS], **values)
    assert "categories" in exc.value.message_dict
    with pytest.raises(ValidationError):
        actions.start_remediation(categories=["nonsense"], **values)
    with pytest.raises(ValidationError):
        actions.start_remediation(
            **{**values, "natural_village": unit(LIXIN)}, categories=["garbage"]
        )
    assert Remediation.objects.filter(programme=programme).count() == 1


# ---------------------------------------------------------------- facilities


@pytest.fixture
def facility(unit):
    maintainer = Maintainer.objects.create(name="测试运维队", unit=unit("YZ-XINBA"))
    return Facility.objects.create(
        village=unit(LIXIN),
        type=FacilityType.objects.get(name="路灯"),
        name="测试路灯",
        maintainer=maintainer,
    )


def test_a_grid_worker_reports_a_fault_in_their_villages_grid(grid_worker, unit, facility):
    fault = actions.report_fault(
        actor=grid_worker, facility=facility, description="路灯不亮", source=FaultSource.GRID_WORKER
    )
    assert fault.grid.parent == unit(LIXIN)
    assert fault.status == FaultStatus.REPORTED
    assert FacilityFault.objects.restrict(grid_worker, "view").filter(pk=fault.pk).exists()


def test_a_grid_worker_sees_the_villagers_report_they_took_down(grid_worker, facility):
    fault = actions.report_fault(
        actor=grid_worker,
        facility=facility,
        description="路灯不亮",
        source=FaultSource.VILLAGER,
        reporter_name="李四",
    )
    assert fault.grid is not None
    assert FacilityFault.objects.restrict(grid_worker, "view").filter(pk=fault.pk).exists()


def test_village_staff_reports_carry_no_grid(lixin, facility):
    fault = actions.report_fault(actor=lixin, facility=facility, description="灯不亮")
    assert fault.grid is None


def test_a_grid_worker_cannot_report_elsewhere(grid_worker, unit):
    other = Facility.objects.filter(village=unit(YONGSHENG)).first()
    with pytest.raises(Http404):
        actions.report_fault(actor=grid_worker, facility=other, description="坏了")


def test_a_villagers_report_needs_the_name_and_a_description(lixin, facility):
    with pytest.raises(ValidationError) as exc:
        actions.report_fault(
            actor=lixin, facility=facility, description="坏了", source=FaultSource.VILLAGER
        )
    assert "reporter_name" in exc.value.message_dict
    with pytest.raises(ValidationError):
        actions.report_fault(actor=lixin, facility=facility, description="  ")


def test_dispatch_makes_a_repair_task_with_the_types_time_limit(nyj, xinba, lixin, unit, facility):
    fault = actions.report_fault(
        actor=lixin,
        facility=facility,
        description="路灯不亮",
        source=FaultSource.VILLAGER,
        reporter_name="张三",
    )
    with pytest.raises(PermissionDenied):
        actions.dispatch_fault(fault, actor=xinba)
    fault = actions.dispatch_fault(fault, actor=nyj)
    task = fault.task
    assert task.source_kind == SourceKind.FACILITY_FAULT and task.source_object == fault
    assert task.lead_unit == unit("YZ-XINBA")  # the maintainer's unit
    assert task.time_limit == facility.type.time_limit
    assert fault.status == FaultStatus.REPAIRING
    with pytest.raises(actions.RuralError):
        actions.dispatch_fault(fault, actor=nyj)
    # The town repairs; the bureau verifies; the fault reads its status from the task.
    task_actions.accept(task, actor=xinba)
    task_actions.request_closure(task, actor=xinba, result="已更换灯泡")
    task_actions.verify(task, actor=nyj)
    assert FacilityFault.objects.get(pk=fault.pk).status == FaultStatus.REPAIRED


def test_a_facility_without_a_maintainer_is_repaired_by_its_village(nyj, lixin, facility):
    facility.maintainer = None
    facility.save()
    fault = actions.report_fault(actor=lixin, facility=facility, description="坏了")
    assert actions.dispatch_fault(fault, actor=nyj).task.lead_unit == facility.village


def test_facility_stats_by_town_and_type(nyj, xinba):
    as_of = TODAY
    city = reports.facility_stats(nyj, dt.date(as_of.year - 1, 1, 1), as_of, as_of)
    town = reports.facility_stats(xinba, dt.date(as_of.year - 1, 1, 1), as_of, as_of)
    assert {r["name"] for r in town["towns"]} == {"新坝镇"}
    assert len(city["towns"]) > 1
    total = Facility.objects.filter(is_active=True).count()
    assert city["city"]["cover"]["total"] == total
    covered = Facility.objects.filter(is_active=True, maintainer__isnull=False).count()
    assert city["city"]["cover"]["covered"] == covered


# ---------------------------------------------------------------- secretary projects


def test_secretary_projects_with_milestones_and_review(nyj, lixin, zzb, unit):
    year = TODAY.year
    with pytest.raises(ValidationError):
        actions.create_secretary_plan(actor=nyj, unit=unit(LIXIN), secretary="李书记", year=year)
    plan = actions.create_secretary_plan(
        actor=nyj, unit=unit(LIXIN), secretary="李书记", year=year + 1
    )
    assert plan.task_list.kind == "secretary_projects"
    project = actions.add_secretary_project(
        plan,
        actor=nyj,
        title="村集体经济增收",
        deadline=dt.date(year + 1, 12, 31),
        milestones=[("选址", dt.date(year + 1, 3, 31), 1), ("开工", dt.date(year + 1, 6, 30), 3)],
    )
    first, second = project.children.order_by("deadline")
    task_actions.accept(first, actor=lixin)
    task_actions.report_progress(first, actor=lixin, progress=100)
    project.refresh_from_db()
    assert project.progress == 25  # weights 1 and 3: 100 * 1/4
    with pytest.raises(ValidationError):
        actions.add_secretary_project(plan, actor=nyj, title="x", deadline=dt.date(year + 2, 1, 1))
    with pytest.raises(ValidationError):
        actions.add_secretary_project(
            plan,
            actor=nyj,
            title="x",
            deadline=dt.date(year + 1, 6, 1),
            milestones=[("晚于截止", dt.date(year + 1, 7, 1), 1)],
        )
    # The organisation department records the year-end review.
    actions.review_secretary_plan(plan, actor=zzb, score="92.5", comment="好")
    assert SecretaryPlan.objects.get(pk=plan.pk).review_score == Decimal("92.5")
    for bad in ("101", "-1", "x"):
        with pytest.raises(ValidationError):
            actions.review_secretary_plan(plan, actor=zzb, score=bad)
    with pytest.raises(ValidationError):
        actions.review_secretary_plan(
            plan, actor=zzb, score="90", reviewed_on=TODAY + dt.timedelta(days=1)
        )
    with pytest.raises(PermissionDenied):
        actions.review_secretary_plan(plan, actor=lixin, score="90")


def test_a_plan_outside_the_actors_scope_takes_no_project(nyj, unit):
    year = TODAY.year + 1
    plan = actions.create_secretary_plan(actor=nyj, unit=unit(LIXIN), secretary="李书记", year=year)
    # May change secretary plans, within 三茅街道 only (立新村 lies in 新坝镇).
    other_town = scoped_user(
        "321182001000",
        ("unit_and_below", ("rural.change_secretaryplan", "rural.view_secretaryplan")),
    )
    before = Task.objects.count()
    with pytest.raises(Http404):
        actions.add_secretary_project(
            plan, actor=other_town, title="越界项目", deadline=dt.date(year, 12, 31)
        )
    assert Task.objects.count() == before


def test_scores_are_scoped_by_village(lixin, xinba, sanmao, nyj):
    lixin_scores = InspectionScore.objects.restrict(lixin, "view")
    assert lixin_scores.exists()
    assert set(lixin_scores.values_list("inspection__village__code", flat=True)) == {LIXIN}
    xinba_villages = set(
        VillageInspection.objects.restrict(xinba, "view").values_list("village__code", flat=True)
    )
    assert xinba_villages and all(code.startswith("YZ-XINBA") for code in xinba_villages)
    assert (
        not VillageInspection.objects.restrict(sanmao, "view")
        .filter(village__code__startswith="YZ-XINBA")
        .exists()
    )
    assert VillageInspection.objects.restrict(nyj, "view").count() == (
        VillageInspection.objects.count()
    )
