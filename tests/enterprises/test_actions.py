import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.utils import timezone

from mingzhu.core.actions import ActionError
from mingzhu.enterprises import actions
from mingzhu.enterprises.choices import DemandStatus, EvaluationStatus
from mingzhu.enterprises.models import AnnualData, Demand, MuEvaluation, MuResult
from mingzhu.targets.models import Observation
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import SourceKind, Status
from mingzhu.tasks.services import add_working_days

AT = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)  # a Monday


def _users():
    from mingzhu.org.models import User

    return {u.username: u for u in User.objects.all()}


def _department_clerk(unit):
    """A member of the responsible department (dept_staff)."""
    from mingzhu.org.models import Role, User

    user = User.objects.create(username=f"clerk-{unit.code}", unit=unit)
    user.roles.set(Role.objects.filter(code="dept_staff"))
    return user


@pytest.fixture
def demand(enterprise_user, own_enterprise):
    return actions.raise_demand(
        actor=enterprise_user,
        enterprise=own_enterprise,
        category="land",
        content="需要新增用地",
        channel="hotline",
        at=AT,
    )


def test_the_enterprise_user_raises_online_for_itself(demand, enterprise_user):
    assert demand.channel == "online"
    assert demand.raised_by == enterprise_user
    assert demand.status == DemandStatus.PENDING


def test_the_enterprise_user_cannot_raise_for_another_enterprise(enterprise_user, make_enterprise):
    other = make_enterprise()
    with pytest.raises(Http404):
        actions.raise_demand(actor=enterprise_user, enterprise=other, category="land", content="x")


def test_bad_values_are_refused(gxj, own_enterprise):
    with pytest.raises(ValidationError) as exc:
        actions.raise_demand(actor=gxj, enterprise=own_enterprise, category="nonsense", content="")
    assert {"category", "content"} <= set(exc.value.message_dict)


def test_those_without_permission_cannot_raise(fgw, own_enterprise):
    with pytest.raises(PermissionDenied):
        actions.raise_demand(actor=fgw, enterprise=own_enterprise, category="land", content="x")


def test_dispatch_makes_a_task_of_the_engine_for_the_department(demand, gxj, unit):
    department = unit("YZ-DEPT-ZRZY")
    actions.dispatch_demand(demand.pk, actor=gxj, department=department, at=AT)
    demand.refresh_from_db()
    task = demand.task
    assert task.source_kind == SourceKind.DEMAND
    assert task.source_object == demand
    assert task.lead_unit == department and task.issuer.code == "YZ-DEPT-GXJ"
    assert task.status == Status.ASSIGNED
    assert task.time_limit == 10
    assert task.deadline == add_working_days(dt.date(2025, 6, 2), 10)
    assert demand.status == DemandStatus.ASSIGNED
    with pytest.raises(ActionError):
        actions.dispatch_demand(demand.pk, actor=gxj, department=department, at=AT)


def test_the_time_limit_follows_the_category(gxj, own_enterprise, unit):
    d = actions.raise_demand(
        actor=gxj, enterprise=own_enterprise, category="approvals", content="x"
    )
    actions.dispatch_demand(d.pk, actor=gxj, department=unit("YZ-DEPT-SCJG"), at=AT)
    d.refresh_from_db()
    assert d.task.time_limit == 5


def test_only_the_dispatching_side_dispatches(demand, xinba, enterprise_user, unit):
    for user in (xinba, enterprise_user):
        with pytest.raises(PermissionDenied):
            actions.dispatch_demand(demand.pk, actor=user, department=unit("YZ-DEPT-ZRZY"))


def test_a_demand_goes_only_to_a_department_or_town(demand, gxj, unit):
    with pytest.raises(ValidationError):
        actions.dispatch_demand(demand.pk, actor=gxj, department=unit("YZ-XINBA-V02"))


def _reply(demand, clerk, at=AT):
    task_actions.accept(demand.task_id, actor=clerk, at=at)
    task_actions.request_closure(demand.task_id, actor=clerk, result="已协调解决", at=at)


