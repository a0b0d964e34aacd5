"""The queries of the common actions, pinned (benchmarks/task_actions.py measures them with
their processor time): no foreign key of an object in hand is looked up again, and an
action nested in another action's transaction (or a demo load) takes no savepoint, while
one called where its refusal may be caught still does."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mingzhu.core.actions import action_atomic, all_or_nothing
from mingzhu.tasks import actions
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import Task

from .conftest import FAR


def _run(func, *args, **kwargs):
    with CaptureQueriesContext(connection) as seen:
        result = func(*args, **kwargs)
    return result, [q["sql"] for q in seen.captured_queries]


def _savepoints(sql):
    return [s for s in sql if s.startswith("SAVEPOINT")]


def _numbered(sql):
    return "\n".join(f"{n:2d} {s[:160]}" for n, s in enumerate(sql, 1))


def test_create_looks_up_no_unit_it_holds(supervisor, unit):
    lead = unit("YZ-DEPT-FGW")
    # The first creation fills the process caches (the actor's access, content types).
    actions.create_task(actor=supervisor, title="预热", lead_unit=lead, deadline=FAR)
    task, sql = _run(
        actions.create_task, actor=supervisor, title="查询计数", lead_unit=lead, deadline=FAR
    )
    # SAVEPOINT (the action: the test's transaction may catch its refusal), the highest
    # code, SAVEPOINT / insert / audit entry / RELEASE (the code, retried on a clash),
    # the scope check, the creation event, RELEASE. Neither the lead unit nor the issuing
    # unit (both in hand) is looked up, nor is the progress bound asked of the database.
    assert len(sql) == 9, _numbered(sql)
    assert not [s for s in sql if '"org_orgunit"' in s and "SELECT 1" in s], _numbered(sql)
    assert len(_savepoints(sql)) == 2
    assert task.status == Status.DRAFT


@pytest.mark.parametrize(
    ("status", "action", "actor", "expected"),
    [
        # SAVEPOINT, lock, the audit's read of the row as it was, audit entry, update,
        # event, recipients, notifications, channels, RELEASE.
        (Status.ASSIGNED, "accept", "fgw", 10),
        (Status.CLOSURE_REQUESTED, "verify", "supervisor", 10),
        # The same less the recipients, notifications and channels: nobody is told.
        (Status.ACCEPTED, "report_progress", "fgw", 7),
    ],
)
def test_the_common_actions(make_task, request, status, action, actor, expected):
    first, task = make_task(status), make_task(status)
    person = request.getfixturevalue(actor)
    kwargs = {"progress": 40} if action == "report_progress" else {}
    getattr(actions, action)(first.pk, actor=person, **kwargs)  # fills the process caches
    _done, sql = _run(getattr(actions, action), task.pk, actor=person, **kwargs)
    assert len(sql) == expected, _numbered(sql)
    assert len(_savepoints(sql)) == 1  # its own: the test may catch its refusal


def test_nested_in_an_action_no_savepoint_of_its_own(make_task, fgw):
    task = make_task(Status.ASSIGNED)

    def module_action():
        with action_atomic():
            actions.accept(task.pk, actor=fgw)
            return actions.report_progress(task.pk, actor=fgw, progress=30)

    done, sql = _run(module_action)
    assert len(_savepoints(sql)) == 1, _numbered(sql)  # the outer action's alone
    assert done.status == Status.IN_PROGRESS


def test_a_refusal_inside_all_or_nothing_undoes_the_whole(make_task, supervisor, fgw):
    task = make_task(Status.ASSIGNED)
    with pytest.raises(PermissionDenied), transaction.atomic(), all_or_nothing():
        actions.accept(task.pk, actor=fgw)
        actions.verify(task.pk, actor=fgw)  # not the issuing side
    # The accept went with the block (its savepoint is the test's, not the action's).
    assert Task.objects.get(pk=task.pk).status == Status.ASSIGNED


def test_a_refusal_caught_by_the_caller_leaves_its_transaction_usable(make_task, supervisor):
    task = make_task(Status.ASSIGNED)
    with pytest.raises(PermissionDenied):
        actions.accept(task.pk, actor=supervisor)  # the issuing side may not accept
    # The test's transaction goes on: the action rolled back to its own savepoint.
    assert Task.objects.get(pk=task.pk).status == Status.ASSIGNED


def test_a_key_given_as_a_bare_id_is_still_looked_up(supervisor, unit):
    task = Task(
        title="无此人",
        issuer=supervisor.unit,
        lead_unit=unit("YZ-DEPT-FGW"),
        assignee_id=999_999,
        deadline=FAR,
        code="X-1",
    )
    with pytest.raises(ValidationError) as refused:
        task.full_clean()
    assert "999999" in " ".join(refused.value.message_dict["assignee"])
    assert set(refused.value.message_dict) == {"assignee"}


def test_the_progress_bound_keeps_its_messages(supervisor, unit):
    task = Task(title="超过", issuer=supervisor.unit, lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR)
    task.progress = 101
    with pytest.raises(ValidationError) as refused:
        task.full_clean(exclude=["code"])
    assert list(refused.value.message_dict) == ["progress"]  # the field's own validator
    # The constraint, checked alone (as a form checks it after its fields), in Python.
    with CaptureQueriesContext(connection) as seen, pytest.raises(ValidationError) as refused:
        task.validate_constraints(exclude={"code"})
    assert refused.value.message_dict == {NON_FIELD_ERRORS: ["Progress must be between 0 and 100."]}
    assert not seen.captured_queries
    task.progress = 100
    task.full_clean(exclude=["code"])


def _open_and_assign(supervisor, lead, co_units=()):
    with action_atomic():
        task = actions.create_task(
            actor=supervisor, title="开单", lead_unit=lead, deadline=FAR, co_units=co_units
        )
        return actions.assign_new(task, actor=supervisor)


def test_a_new_task_without_co_units_is_assigned_without_reading_them(supervisor, unit):
    lead = unit("YZ-DEPT-FGW")
    _open_and_assign(supervisor, lead)  # fills the process caches
    task, sql = _run(_open_and_assign, supervisor, lead)
    link = Task.co_units.through._meta.db_table
    assert not [s for s in sql if f'"{link}"' in s and s.startswith("SELECT")], _numbered(sql)
    assert task.status == Status.ASSIGNED
    # Its lead unit's people were told, as before.
    from mingzhu.tasks.models import Notification

    assert Notification.objects.filter(task=task).exists()


def test_a_new_task_with_co_units_tells_their_people(supervisor, unit):
    from mingzhu.tasks.models import Notification

    lead, co = unit("YZ-DEPT-FGW"), unit("YZ-DEPT-CZJ")
    task = _open_and_assign(supervisor, lead, co_units=[co])
    told = set(
        Notification.objects.filter(task=task).values_list("recipient__unit__path", flat=True)
    )
    assert any(path.startswith(co.path) for path in told), told
    # The set was changed through the task: what it holds is read again.
    task.co_units.add(unit("YZ-DEPT-FGW"))
    assert {u.pk for u in task.co_units.all()} == {co.pk, lead.pk}


def test_the_kept_lock_query_still_refuses_an_actor_outside_the_scope(make_task, fgw, unit):
    from django.http import Http404

    from mingzhu.org.models import User

    mine, other = make_task(Status.ASSIGNED), make_task(Status.ASSIGNED)
    actions.accept(mine.pk, actor=fgw)  # the query kept for fgw's scope
    outsider = User.objects.filter(
        unit__code="YZ-DEPT-CZJ", is_active=True, roles__permissions__codename="view_task"
    ).first()
    assert outsider is not None
    with pytest.raises(Http404):
        actions.accept(other.pk, actor=outsider)
    assert Task.objects.get(pk=other.pk).status == Status.ASSIGNED


@pytest.mark.parametrize("sides", [("handling", "co"), ("issuing",), ("handling",), ("co",)])
def test_the_kept_recipients_query_answers_as_the_query_built_for_the_task(
    supervisor, fgw, unit, sides
):
    from mingzhu.core import prepared

    lead, co = unit("YZ-DEPT-FGW"), unit("YZ-DEPT-CZJ")
    with_co = actions.create_task(
        actor=supervisor, title="协办", lead_unit=lead, deadline=FAR, co_units=[co]
    )
    plain = actions.create_task(actor=supervisor, title="无协办", lead_unit=lead, deadline=FAR)
    assigned = actions.create_task(
        actor=supervisor, title="有经办人", lead_unit=lead, deadline=FAR, assignee=fgw
    )
    prepared._KEPT.clear()
    for task in (with_co, plain, assigned, with_co, plain, assigned):  # built, then kept
        task = Task.objects.get(pk=task.pk)
        co_units = list(task.co_units.all())
        expected = set(
            actions._recipients_query(
                handling="handling" in sides,
                issuing="issuing" in sides,
                assignee=task.assignee_id if "handling" in sides else None,
                lead_path=task.lead_unit.path,
                issuer_path=task.issuer.path,
                co_paths=[u.path for u in co_units] if "co" in sides else [],
            ).values_list("pk", flat=True)
        )
        assert actions._recipients(task, sides, co_units) == expected
        if "handling" in sides:
            assert expected  # the lead unit has people who handle tasks
