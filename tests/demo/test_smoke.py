"""The whole demo, loaded as a demo server loads it (these tests run on the demo level,
tests/conftest.py): its tree, its people, its tasks in every state, and the personas
seeing what README.md's table of demo users says. Each app's own demo data is checked by
its test_demo module; `mingzhu demo` running again by tests/core/test_demo_command.py."""

import re
from pathlib import Path

from django.db.models import Count

from mingzhu.grid.models import GridEvent
from mingzhu.org.models import OrgUnit, User
from mingzhu.org.personas import PERSONAS
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import Task

README = Path(__file__).resolve().parents[2] / "README.md"


def _documented_users() -> list[str]:
    section = README.read_text().split("\n## Demo users\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z]+)` \|", section, re.MULTILINE)


def test_readme_lists_every_persona_and_only_them(db):
    assert sorted(_documented_users()) == sorted(p.username for p in PERSONAS)
    personas = User.objects.filter(username__in=_documented_users())
    assert personas.count() == len(PERSONAS)
    assert all(user.is_demo for user in personas)


def test_it_holds_the_tree_with_the_apps_units_below_it(db):
    kinds = dict(OrgUnit.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    assert kinds["city"] == 1
    assert kinds["town"] + kinds["street"] == 6
    assert kinds["village"] == 8
    assert kinds["peer"] == 4
    # docs/rural.md: 31 natural villages under the 8 demo villages, the rural demo's own.
    assert kinds["natural_village"] == 31
    assert OrgUnit.objects.filter(kind="natural_village", parent__kind="village").count() == 31
    # The apps' demos add people beside the personas (enterprise and village accounts …).
    assert User.objects.count() > len(PERSONAS)


def test_it_shows_tasks_in_every_state(db):
    states = set(Task.objects.values_list("status", flat=True).distinct())
    assert states == set(Status.values)
    # Most of a year's work is done: closed tasks outnumber open ones.
    assert (
        Task.objects.filter(status=Status.CLOSED).count()
        > Task.objects.exclude(status__in=(Status.CLOSED, Status.CANCELLED)).count()
    )


def _paths_under(code: str) -> str:
    return OrgUnit.objects.get(code=code).path


def test_the_city_personas_see_the_whole_city(leader, supervisor):
    for user in (leader, supervisor):
        assert Task.objects.restrict(user, "view").count() == Task.objects.count()
        assert GridEvent.objects.restrict(user, "view").count() == GridEvent.objects.count()
        assert OrgUnit.objects.restrict(user, "view").count() == OrgUnit.objects.count()


def test_town_staff_see_their_town_and_everything_below_it(sanmao, xinba):
    for user, code in ((sanmao, "321182001000"), (xinba, "YZ-XINBA")):
        path = _paths_under(code)
        units = OrgUnit.objects.restrict(user, "view")
        assert units.count() == OrgUnit.objects.filter(path__startswith=path).count()
        assert not units.exclude(path__startswith=path).exists()
        events = GridEvent.objects.restrict(user, "view").select_related("grid")
        assert events.exists()
        assert all(e.grid.path.startswith(path) for e in events)
        assert events.count() < GridEvent.objects.count()


def test_department_staff_see_the_tasks_of_their_department(fgw):
    path = fgw.unit.path
    visible = Task.objects.restrict(fgw, "view").select_related("lead_unit", "issuer")
    assert visible.exists()
    assert visible.count() < Task.objects.count()
    for task in visible.prefetch_related("co_units"):
        assert (
            task.lead_unit.path.startswith(path)
            or task.issuer.path.startswith(path)
            or any(u.path.startswith(path) for u in task.co_units.all())
        ), task.code


def test_the_grid_worker_sees_the_events_of_their_two_grids(grid_worker):
    grids = {"YZ-XINBA-V02-G01", "YZ-XINBA-V02-G02"}
    assert set(grid_worker.custom_units.values_list("code", flat=True)) == grids
    events = GridEvent.objects.restrict(grid_worker, "view").select_related("grid")
    assert events.exists()
    assert {e.grid.code for e in events} <= grids


def test_the_user_without_a_role_sees_no_business_data(outsider):
    assert not Task.objects.restrict(outsider, "view").exists()
    assert not GridEvent.objects.restrict(outsider, "view").exists()
    assert not OrgUnit.objects.restrict(outsider, "view").exists()
