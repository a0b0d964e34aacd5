import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone
from factories import scoped_user

from mingzhu.core.actions import ActionError
from mingzhu.projects import actions
from mingzhu.projects.actions import StageError
from mingzhu.projects.models import FactorRequest, FactorRoute, MonthlyInvestment
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import SourceKind

from .conftest import evidence

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

D = dt.date


def _move(project, actor, to, on, **kwargs):
    return actions.advance_project(project.pk, actor=actor, to_stage=to, on=on, **kwargs)


def test_it_moves_a_project_forward_with_evidence_and_keeps_each_date(make_project, xinba):
    project = make_project()
    _move(project, xinba, "signed", D(2025, 2, 1), evidence=evidence())
    _move(project, xinba, "landed", D(2025, 3, 1), evidence=evidence("营业执照.pdf"))
    _move(project, xinba, "under_construction", D(2025, 4, 1), evidence=evidence("现场.png"))
    project.refresh_from_db()
    assert project.stage == "under_construction"
    assert (project.signed_on, project.landed_on, project.started_on) == (
        D(2025, 2, 1),
        D(2025, 3, 1),
        D(2025, 4, 1),
    )
    changes = list(project.stage_changes.values_list("from_stage", "to_stage", "evidence_kind"))
    assert changes == [
        ("negotiating", "signed", "contract"),
        ("signed", "landed", "licence"),
        ("landed", "under_construction", "photo"),
    ]


def test_a_move_forward_needs_its_evidence(make_project, xinba):
    project = make_project()
    with pytest.raises(ValidationError) as info:
        _move(project, xinba, "signed", D(2025, 2, 1))
    assert "evidence" in info.value.message_dict
    project.refresh_from_db()
    assert project.stage == "negotiating" and not project.stage_changes.exists()


@pytest.mark.parametrize("to", ["landed", "negotiating", "in_operation", "nonsense"])
def test_it_refuses_to_skip_or_go_back(make_project, xinba, to):
    project = make_project(stage="signed", signed_on=D(2025, 2, 1))
    with pytest.raises(StageError):
        _move(
            project,
            xinba,
            to if to != "landed" else "under_construction",
            D(2025, 3, 1),
            evidence=evidence(),
        )
    project.refresh_from_db()
    assert project.stage == "signed"


def test_it_refuses_a_date_before_the_last_change(make_project, xinba):
    project = make_project(stage="signed", signed_on=D(2025, 2, 1))
    with pytest.raises(ValidationError) as info:
        _move(project, xinba, "landed", D(2025, 1, 31), evidence=evidence())
    assert "on" in info.value.message_dict


def test_suspension_needs_a_reason_and_resumes_where_it_stopped(make_project, xinba):
    project = make_project(stage="landed", signed_on=D(2025, 2, 1), landed_on=D(2025, 3, 1))
    with pytest.raises(ValidationError):
        _move(project, xinba, "suspended", D(2025, 4, 1), reason="  ")
    _move(project, xinba, "suspended", D(2025, 4, 1), reason="资金未到位")
    project.refresh_from_db()
    assert project.stage == "suspended" and project.suspended_from == "landed"
    assert project.suspension_reason == "资金未到位"
    with pytest.raises(StageError):
        _move(project, xinba, "under_construction", D(2025, 5, 1), evidence=evidence())
    _move(project, xinba, "landed", D(2025, 6, 1))  # back: no new evidence needed
    project.refresh_from_db()
    assert project.stage == "landed" and project.landed_on == D(2025, 3, 1)
    assert project.suspended_on == D(2025, 4, 1) and project.suspended_from == ""
    _move(project, xinba, "under_construction", D(2025, 7, 1), evidence=evidence())


def test_a_finished_project_moves_no_more(make_project, supervisor):
    project = make_project(stage="in_operation", completed_on=D(2025, 6, 1))
    with pytest.raises(StageError):
        _move(project, supervisor, "suspended", D(2025, 7, 1), reason="x")


def test_a_town_moves_only_its_own_projects(make_project, sanmao, grid_worker, leader, fgw):
    project = make_project(town="YZ-XINBA")
    with pytest.raises(Http404):
        _move(project, sanmao, "signed", D(2025, 2, 1), evidence=evidence())
    with pytest.raises(Http404):  # no project of theirs: nothing to see
        _move(project, grid_worker, "signed", D(2025, 2, 1), evidence=evidence())
    # The leader and the key-project office (发改委) read every project, move none.
    for persona in (leader, fgw):
        with pytest.raises(PermissionDenied):
            _move(project, persona, "signed", D(2025, 2, 1), evidence=evidence())


