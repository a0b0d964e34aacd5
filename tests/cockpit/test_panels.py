"""The task and grid panels: scoped like every page, computed by the engine's rules, and
saying so when the module has no data."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from mingzhu.cockpit.builtin import grid_panel, most_overdue, quarter_start, tasks_panel
from mingzhu.core.scope import count_by_in_parts
from mingzhu.grid.models import GridEvent
from mingzhu.tasks.choices import ACTIVE
from mingzhu.tasks.models import SupervisionSheet, Task

from .test_as_of import expected_lights as lights_from_events

AS_OF_DAYS = [dt.date(2025, 11, 20), dt.date(2026, 3, 31)]


def expected_lights(user, as_of):
    """The lights of the user's tasks, task by task through the engine's own rule: today
    from their rows, on a past day from their events (test_as_of)."""
    if as_of < timezone.localdate():
        return lights_from_events(user, as_of)
    tasks = Task.objects.restrict(user, "view")
    return Counter(t.light_on(as_of) for t in tasks if t.status in ACTIVE)


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", ["leader", "sanmao", "xinba", "fgw"])
def test_it_counts_only_the_tasks_in_scope(request, persona):
    user = request.getfixturevalue(persona)
    for as_of in [timezone.localdate(), *AS_OF_DAYS]:
        panel = tasks_panel(user, as_of)
        if panel.empty:
            assert not expected_lights(user, as_of)
            continue
        context = panel.context
        lights = {str(light): n for light, _label, n in context["lights"]}
        assert lights == {k: expected_lights(user, as_of)[k] for k in ("red", "yellow", "green")}
        assert context["open"] == sum(lights.values())
        assert context["overdue"] == lights["red"]


def test_it_shows_sanmao_fewer_tasks_than_the_leader(sanmao, leader):
    today = timezone.localdate()
    town = tasks_panel(sanmao, today).context["open"]
    city = tasks_panel(leader, today).context["open"]
    in_town = Task.objects.restrict(sanmao, "view").filter(status__in=ACTIVE).count()
    assert town == in_town < city


def test_it_ranks_the_units_by_overdue_tasks(leader):
    as_of = timezone.localdate() + dt.timedelta(days=400)  # everything open is overdue
    context = tasks_panel(leader, as_of).context
    overdue = Counter(
        t.lead_unit.name for t in Task.objects.filter(status__in=ACTIVE).select_related("lead_unit")
    )
    rows = context["top_units"]
    assert len(rows) == min(5, len(overdue))
    assert [r["overdue"] for r in rows] == sorted(overdue.values(), reverse=True)[: len(rows)]
    assert all(overdue[r["name"]] == r["overdue"] for r in rows)


def test_it_counts_the_sheets_of_the_quarter(supervisor, sanmao):
    today = timezone.localdate()
    for user in (supervisor, sanmao):
        sheets = SupervisionSheet.objects.restrict(user, "view").filter(
            issued_on__gte=quarter_start(today), issued_on__lte=today
        )
        by_level = Counter(sheets.values_list("level", flat=True))
        context = tasks_panel(user, today).context
        assert {str(level): n for level, _label, n in context["sheets"]} == {
            k: by_level[k] for k in ("blue", "yellow", "red")
        }


def test_it_leaves_the_sheets_out_for_those_who_may_not_read_them(grid_worker, make_lead):
    # A grid worker reads tasks (in their grids) but not supervision sheets.
    make_lead(grid_worker)
    assert tasks_panel(grid_worker, timezone.localdate()).context["sheets"] is None


def test_it_starts_quarters():
    assert quarter_start(dt.date(2026, 11, 23)) == dt.date(2026, 10, 1)
    assert quarter_start(dt.date(2026, 3, 31)) == dt.date(2026, 1, 1)
    assert quarter_start(dt.date(2026, 4, 1)) == dt.date(2026, 4, 1)


def test_it_offers_no_panel_without_the_permission(outsider, administrator, enterprise_user):
    today = timezone.localdate()
    for user in (outsider, administrator):
        assert tasks_panel(user, today) is None
        assert grid_panel(user, today) is None
    assert grid_panel(enterprise_user, today) is None


def _delete_all_tasks(wipe):
    wipe(Task)
    assert not Task.objects.exists() and not GridEvent.objects.exists()


def test_it_says_when_there_are_no_tasks(as_user, only_our_panels, leader, wipe):
    _delete_all_tasks(wipe)
    panel = tasks_panel(leader, timezone.localdate())
    assert panel.empty and panel.empty_message
    content = as_user(leader).get("/").content.decode()
    assert "panel-empty" in content and panel.empty_message in content
    assert 'id="tasks-chart-data"' not in content


def test_it_says_when_a_scope_has_no_tasks(fgw, wipe):
    wipe(Task)
    panel = tasks_panel(fgw, timezone.localdate())
    assert panel.empty and panel.empty_message


def test_it_shows_no_empty_lights_to_those_who_only_follow_tasks(
    enterprise_user, grid_worker, make_lead
):
    """An enterprise or a grid worker leads no task of the city: without tasks in their
    scope the panel is left out, not an empty box; with some (in a grid worker's grid)
    it shows them."""
    today = timezone.localdate()
    for user in (enterprise_user, grid_worker):
        assert not Task.objects.restrict(user, "view").exists()
        assert tasks_panel(user, today) is None
    make_lead(grid_worker)
    assert not tasks_panel(grid_worker, today).empty


def test_it_says_when_there_are_no_grid_events(leader, wipe):
    today = timezone.localdate()
    before_all = grid_panel(leader, dt.date(2000, 1, 15))  # no event had been reported
    assert before_all.empty
    first = GridEvent.objects.restrict(leader, "view").first()
    GridEvent.objects.filter(pk=first.pk).update(
        reported_at=timezone.make_aware(dt.datetime(2000, 1, 10, 9))
    )
    quiet = grid_panel(leader, dt.date(2000, 2, 15))  # one event before, none that month
    assert quiet.empty and quiet.empty_message != before_all.empty_message
    _delete_all_tasks(wipe)
    nothing = grid_panel(leader, today)
    assert nothing.empty and nothing.empty_message == before_all.empty_message


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", ["leader", "sanmao", "xinba", "grid_worker"])
def test_it_counts_the_grid_events_of_the_month_in_scope(request, persona):
    user = request.getfixturevalue(persona)
    today = timezone.localdate()
    events = GridEvent.objects.restrict(user, "view").select_related("task")
    expected = Counter(
        e.status
        for e in events
        if today.replace(day=1) <= timezone.localdate(e.reported_at) <= today
    )
    panel = grid_panel(user, today)
    if not expected:
        assert panel.empty
        return
    statuses = {str(s): n for s, _label, n in panel.context["statuses"]}
    assert statuses == dict(expected)
    assert panel.context["reported"] == sum(expected.values())


def test_it_rates_on_time_closure_like_the_grid_metrics(as_user, supervisor):
    today = timezone.localdate()
    start = today.replace(day=1)
    panel = grid_panel(supervisor, today)
    if panel.empty:
        pytest.skip("the demo has no grid events this month")
    page = as_user(supervisor).get(f"/grid/metrics/?from={start}&to={today}")
    units = page.context["units"]
    due = sum(r["due"] for r in units)
    deferred = sum(r["deferred"] for r in units)
    on_time = sum(r["closed_on_time"] for r in units)
    assert panel.context["due"] == due
    expected = round(on_time / (due - deferred), 4) if due - deferred else None
    assert panel.context["on_time_rate"] == expected


def test_it_counts_a_towns_sheets_once_whether_it_leads_or_issued_the_task(
    sanmao, supervisor, unit, django_assert_num_queries
):
    """A town reads the sheets of the tasks it leads or issued: counted in two disjoint
    parts (core.scope.count_by_in_parts) in one query, a task it both leads and issued
    once."""
    today = timezone.localdate()
    town, fgw = sanmao.unit, unit("YZ-DEPT-FGW")
    village = town.children.first()
    cases = [  # (lead unit, issuer, level): led in town; issued by it; both; neither
        (village, supervisor.unit, "blue"),
        (fgw, town, "yellow"),
        (town, town, "red"),
        (fgw, supervisor.unit, "red"),
    ]
    before = Counter(
        SupervisionSheet.objects.restrict(sanmao, "view")
        .filter(issued_on__gte=quarter_start(today), issued_on__lte=today)
        .values_list("level", flat=True)
    )
    for i, (lead, issuer, level) in enumerate(cases):
        task = Task(
            code=f"SHEET-{i}",
            title="督办",
            issuer=issuer,
            lead_unit=lead,
            deadline=today - dt.timedelta(days=3),
            status="in_progress",
        )
        task.save()
        SupervisionSheet.objects.create(task=task, level=level, issued_on=today, unit=lead)
    sheets = SupervisionSheet.objects.restrict(sanmao, "view").filter(
        issued_on__gte=quarter_start(today), issued_on__lte=today
    )
    expected = Counter(sheets.values_list("level", flat=True))
    assert expected - before == Counter({"blue": 1, "yellow": 1, "red": 1})
    # The ids of the units in scope are read once per user (and may be kept from an
    # earlier request in this process): read them first, then count the two parts, led in
    # scope; issued in scope and not led there, in one query.
    count_by_in_parts(sheets, "level")
    with django_assert_num_queries(1) as captured:
        counted = count_by_in_parts(sheets, "level")
    assert "UNION ALL" in captured.captured_queries[0]["sql"]
    assert counted == dict(expected)
    context = tasks_panel(sanmao, today).context
    assert {str(level): n for level, _label, n in context["sheets"]} == {
        k: expected[k] for k in ("blue", "yellow", "red")
    }


def test_it_breaks_ties_among_the_most_overdue_units_by_name(unit, django_assert_num_queries):
    """Units tied with the fifth are all candidates; the names decide, in one query."""
    codes = ["YZ-DEPT-FGW", "YZ-DEPT-CZJ", "YZ-DEPT-MZJ", "YZ-XINBA", "YZ-DEPT-ZJJ"]
    units = [unit(code) for code in [*codes, "YZ-XINGLONG", "YZ-DEPT-GXJ"]]
    reds = [9, 4, 4, 4, 4, 4, 4]  # six units tied for places two to five
    by_unit = {u.pk: {"red": n, "yellow": 0, "green": 1} for u, n in zip(units, reds, strict=True)}
    by_unit[None] = {"red": 7, "yellow": 0, "green": 0}  # a task without a lead unit
    with django_assert_num_queries(1):
        rows = most_overdue(by_unit)
    tied = sorted(u.name for u in units[1:])
    assert rows == [{"name": units[0].name, "overdue": 9}] + [
        {"name": name, "overdue": 4} for name in tied[:4]
    ]
    assert most_overdue({units[0].pk: {"red": 0, "yellow": 1, "green": 0}}) == []


def test_it_lights_a_task_a_town_leads_issued_and_helps_once(sanmao, supervisor, unit):
    """A town's scope is counted in its parts (lead unit, issuer, co-unit): a task that
    is in several of them is lit once, under its lead unit."""
    today = timezone.localdate()
    town, fgw = sanmao.unit, unit("YZ-DEPT-FGW")
    before = tasks_panel(sanmao, today).context
    cases = [(town, town, [town]), (fgw, town, [town]), (fgw, supervisor.unit, [town])]
    for i, (lead, issuer, co_units) in enumerate(cases):
        task = Task.objects.create(
            code=f"PARTS-{i}",
            title="分部计数",
            issuer=issuer,
            lead_unit=lead,
            deadline=today - dt.timedelta(days=1),
            status="in_progress",
        )
        task.co_units.set(co_units)
    after = tasks_panel(sanmao, today).context
    assert after["overdue"] == before["overdue"] + 3
    assert after["open"] == before["open"] + 3
    assert (
        Counter(
            t.light_on(today) for t in Task.objects.restrict(sanmao, "view") if t.status in ACTIVE
        )["red"]
        == after["overdue"]
    )
