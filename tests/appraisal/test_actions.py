import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from factories import scoped_user

from mingzhu.appraisal import actions
from mingzhu.appraisal.choices import DEPARTMENT_SCHEME, TOWN_SCHEME
from mingzhu.appraisal.models import AppraisalResult, FlagAward, Scheme
from mingzhu.core.actions import ActionConflict, ActionError

# Long past, before the demo's data: only what a test creates is in these quarters (and
# they have ended, so they may be published).
Y = 2011
LAST_TOWN = "YZ-YOUFANG"  # all others at zero: the largest unit code comes last


def _compute(actor, quarter, code=TOWN_SCHEME):
    return actions.compute_result(actor=actor, scheme_code=code, year=Y, quarter=quarter)


def test_it_ranks_the_towns_from_the_project_records(supervisor, signed):
    signed("YZ-XINBA", dt.date(Y, 2, 10), 350_000)
    signed("YZ-BAQIAO", dt.date(Y, 3, 31), 20_000)
    signed("YZ-BAQIAO", dt.date(Y, 4, 1), 900_000)  # next quarter
    result = _compute(supervisor, 1)
    rows = list(result.rows.select_related("unit").order_by("rank"))
    assert [r.unit.code for r in rows[:2]] == ["YZ-XINBA", "YZ-BAQIAO"]
    top = rows[0]
    assert top.items["signed_investment"] == 35.0
    assert top.flag == "red" and top.bonus == 3
    assert rows[-1].flag == "yellow" and rows[-1].unit.code == LAST_TOWN
    assert len(rows) == 8 and result.status == "draft" and result.scheme.version == 1


def test_only_the_supervision_office_computes_and_publishes(leader, sanmao, supervisor):
    for persona in (leader, sanmao):
        with pytest.raises(PermissionDenied):
            _compute(persona, 1)
    result = _compute(supervisor, 1)
    for persona in (leader, sanmao):
        with pytest.raises((PermissionDenied, Exception)) as info:
            actions.publish_result(result.pk, actor=persona)
        assert info.type is PermissionDenied
    actions.publish_result(result.pk, actor=supervisor)
    result.refresh_from_db()
    assert result.status == "published" and result.published_by == supervisor


def test_a_published_quarter_is_frozen(supervisor, signed):
    result = _compute(supervisor, 2)
    actions.publish_result(result.pk, actor=supervisor)
    with pytest.raises(ActionConflict):
        actions.publish_result(result.pk, actor=supervisor)
    signed("YZ-XINBA", dt.date(Y, 5, 1), 350_000)
    with pytest.raises(ActionError):
        _compute(supervisor, 2)
    assert AppraisalResult.objects.get(pk=result.pk).rows.filter(flag="red").get().unit.code != (
        "YZ-XINBA"
    )


def test_computing_again_replaces_the_draft(supervisor, signed):
    first = _compute(supervisor, 3)
    signed("YZ-YOUFANG", dt.date(Y, 8, 1), 60_000)
    again = _compute(supervisor, 3)
    assert again.pk == first.pk
    assert again.rows.get(flag="red").unit.code == "YZ-YOUFANG"
    assert again.rows.count() == 8


def test_flags_carry_their_runs(supervisor, signed):
    for q, month in ((1, 2), (2, 5), (3, 8)):
        signed("YZ-XINBA", dt.date(Y, month, 1), 50_000)
        actions.publish_result(_compute(supervisor, q).pk, actor=supervisor)
    red = {f.quarter: f for f in FlagAward.objects.filter(year=Y, colour="red")}
    yellow = {f.quarter: f for f in FlagAward.objects.filter(year=Y, colour="yellow")}
    assert [red[q].streak for q in (1, 2, 3)] == [1, 2, 3]
    assert red[3].kept_for_good and not red[2].kept_for_good
    assert [yellow[q].unit.code for q in (1, 2, 3)] == [LAST_TOWN] * 3
    assert not yellow[1].interview and yellow[2].interview


