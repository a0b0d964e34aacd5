import datetime as dt
import importlib
import io
import json
import random

import pytest
from django.core.management import CommandError, call_command

from mingzhu.tasks import actions, services
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import SupervisionSheet, Task

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def supervise(day: str) -> dict:
    out = io.StringIO()
    call_command("supervise", "--as-of", day, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_issues_sheets_once(make_task):
    task = make_task(Status.ACCEPTED, deadline=dt.date(2030, 6, 28))
    first = supervise("2030-07-01")
    assert set(first) == {
        "blue",
        "yellow",
        "red",
        "created",
        "notified",
        "lights_recorded",
        "lights_recorded_again",
    }
    assert first["lights_recorded"] is None  # the day before 2030-07-01 is not past yet
    assert first["created"] >= 1 and first["red"] >= 1
    assert task.sheets.get().level == "red"
    again = supervise("2030-07-01")
    assert again["created"] == 0
    assert {k: again[k] for k in ("blue", "yellow", "red")} == {
        k: first[k] for k in ("blue", "yellow", "red")
    }
    assert task.sheets.count() == 1


def test_it_escalates_blue_then_red(make_task, fgw):
    task = make_task(Status.ACCEPTED, deadline=dt.date(2030, 7, 3))
    actions.report_progress(task, actor=fgw, progress=95)
    supervise("2030-07-01")  # two working days left, on schedule: blue
    supervise("2030-07-04")  # overdue: red
    assert sorted(task.sheets.values_list("level", flat=True)) == ["blue", "red"]
    red = SupervisionSheet.objects.filter(task=task, level="red").get()
    assert red.unit == red.lead_unit == task.lead_unit and red.issuer == task.issuer


def test_the_migration_copies_each_sheets_task_units(make_task, unit):
    """tasks.0020 fills the copies of the sheets already issued from their tasks."""
    from django.apps import apps

    migration = importlib.import_module("mingzhu.tasks.migrations.0020_sheet_scope_copies")
    task = make_task(Status.ACCEPTED, deadline=dt.date(2030, 6, 28))
    supervise("2030-07-01")
    other = unit("YZ-XINBA")
    SupervisionSheet.objects.filter(task=task).update(lead_unit=other, issuer=other)
    migration.copy_from_tasks(apps, None)
    assert set(task.sheets.values_list("lead_unit", "issuer")) == {
        (task.lead_unit_id, task.issuer_id)
    }


def test_it_leaves_closed_tasks_alone(make_task):
    task = make_task(Status.CLOSED, deadline=dt.date(2030, 6, 28))
    supervise("2030-07-01")
    assert not task.sheets.exists()


def test_it_prints_a_summary_without_json(db):
    out = io.StringIO()
    call_command("supervise", "--as-of", "2030-07-01", stdout=out)
    assert "new supervision sheets" in out.getvalue()


def test_it_refuses_a_bad_date(db):
    with pytest.raises(CommandError):
        call_command("supervise", "--as-of", "2030-13-01")


def test_it_issues_the_sheets_the_rules_say_task_by_task(supervisor, unit):
    rng = random.Random(5)
    for i in range(80):
        deadline = dt.date(2025, 9, 20) + dt.timedelta(days=rng.randrange(0, 30))
        Task.objects.create(
            title=f"督办 {i}",
            issuer=supervisor.unit,
            lead_unit=unit("YZ-DEPT-FGW"),
            status=rng.choice(list(Status)),
            deadline=deadline,
            progress=rng.randrange(0, 101, 5),
            assigned_on=deadline - dt.timedelta(days=rng.randrange(-3, 40)),
        )
    SupervisionSheet.objects.all().delete()
    issued_before: set[tuple[int, str]] = set()
    for as_of in (dt.date(2025, 9, 28), dt.date(2025, 10, 9)):  # make-up day, after holiday
        counts = supervise(as_of.isoformat())
        levels = {
            t.pk: services.sheet_level(
                status=t.status,
                deadline=t.deadline,
                progress=t.progress,
                start=t.start_on,
                as_of=as_of,
            )
            for t in Task.objects.all()
        }
        for level in ("blue", "yellow", "red"):
            assert counts[level] == sum(lv == level for lv in levels.values())
        earned = {(pk, lv) for pk, lv in levels.items() if lv}
        issued = set(SupervisionSheet.objects.values_list("task_id", "level"))
        assert issued == earned | issued_before
        assert counts["created"] == len(earned - issued_before)
        issued_before = issued
        assert supervise(as_of.isoformat())["created"] == 0