def test_it_refuses_evidence_of_a_forbidden_type(make_project, xinba):
    project = make_project()
    bad = evidence("script.exe")
    with pytest.raises(ValidationError):
        _move(project, xinba, "signed", D(2025, 2, 1), evidence=bad)
    assert not project.stage_changes.exists()
    fake = SimpleUploadedFile("合同.pdf", b"\x7fELF\x02\x01\x01\x00" + bytes(200))
    with pytest.raises(ValidationError, match="合同.pdf"):
        _move(project, xinba, "signed", D(2025, 2, 1), evidence=fake)
    assert not project.stage_changes.exists()


def test_it_records_investment_and_refuses_negative_amounts(make_project, xinba):
    project = make_project()
    actions.record_investment(project.pk, actor=xinba, year=2025, planned=1200, monthly={1: 100})
    actions.record_investment(
        project.pk, actor=xinba, year=2025, monthly={1: 150, 2: 90}, overwrite=True
    )
    assert project.plans.get(year=2025).planned == 1200
    assert dict(project.monthly.values_list("month", "completed")) == {1: 150, 2: 90}
    with pytest.raises(ValidationError):
        actions.record_investment(project.pk, actor=xinba, year=2025, monthly={3: -1})
    with pytest.raises(ValidationError):
        actions.record_investment(project.pk, actor=xinba, year=2025, monthly={13: 1})
    with pytest.raises(ValidationError):
        actions.record_investment(project.pk, actor=xinba, year=2025, planned="abc")
    assert not MonthlyInvestment.objects.filter(project=project, month=3).exists()


def _raise(project, actor, kind="land", quantity=50, unit="mu", **kwargs):
    return actions.raise_factor_request(
        project.pk,
        actor=actor,
        kind=kind,
        quantity=quantity,
        unit=unit,
        needed_by=timezone.localdate() + dt.timedelta(days=30),
        **kwargs,
    )


def test_a_town_raises_a_request_and_the_office_dispatches_it(make_project, xinba, supervisor):
    project = make_project()
    request = _raise(project, xinba)
    assert request.task is None and request.status == "submitted"
    actions.dispatch_factor_request(request.pk, actor=supervisor, comment="请尽快保障")
    request.refresh_from_db()
    task = request.task
    assert task.lead_unit.code == "YZ-DEPT-ZRZY"
    assert task.source_kind == SourceKind.FACTOR_REQUEST and task.status == "assigned"
    assert task.source_object == request and task.issuer == supervisor.unit
    assert request.status == "assigned"  # read from the task
    with pytest.raises(ActionError):
        actions.dispatch_factor_request(request.pk, actor=supervisor)


@pytest.mark.parametrize(
    ("kind", "measure", "department"),
    [
        ("land", "mu", "YZ-DEPT-ZRZY"),
        ("funding", "wan_yuan", "YZ-DEPT-CZJ"),
        ("energy", "tce", "YZ-DEPT-FGW"),
        ("energy", "wan_kwh", "YZ-DEPT-FGW"),
        ("labour", "person", "YZ-DEPT-RSJ"),
    ],
)
def test_the_office_s_own_request_goes_to_the_department_of_its_kind(
    make_project, supervisor, kind, measure, department
):
    request = _raise(make_project(), supervisor, kind=kind, unit=measure)
    assert request.task.lead_unit.code == department


def test_the_route_of_a_kind_is_configurable(make_project, supervisor, unit):
    FactorRoute.objects.create(kind="land", department=unit("YZ-DEPT-ZJJ"), time_limit_days=3)
    request = _raise(make_project(), supervisor)
    assert request.task.lead_unit.code == "YZ-DEPT-ZJJ"
    assert request.task.time_limit == 3


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"unit": "person"}, "unit"),  # land in persons
        ({"quantity": 0}, "quantity"),
        ({"quantity": -5}, "quantity"),
    ],
)
def test_it_refuses_a_bad_request(make_project, xinba, values, field):
    project = make_project()
    with pytest.raises(ValidationError) as info:
        _raise(project, xinba, **values)
    assert field in info.value.message_dict
    assert not FactorRequest.objects.filter(project=project).exists()