def test_a_new_scheme_version_leaves_past_results_alone(supervisor, signed):
    scheme = Scheme.objects.get(code=TOWN_SCHEME, version=1)
    old = _compute(supervisor, 4)
    actions.publish_result(old.pk, actor=supervisor)
    items = [
        {"code": i.code, "name": i.name, "weight": i.weight, "cap": i.cap}
        for i in scheme.items.all()
    ]
    items[0]["weight"] = 50
    new = actions.save_scheme_version(
        scheme.pk, actor=supervisor, name=scheme.name, items=items, rules=[], note="测试"
    )
    assert new.version == 2 and new.items.get(code="signed_investment").weight == 50
    assert new.rules.count() == 0
    old.refresh_from_db()
    assert old.scheme.version == 1
    signed("YZ-XINBA", dt.date(Y + 1, 2, 1), 20_000)
    later = actions.compute_result(actor=supervisor, scheme_code=TOWN_SCHEME, year=Y + 1, quarter=1)
    assert later.scheme == new
    assert float(later.rows.get(flag="red").score) == pytest.approx(50 + 15)


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"code": "a", "name": "A", "weight": 1}, {"code": "a", "name": "B", "weight": 1}],
        [{"code": "a", "name": "A", "weight": -1}],
        [{"code": "a", "name": "", "weight": 1}],
    ],
)
def test_it_refuses_a_broken_scheme(supervisor, items):
    scheme = Scheme.objects.get(code=DEPARTMENT_SCHEME, version=1)
    with pytest.raises(ValidationError):
        actions.save_scheme_version(scheme.pk, actor=supervisor, name="x", items=items)
    assert Scheme.objects.filter(code=DEPARTMENT_SCHEME).count() == 1


def test_only_the_supervision_office_edits_schemes(sanmao, leader):
    scheme = Scheme.objects.get(code=DEPARTMENT_SCHEME, version=1)
    for persona in (sanmao, leader):
        with pytest.raises(PermissionDenied):
            actions.save_scheme_version(
                scheme.pk, actor=persona, name="x", items=[{"code": "a", "name": "a", "weight": 1}]
            )


def test_the_department_assessment_reads_factor_request_tasks(supervisor, unit):
    from mingzhu.projects import actions as project_actions
    from mingzhu.projects.models import Project
    from mingzhu.tasks import actions as task_actions
    from mingzhu.tasks.models import Task

    project = Project.objects.filter(town__code="YZ-XINBA", is_illustrative=True).first()
    at = dt.datetime(Y, 1, 5, 9, tzinfo=dt.UTC)
    request = project_actions.raise_factor_request(
        project.pk,
        actor=supervisor,
        kind="energy",
        quantity=100,
        unit="tce",
        needed_by=dt.date(Y, 3, 1),
        at=at,
    )
    task = Task.objects.get(pk=request.task_id)
    assert task.lead_unit.code == "YZ-DEPT-FGW"
    from mingzhu.org.models import User

    fgw = User.objects.get(username="fgw")
    task_actions.accept(task.pk, actor=fgw, at=at + dt.timedelta(hours=2))
    task_actions.request_closure(task.pk, actor=fgw, result="done", at=at + dt.timedelta(days=2))
    task_actions.verify(task.pk, actor=supervisor, at=at + dt.timedelta(days=3))
    project_actions.rate_factor_request(
        request.pk, actor=supervisor, satisfaction="unsatisfied", at=at + dt.timedelta(days=4)
    )
    result = _compute(supervisor, 1, DEPARTMENT_SCHEME)
    row = result.rows.get(unit__code="YZ-DEPT-FGW")
    assert row.items == {
        "on_time_rate": 1.0,
        "satisfaction_rate": 0.0,
        "acceptance_rate": 1.0,
        "rework_rate": 0.0,
    }
    assert float(row.score) == pytest.approx(40 + 0 + 15 + 15)
    assert not result.rows.exclude(flag="").exists()


def test_a_result_outside_the_publishers_scope_is_not_found(supervisor):
    result = _compute(supervisor, 3)  # issued by the supervision office
    # May publish, but sees only the results issued within 三茅街道.
    town_publisher = scoped_user(
        "321182001000",
        (
            "unit_and_below",
            ("appraisal.publish_appraisalresult", "appraisal.view_appraisalresult"),
        ),
    )
    with pytest.raises(Http404):
        actions.publish_result(result.pk, actor=town_publisher)
    result.refresh_from_db()
    assert result.status == "draft" and result.published_by is None