def test_the_lifecycle_with_one_reopening(demand, gxj, enterprise_user, unit):
    department = unit("YZ-DEPT-ZRZY")
    clerk = _department_clerk(department)
    actions.dispatch_demand(demand.pk, actor=gxj, department=department, at=AT)
    demand.refresh_from_db()
    # Rating before a reply is refused.
    with pytest.raises(ActionError):
        actions.rate_demand(demand.pk, actor=enterprise_user, rating="satisfied")
    _reply(demand, clerk)
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.REPLIED
    actions.rate_demand(demand.pk, actor=enterprise_user, rating="dissatisfied", comment="没解决")
    demand = Demand.objects.get(pk=demand.pk)
    assert demand.reopened and demand.task.status == Status.RETURNED
    assert demand.status == DemandStatus.REOPENED
    # The list's SQL status reads the same rating event.
    assert Demand.objects.with_status(DemandStatus.REOPENED).filter(pk=demand.pk).exists()
    task_actions.request_closure(demand.task_id, actor=clerk, result="再次办理", at=AT)
    # 不满意 again: no second reopening; the demand closes with that rating.
    actions.rate_demand(demand.pk, actor=enterprise_user, rating="dissatisfied")
    demand = Demand.objects.get(pk=demand.pk)
    assert demand.task.status == Status.CLOSED and demand.status == DemandStatus.CLOSED
    assert list(demand.ratings.values_list("round", "rating")) == [
        (1, "dissatisfied"),
        (2, "dissatisfied"),
    ]
    assert demand.task.rework_count == 1


def test_satisfied_closes_at_once(demand, gxj, enterprise_user, unit):
    department = unit("YZ-DEPT-ZRZY")
    actions.dispatch_demand(demand.pk, actor=gxj, department=department, at=AT)
    demand.refresh_from_db()
    _reply(demand, _department_clerk(department))
    actions.rate_demand(demand.pk, actor=enterprise_user, rating="basic")
    demand = Demand.objects.get(pk=demand.pk)
    assert demand.task.status == Status.CLOSED and not demand.reopened


def test_nobody_else_rates(demand, gxj, xinba, fgw, unit):
    department = unit("YZ-DEPT-ZRZY")
    clerk = _department_clerk(department)
    actions.dispatch_demand(demand.pk, actor=gxj, department=department, at=AT)
    demand.refresh_from_db()
    _reply(demand, clerk)
    with pytest.raises(PermissionDenied):
        actions.rate_demand(demand.pk, actor=xinba, rating="satisfied")  # sees it, may not rate
    with pytest.raises(PermissionDenied):
        actions.rate_demand(demand.pk, actor=clerk, rating="satisfied")  # its own reply
    with pytest.raises(Http404):
        actions.rate_demand(demand.pk, actor=fgw, rating="satisfied")  # out of scope
    # Nor can the enterprise reach the task through the engine's own actions.
    with pytest.raises((Http404, PermissionDenied)):
        task_actions.verify(demand.task_id, actor=xinba)


def test_an_enterprise_without_account_is_rated_by_the_follow_up_call(gxj, make_enterprise, unit):
    d = actions.raise_demand(
        actor=gxj, enterprise=make_enterprise(), category="labour", content="招工"
    )
    department = unit("YZ-DEPT-RSJ")
    actions.dispatch_demand(d.pk, actor=gxj, department=department, at=AT)
    d.refresh_from_db()
    _reply(d, _department_clerk(department))
    actions.rate_demand(d.pk, actor=gxj, rating="satisfied")
    assert Demand.objects.get(pk=d.pk).status == DemandStatus.CLOSED


def test_a_visit_records_its_demands(xinba, make_enterprise, sanmao):
    enterprise = make_enterprise()
    visit = actions.record_visit(
        actor=xinba,
        enterprise=enterprise,
        kind="warm",
        date=dt.date(2025, 6, 1),
        visitors="镇经发局",
        demands=[("financing", "融资难"), ("labour", "招工难")],
    )
    assert [(d.channel, d.visit_id) for d in visit.demands.all()] == [("visit", visit.pk)] * 2
    with pytest.raises(Http404):
        actions.record_visit(
            actor=sanmao, enterprise=enterprise, kind="warm", date=dt.date(2025, 6, 1), visitors="x"
        )


