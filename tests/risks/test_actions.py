"""A hazard's life through the task engine, and plans turned into tasks."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from factories import scoped_user

from mingzhu.org.models import OrgUnit
from mingzhu.risks import actions
from mingzhu.risks.debt import actions as debt_actions
from mingzhu.risks.models import Hazard, PlanMove, RepaymentPlan
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import SheetLevel, SourceKind, Status
from mingzhu.tasks.models import SupervisionSheet

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _today():
    """Today at the test's start, not at the module's import: a run crossing midnight
    (Asia/Shanghai) compares with the day the actions read."""
    global TODAY
    TODAY = timezone.localdate()


def register(actor, unit, level="serious", **extra):
    values = {
        "title": "堤防渗水",
        "domain": "flood",
        "level": level,
        "unit": unit,
        "found_on": TODAY,
        "found_by": "防汛检查组",
        "description": "江堤 3 号段渗水",
        "deadline": TODAY + dt.timedelta(days=30),
        **extra,
    }
    return actions.register_hazard(actor=actor, **values)


def test_registering_creates_and_assigns_the_rectification_task(supervisor, xinba, unit):
    hazard = register(supervisor, unit("YZ-XINBA"))
    task = hazard.task
    assert task.status == Status.ASSIGNED
    assert task.lead_unit.code == "YZ-XINBA"
    assert task.source_kind == SourceKind.HAZARD
    assert task.source_object == hazard
    assert task.deadline == hazard.deadline
    assert hazard.status == "open"
    assert not SupervisionSheet.objects.filter(task=task).exists()
    assert Hazard.objects.restrict(xinba).filter(pk=hazard.pk).exists()


def test_a_major_hazard_gets_a_red_sheet_at_once(supervisor, unit):
    hazard = register(supervisor, unit("YZ-XINBA"), level="major")
    sheet = SupervisionSheet.objects.get(task=hazard.task)
    assert sheet.level == SheetLevel.RED
    assert sheet.issued_on == TODAY
    assert hazard.task.urgency == "urgent"


def test_the_hazard_reads_its_status_from_its_task(supervisor, xinba, unit):
    hazard = register(supervisor, unit("YZ-XINBA"))
    task_actions.accept(hazard.task_id, actor=xinba)
    task_actions.request_closure(hazard.task_id, actor=xinba, result="已加固")
    hazard.refresh_from_db()
    assert hazard.status == "awaiting"
    task_actions.verify(hazard.task_id, actor=supervisor)
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == "rectified"
    assert Hazard.objects.with_status("rectified").filter(pk=hazard.pk).exists()


def test_a_town_sees_only_its_own_hazards(supervisor, xinba, sanmao, unit):
    hazard = register(supervisor, unit("YZ-XINBA-V02"))
    assert Hazard.objects.restrict(xinba).filter(pk=hazard.pk).exists()
    assert not Hazard.objects.restrict(sanmao).filter(pk=hazard.pk).exists()


@pytest.mark.parametrize("name", ["xinba", "fgw", "czj", "outsider", "wangge"])
def test_only_the_supervising_side_registers(name, unit, django_user_model):
    user = django_user_model.objects.get(username=name)
    with pytest.raises(PermissionDenied):
        register(user, unit("YZ-XINBA"))


def test_the_supervising_side_does_not_register_for_itself(supervisor, unit):
    with pytest.raises(PermissionDenied):
        register(supervisor, unit("YZ-DEPT-DB"))


def test_bad_dates_are_refused_and_nothing_is_written(supervisor, unit):
    count = Hazard.objects.count()
    with pytest.raises(ValidationError) as caught:
        register(
            supervisor,
            unit("YZ-XINBA"),
            found_on=TODAY + dt.timedelta(days=1),
            deadline=TODAY - dt.timedelta(days=1),
        )
    assert set(caught.value.message_dict) == {"found_on", "deadline"}
    with pytest.raises(ValidationError) as caught:
        register(supervisor, unit("YZ-XINBA"), domain="nonsense")
    assert "domain" in caught.value.message_dict
    assert Hazard.objects.count() == count


def test_owner_and_measures_are_recorded_while_open(supervisor, xinba, sanmao, unit):
    hazard = register(supervisor, unit("YZ-XINBA"))
    assert not hazard.is_knowable
    actions.update_hazard(hazard.pk, actor=xinba, owner="王强", measures="打桩加固")
    hazard.refresh_from_db()
    assert (hazard.owner, hazard.measures) == ("王强", "打桩加固")
    assert hazard.is_knowable
    with pytest.raises(Http404):
        actions.update_hazard(hazard.pk, actor=sanmao, owner="x", measures="y")
    task_actions.cancel(hazard.task_id, actor=supervisor, comment="重复登记")
    with pytest.raises(actions.TransitionError):
        actions.update_hazard(hazard.pk, actor=xinba, owner="x", measures="y")


def test_saving_a_plan_and_issuing_its_tasks(czj, supervisor, sanmao, fgw):
    plan = debt_actions.save_plan(actor=czj, name="测试计划", as_of=TODAY, window=12)
    assert plan.peak_after < plan.peak_before
    moves = list(plan.moves.all())
    assert moves
    assert all(m.to_month > m.from_month for m in moves)
    for user in (fgw, sanmao, supervisor):
        with pytest.raises(PermissionDenied):
            debt_actions.save_plan(actor=user, name="x", as_of=TODAY)
    with pytest.raises(PermissionDenied):
        debt_actions.issue_tasks(plan.pk, actor=czj)
    with pytest.raises(Http404):
        debt_actions.issue_tasks(plan.pk, actor=sanmao)
    tasks = debt_actions.issue_tasks(plan.pk, actor=supervisor)
    assert len(tasks) == len(moves)
    for task in tasks:
        assert task.source_kind == SourceKind.DEBT_PLAN
        assert task.status == Status.ASSIGNED
        assert isinstance(task.source_object, PlanMove)
        # The task goes to the unit answering for the borrower: the platform company
        # itself (a unit of the tree), or the finance bureau for the government's debt.
        entity = task.source_object.instrument.entity
        assert task.lead_unit == entity.unit
        expected = "company" if entity.kind == "platform" else "department"
        assert task.lead_unit.kind == expected
        assert task.deadline >= TODAY + dt.timedelta(days=debt_actions.NOTICE_DAYS)
    with pytest.raises(debt_actions.TransitionError):
        debt_actions.issue_tasks(plan.pk, actor=supervisor)
    assert RepaymentPlan.objects.restrict(czj).filter(pk=plan.pk).exists()


def test_a_plan_needs_a_name(czj):
    with pytest.raises(ValidationError):
        debt_actions.save_plan(actor=czj, name="  ", as_of=TODAY)


def test_a_plan_outside_the_savers_add_scope_is_refused_and_not_kept(czj):
    # Reads every instrument, but may add plans only for 三茅街道, not its own unit.
    saver = scoped_user(
        czj.unit.code,
        ("all", ("risks.view_debtinstrument", "risks.view_cashposition")),
        ("custom", ("risks.add_repaymentplan",)),
    )
    saver.custom_units.set([OrgUnit.objects.get(code="321182001000")])
    before = (RepaymentPlan.objects.count(), PlanMove.objects.count())
    with pytest.raises(PermissionDenied) as refused:
        debt_actions.save_plan(actor=saver, name="越界计划", as_of=TODAY, window=12)
    assert str(refused.value) == "The plan would lie outside your data scope."
    assert (RepaymentPlan.objects.count(), PlanMove.objects.count()) == before