def test_it_refuses_a_date_in_the_past(make_project, xinba):
    with pytest.raises(ValidationError):
        actions.raise_factor_request(
            make_project().pk,
            actor=xinba,
            kind="land",
            quantity=1,
            unit="mu",
            needed_by=D(2020, 1, 1),
        )


def test_who_may_raise_dispatch_and_rate(make_project, sanmao, xinba, fgw, supervisor, grid_worker):
    project = make_project()
    with pytest.raises(Http404):
        _raise(project, sanmao)  # another town's project
    with pytest.raises(PermissionDenied):
        _raise(project, grid_worker)
    request = _raise(project, xinba)
    with pytest.raises(PermissionDenied):
        actions.dispatch_factor_request(request.pk, actor=xinba)
    energy = _raise(project, supervisor, kind="energy", unit="tce")
    task = energy.task
    # The department answers through the task engine; the town rates the answer.
    task_actions.accept(task.pk, actor=fgw)
    with pytest.raises(ActionError):
        actions.rate_factor_request(energy.pk, actor=xinba, satisfaction="satisfied")
    task_actions.request_closure(task.pk, actor=fgw, result="已保障")
    task_actions.verify(task.pk, actor=supervisor)
    with pytest.raises(PermissionDenied):
        actions.rate_factor_request(energy.pk, actor=fgw, satisfaction="satisfied")
    with pytest.raises(ValidationError):
        actions.rate_factor_request(energy.pk, actor=xinba, satisfaction="great")
    actions.rate_factor_request(energy.pk, actor=xinba, satisfaction="basically")
    energy.refresh_from_db()
    assert energy.satisfaction == "basically" and energy.status == "closed"


def test_the_department_sees_the_requests_it_handles(make_project, supervisor, fgw, czj):
    from mingzhu.core.scope import restrict

    request = _raise(make_project(), supervisor, kind="energy", unit="tce")
    assert restrict(FactorRequest.objects.filter(pk=request.pk), fgw, "view").exists()
    assert not restrict(FactorRequest.objects.filter(pk=request.pk), czj, "view").exists()


def test_inspection_scores_stay_between_0_and_100(make_project, supervisor, leader, xinba):
    from mingzhu.projects.models import Inspection

    inspection = Inspection.objects.create(title="测试观摩", date=D(2025, 5, 1), leader=leader)
    project = make_project()
    actions.score_project(inspection.pk, actor=leader, project=project.pk, score=88.5)
    actions.score_project(inspection.pk, actor=supervisor, project=project.pk, score=90)
    assert inspection.scores.get().score == Decimal(90)
    with pytest.raises(ValidationError):
        actions.score_project(inspection.pk, actor=leader, project=project.pk, score=101)
    with pytest.raises(PermissionDenied):
        actions.score_project(inspection.pk, actor=xinba, project=project.pk, score=50)


def test_an_inspection_scores_only_a_project_the_scorer_sees(make_project, unit):
    from mingzhu.projects.models import Inspection

    # May score inspections, and sees the projects of 三茅街道 only.
    scorer = scoped_user(
        "321182001000",
        ("unit_and_below", ("projects.add_inspectionscore", "projects.view_project")),
    )
    inspection = Inspection.objects.create(title="测试观摩", date=D(2025, 5, 1))
    own = make_project(town="321182001000")
    other = make_project(town="YZ-XINBA")
    actions.score_project(inspection.pk, actor=scorer, project=own.pk, score=80)
    with pytest.raises(Http404):
        actions.score_project(inspection.pk, actor=scorer, project=other.pk, score=80)
    assert list(inspection.scores.values_list("project_id", flat=True)) == [own.pk]


def test_only_the_projects_town_advances_and_rates(make_project, xinba, sanmao, supervisor, fgw):
    project = make_project(town="YZ-XINBA")
    assert actions.may_advance(xinba, project)
    assert not actions.may_advance(sanmao, project)  # another town's project
    energy = _raise(project, supervisor, kind="energy", unit="tce")
    assert actions.may_rate(xinba, energy)
    assert not actions.may_rate(sanmao, energy)  # not the project's side
    assert not actions.may_rate(fgw, energy)  # the handling department