def test_a_visit_cannot_be_dated_after_today(xinba, make_enterprise):
    enterprise = make_enterprise()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        actions.record_visit(
            actor=xinba, enterprise=enterprise, kind="warm", date=tomorrow, visitors="镇经发局"
        )
    assert "date" in caught.value.message_dict
    assert not enterprise.visits.exists()
    today = actions.record_visit(
        actor=xinba,
        enterprise=enterprise,
        kind="warm",
        date=timezone.localdate(),
        visitors="镇经发局",
    )
    assert today.pk


# --- evaluation ------------------------------------------------------------------------


def test_run_stores_results_and_can_be_run_again_until_published(gxj, make_enterprise, figures):
    year = 2031
    a, b = make_enterprise(), make_enterprise(scale="below", land_mu=1)
    figures(a, year)
    figures(b, year)
    evaluation = actions.run_evaluation(actor=gxj, year=year)
    results = {r.enterprise_id: r for r in MuResult.objects.filter(evaluation=evaluation)}
    assert results[a.pk].mu_class == "B" and results[a.pk].score == 100
    assert results[b.pk].mu_class == "" and results[b.pk].score is None
    assert evaluation.summary["above"]["counts"]["ranked"] == 1
    figures(make_enterprise(), year, tax=300)
    actions.run_evaluation(actor=gxj, year=year)
    assert MuResult.objects.filter(year=year).count() == 3
    actions.publish_evaluation(actor=gxj, year=year)
    assert MuEvaluation.objects.get(year=year).status == EvaluationStatus.PUBLISHED
    with pytest.raises(ActionError):
        actions.run_evaluation(actor=gxj, year=year)
    with pytest.raises(ActionError):
        actions.publish_evaluation(actor=gxj, year=year)
    obs = Observation.objects.get(indicator__code="ENT100", period=str(year))
    assert obs.value == 0


def test_a_second_run_updates_the_years_results_in_place(gxj, make_enterprise, figures):
    year = 2032
    a, b, c = make_enterprise(), make_enterprise(), make_enterprise()
    for enterprise, tax in ((a, 100), (b, 200), (c, 300)):
        figures(enterprise, year, tax=tax)
    actions.run_evaluation(actor=gxj, year=year)

    def rows():
        results = MuResult.objects.filter(year=year)
        return {r.enterprise_id: (r.pk, r.updated_at, r.score) for r in results}

    first = rows()
    actions.run_evaluation(actor=gxj, year=year)
    again = rows()
    assert {e: (pk, score) for e, (pk, _at, score) in again.items()} == {
        e: (pk, score) for e, (pk, _at, score) in first.items()
    }
    if connection.vendor == "postgresql":  # an unchanged result is not written again
        assert again == first
    # c's figures are withdrawn: its result goes, the others stay the same rows.
    AnnualData.objects.filter(enterprise=c, year=year).delete()
    actions.run_evaluation(actor=gxj, year=year)
    last = rows()
    assert set(last) == {a.pk, b.pk}
    assert [last[e][0] for e in (a.pk, b.pk)] == [first[e][0] for e in (a.pk, b.pk)]


def test_only_the_industry_bureau_runs_the_evaluation(xinba, leader):
    for user in (xinba, leader):
        with pytest.raises(PermissionDenied):
            actions.run_evaluation(actor=user, year=2025)


def test_a_year_without_figures_is_refused(gxj):
    with pytest.raises(ActionError):
        actions.run_evaluation(actor=gxj, year=2040)


def test_hundred_billion_enterprises_are_counted(gxj, make_enterprise, figures):
    year = 2032
    figures(make_enterprise(), year, sales=1_000_000)
    figures(make_enterprise(), year, sales=999_999)
    obs = actions.record_hundred_billion(year, actor=gxj)
    assert obs.value == 1 and obs.unit.code == "321182000000"
