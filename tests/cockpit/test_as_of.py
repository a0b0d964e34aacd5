"""The cockpit as of a past day: every panel counts what existed at the end of that day, in
the state it had then; what happened after it does not show."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.appraisal.cockpit import flags_panel
from mingzhu.appraisal.models import FlagAward
from mingzhu.civility.models import Application, ApplicationEvent
from mingzhu.cockpit.builtin import grid_panel, tasks_panel
from mingzhu.core.periods import last_ended_quarter, quarter_bounds
from mingzhu.enterprises.models import DemandRating, MuEvaluation
from mingzhu.grid import actions as grid_actions
from mingzhu.grid.choices import EventStatus
from mingzhu.grid.models import EventCategory, GridEvent
from mingzhu.projects.choices import STAGE_ORDER, Stage
from mingzhu.projects.cockpit import projects_panel
from mingzhu.projects.models import Project, StageChange
from mingzhu.risks.cockpit import debt_panel, hazards_panel
from mingzhu.risks.debt.models import CashPosition, DebtInstrument, FiscalYear
from mingzhu.risks.models import Hazard
from mingzhu.rural.models import Facility, FacilityFault, VillageInspection
from mingzhu.tasks import actions, history, services
from mingzhu.tasks.choices import ACTIVE, DeadlineBasis, EventAction, Status
from mingzhu.tasks.models import Task, TaskEvent

LONG_AGO = dt.date(2024, 6, 30)  # before anything of the demo happened


def past_day() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=40)


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def panel_bodies(client, day: dt.date) -> dict[str, str]:
    response = client.get("/", {"as_of": day.isoformat()})
    assert response.status_code == 200
    return {panel.key: body or panel.empty_message for panel, body in response.context["panels"]}


def then(task: Task, events: list[TaskEvent], day: dt.date):
    """The task's (status, deadline, progress) at the end of ``day``, from its events in
    Python: the rule tasks.history says in SQL, written out independently."""
    until = history.day_ends(day)
    if not events:
        if task.created_at >= until:
            return None
        return task.status, task.deadline, task.progress
    before = [e for e in events if e.at < until]
    if not before:
        return None
    approvals = [e for e in events if e.action == EventAction.APPROVE_EXTENSION]
    deadline = task.deadline
    if any(e.at >= until for e in approvals):
        granted = [e for e in approvals if e.at < until]
        if not granted:
            deadline = task.original_deadline or task.deadline
        else:
            requests = [
                e
                for e in events
                if e.action == EventAction.REQUEST_EXTENSION and e.at <= granted[-1].at
            ]
            deadline = dt.date.fromisoformat(requests[-1].comment[:10])
    return before[-1].to_status, deadline, before[-1].progress


def expected_lights(user, day: dt.date) -> Counter:
    tasks = Task.objects.restrict(user, "view").prefetch_related("events")
    lights = Counter()
    for task in tasks:
        state = then(task, list(task.events.all()), day)
        if state is None:
            continue
        status, deadline, progress = state
        light = services.light(
            status=status, deadline=deadline, progress=progress, start=task.start_on, as_of=day
        )
        if light:
            lights[light] += 1
    return lights


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", ["leader", "sanmao"])
def test_the_lights_of_a_past_day_follow_the_events(request, persona):
    user = request.getfixturevalue(persona)
    for day in (past_day(), timezone.localdate() - dt.timedelta(days=150), LONG_AGO):
        panel = tasks_panel(user, day)
        expected = expected_lights(user, day)
        if panel.empty:
            assert not expected
            continue
        lights = {str(light): n for light, _label, n in panel.context["lights"]}
        assert lights == {k: expected[k] for k in ("red", "yellow", "green")}


@pytest.fixture
def task_on(supervisor, fgw, unit):
    """task_on(day, deadline) -> a task created, assigned and accepted on ``day``."""

    def make(day: dt.date, deadline: dt.date) -> Task:
        at = moment(day)
        task = actions.create_task(
            actor=supervisor,
            at=at,
            title="截至测试",
            lead_unit=unit("YZ-DEPT-FGW"),
            deadline=deadline,
        )
        actions.assign(task, actor=supervisor, at=at)
        actions.accept(task, actor=fgw, at=at)
        return Task.objects.get(pk=task.pk)

    return make


def lights_of(user, day):
    return {str(light): n for light, _label, n in tasks_panel(user, day).context["lights"]}


def test_a_task_closed_after_the_day_is_open_on_it(leader, supervisor, fgw, task_on):
    day = past_day()
    before = lights_of(leader, day)
    task = task_on(day - dt.timedelta(days=10), day + dt.timedelta(days=100))
    assert lights_of(leader, day) == {**before, "green": before["green"] + 1}
    today_open = tasks_panel(leader, timezone.localdate()).context["open"]
    actions.request_closure(task, actor=fgw, result="已完成")
    actions.verify(task, actor=supervisor)
    assert Task.objects.get(pk=task.pk).status == Status.CLOSED
    assert lights_of(leader, day) == {**before, "green": before["green"] + 1}
    assert tasks_panel(leader, timezone.localdate()).context["open"] == today_open - 1


def test_a_task_closed_by_the_day_is_not_lit_on_it(leader, supervisor, fgw, task_on):
    """A task closed now and closed on or before a day was closed on it: left out of that
    day's lights without reading its events (cockpit.builtin.active_on), lit the day
    before its closure."""
    day = past_day()
    before = lights_of(leader, day)
    earlier = lights_of(leader, day - dt.timedelta(days=5))
    for closed in (day - dt.timedelta(days=3), day):
        task = task_on(day - dt.timedelta(days=30), day + dt.timedelta(days=100))
        actions.request_closure(task, actor=fgw, result="已完成", at=moment(closed))
        actions.verify(task, actor=supervisor, at=moment(closed))
        assert Task.objects.get(pk=task.pk).closed_on == closed
    assert lights_of(leader, day) == before
    assert lights_of(leader, day - dt.timedelta(days=5)) == {
        **earlier,
        "green": earlier["green"] + 2,
    }


def test_a_task_created_after_the_day_does_not_exist_on_it(leader, task_on):
    day = past_day()
    before = tasks_panel(leader, day).context
    today_open = tasks_panel(leader, timezone.localdate()).context["open"]
    task_on(timezone.localdate(), timezone.localdate() + dt.timedelta(days=100))
    after = tasks_panel(leader, day).context
    assert after["lights"] == before["lights"] and after["top_units"] == before["top_units"]
    assert tasks_panel(leader, timezone.localdate()).context["open"] == today_open + 1


def test_an_extension_granted_after_the_day_leaves_the_old_deadline(
    leader, supervisor, fgw, task_on
):
    day = past_day()
    before = lights_of(leader, day)
    task = task_on(day - dt.timedelta(days=20), day - dt.timedelta(days=1))  # red on the day
    assert lights_of(leader, day)["red"] == before["red"] + 1
    later = timezone.localdate() + dt.timedelta(days=90)
    asked = moment(day - dt.timedelta(days=5))  # asked in time, granted after the day
    actions.request_extension(task, actor=fgw, new_deadline=later, comment="需要时间", at=asked)
    actions.approve_extension(task, actor=supervisor)
    assert Task.objects.get(pk=task.pk).deadline == later
    assert lights_of(leader, day)["red"] == before["red"] + 1
    state = (
        history.tasks_on(Task.objects.filter(pk=task.pk), day)
        .values(history.STATUS, history.DEADLINE)
        .get()
    )
    assert state == {
        history.STATUS: Status.ACCEPTED,
        history.DEADLINE: day - dt.timedelta(days=1),
    }


def test_two_extensions_read_the_deadline_granted_by_then(supervisor, fgw, task_on):
    start = timezone.localdate() - dt.timedelta(days=60)
    task = task_on(start, start + dt.timedelta(days=5))
    first, second = start + dt.timedelta(days=30), start + dt.timedelta(days=80)
    steps = ((first, start + dt.timedelta(days=2)), (second, start + dt.timedelta(days=25)))
    for asked, on in steps:
        actions.request_extension(
            task, actor=fgw, new_deadline=asked, comment="需要时间", at=moment(on, 9)
        )
        actions.approve_extension(task, actor=supervisor, at=moment(on + dt.timedelta(1), 15))

    def deadline_on(day):
        tasks = history.tasks_on(Task.objects.filter(pk=task.pk), day)
        return tasks.values_list(history.DEADLINE, flat=True).get()

    assert deadline_on(start + dt.timedelta(days=1)) == start + dt.timedelta(days=5)
    assert deadline_on(start + dt.timedelta(days=10)) == first
    assert deadline_on(start + dt.timedelta(days=25)) == first  # asked, not yet granted
    assert deadline_on(start + dt.timedelta(days=50)) == second
    assert deadline_on(timezone.localdate()) == second


def test_a_task_without_events_exists_from_its_creation(leader, supervisor, unit):
    day = past_day()
    task = Task.objects.create(
        code="NO-EVENTS-1",
        title="无事件",
        issuer=supervisor.unit,
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=day + dt.timedelta(days=100),
        status=Status.IN_PROGRESS,
    )
    assert not history.tasks_on(Task.objects.filter(pk=task.pk), day).exists()
    Task.objects.filter(pk=task.pk).update(created_at=moment(day - dt.timedelta(days=3)))
    assert (
        history.tasks_on(Task.objects.filter(pk=task.pk), day)
        .values_list(history.STATUS, flat=True)
        .get()
        == Status.IN_PROGRESS
    )


def test_long_ago_the_panels_say_there_was_no_data(as_user, leader):
    content = as_user(leader).get("/", {"as_of": LONG_AGO.isoformat()}).content.decode()
    panels = {
        p.key: p for p, _body in as_user(leader).get("/", {"as_of": "2024-06-30"}).context["panels"]
    }
    assert panels["tasks"].empty and panels["tasks"].empty_message in content
    assert panels["appraisal"].empty and "暂无" in panels["appraisal"].empty_message
    assert panels["projects"].empty and panels["risks"].empty
    # The debt of instruments started by then, with no cash and no fiscal year recorded:
    # unknown, not 0.0 in red.
    debt = panels["debt"]
    assert debt.context["year"] is None and debt.context["p"]["cash_coverage"] is None
    assert 'id="debt-no-year"' in content and 'id="debt-no-cash"' in content
    assert "尚未录入" in content


def test_the_flags_are_those_of_quarters_ended_by_then(leader):
    awards = FlagAward.objects.all()
    for day in (past_day(), dt.date(2026, 7, 15), dt.date(2026, 6, 30), LONG_AGO):
        year, quarter = last_ended_quarter(day)
        ended = [(a.year, a.quarter) for a in awards if quarter_bounds(a.year, a.quarter)[1] <= day]
        panel = flags_panel(leader, day)
        if not ended:
            assert panel.empty and panel.empty_message
            continue
        latest = max(ended)
        assert latest <= (year, quarter)
        assert panel.context["latest"]["label"] == f"{latest[0]}Q{latest[1]}"
        assert all((a.year, a.quarter) <= (year, quarter) for a in panel.context["kept"])


def test_it_finds_the_last_ended_quarter():
    assert last_ended_quarter(dt.date(2024, 6, 30)) == (2024, 2)
    assert last_ended_quarter(dt.date(2024, 6, 29)) == (2024, 1)
    assert last_ended_quarter(dt.date(2024, 1, 1)) == (2023, 4)
    assert last_ended_quarter(dt.date(2024, 12, 31)) == (2024, 4)


def test_the_debt_counts_only_what_had_started(leader):
    day = past_day()
    before = debt_panel(leader, day).context["p"]
    model = DebtInstrument.objects.order_by("pk").first()
    model.pk, model.code = None, "AS-OF-NEW"
    model.start = timezone.localdate()
    model.maturity = model.start + dt.timedelta(days=200)
    model.save()
    assert debt_panel(leader, day).context["p"] == before
    today = debt_panel(leader, timezone.localdate()).context["p"]
    assert today["outstanding"] > 0


def test_the_debt_says_when_no_cash_was_recorded(leader):
    day = past_day()
    first_cash = CashPosition.objects.order_by("month").values_list("month", flat=True).first()
    assert first_cash is not None
    early = first_cash - dt.timedelta(days=1)
    if not DebtInstrument.objects.filter(start__lte=early).exists():
        pytest.skip("the demo's instruments start with its cash records")
    panel = debt_panel(leader, early)
    assert panel.context["has_cash"] is False
    assert panel.context["p"]["cash_coverage"] is None
    assert panel.context["p"]["cash_coverage_warn"] is False
    assert debt_panel(leader, day).context["has_cash"] is True


def test_the_fiscal_year_is_the_latest_entered_by_then(leader):
    years = sorted(FiscalYear.objects.values_list("year", flat=True))
    assert years
    for year in years:
        panel = debt_panel(leader, dt.date(year, 6, 30))
        if panel.empty:
            continue
        assert panel.context["year"]["year"] == year
    later = debt_panel(leader, dt.date(years[-1] + 3, 6, 30))
    assert later.context["year"]["year"] == years[-1]


def test_the_projects_stand_at_the_stage_they_had_then(leader):
    day = past_day()
    projects = Project.objects.restrict(leader, "view").prefetch_related("stage_changes")
    expected = Counter()
    for p in projects:
        if p.negotiating_on > day:
            continue
        changes = sorted((c.on, c.pk, c.to_stage) for c in p.stage_changes.all() if c.on <= day)
        expected[changes[-1][2] if changes else Stage.NEGOTIATING] += 1
    panel = projects_panel(leader, day)
    counts = {s["stage"]: s["count"] for s in panel.context["stages"]}
    assert counts == {s: expected[s] for s in (*STAGE_ORDER, Stage.SUSPENDED)}


def test_a_hazard_closed_after_the_day_is_open_on_it(leader):
    day = past_day()
    panel = hazards_panel(leader, day)
    found = Hazard.objects.filter(found_on__lte=day, task__isnull=False)
    open_then = [
        h
        for h in found.select_related("task").prefetch_related("task__events")
        if (state := then(h.task, list(h.task.events.all()), day)) and state[0] in ACTIVE
    ]
    assert panel.context["open"] == len(open_then)


@pytest.fixture
def category(unit):
    return EventCategory.objects.create(
        name="截至测试类别",
        responsible_unit=unit("YZ-DEPT-FGW"),
        time_limit=2,
        time_limit_basis=DeadlineBasis.WORKING_DAYS,
    )


def test_a_grid_event_filed_after_the_day_was_awaiting_filing_on_it(
    leader, supervisor, grid_worker, unit, category
):
    day = past_day()
    event = grid_actions.report_event(
        actor=grid_worker,
        grid=unit("YZ-XINBA-V02-G01"),
        category=category,
        description="截至测试事件",
        address="测试地址",
        at=moment(day, 8),
    )
    before = grid_panel(leader, day).context
    reported = {str(s): n for s, _label, n in before["statuses"]}
    grid_actions.file_event(event, actor=supervisor, at=timezone.now())
    assert GridEvent.objects.get(pk=event.pk).status == EventStatus.HANDLING
    after = grid_panel(leader, day).context
    assert {str(s): n for s, _label, n in after["statuses"]} == reported
    assert reported[EventStatus.REPORTED] >= 1


def close_everything_now(supervisor):
    """Every active task closed now, as a verification would record it."""
    now, today = timezone.now(), timezone.localdate()
    active = list(Task.objects.filter(status__in=ACTIVE).values_list("pk", "status"))
    TaskEvent.objects.bulk_create(
        TaskEvent(
            task_id=pk,
            actor=supervisor,
            at=now,
            action=EventAction.VERIFY,
            from_status=status,
            to_status=Status.CLOSED,
            progress=100,
        )
        for pk, status in active
    )
    Task.objects.filter(pk__in=[pk for pk, _s in active]).update(
        status=Status.CLOSED, closed_on=today, progress=100
    )
    return len(active)


def clone(obj, **changes):
    obj.pk = None
    obj.id = None
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def test_nothing_done_after_the_day_changes_its_cockpit(as_user, leader, supervisor, task_on):
    """Every panel of the day, rendered before and after a day's worth of later changes
    in every module: closures, new tasks, hazards, projects, debt, ratings, awards."""
    day = past_day()
    client = as_user(leader)
    before = panel_bodies(client, day)
    today_before = panel_bodies(client, timezone.localdate())
    now, today = timezone.now(), timezone.localdate()

    assert close_everything_now(supervisor)
    task_on(today, today + dt.timedelta(days=30))
    new_task = task_on(today, today + dt.timedelta(days=30))
    hazard = Hazard.objects.filter(task__isnull=False).order_by("pk").first()
    clone(hazard, found_on=today, task=new_task)
    project = Project.objects.exclude(stage=Stage.SUSPENDED).order_by("pk").first()
    stage_dates = dict.fromkeys(
        ("signed_on", "landed_on", "started_on", "completed_on", "suspended_on")
    )
    clone(
        Project.objects.order_by("pk").first(),
        name="截至测试项目",
        negotiating_on=today,
        stage=Stage.NEGOTIATING,
        **stage_dates,
    )
    StageChange.objects.create(
        project=project, from_stage=project.stage, to_stage=Stage.SUSPENDED, on=today
    )
    Project.objects.filter(pk=project.pk).update(stage=Stage.SUSPENDED, suspended_on=today)
    instrument = DebtInstrument.objects.order_by("pk").first()
    clone(
        instrument,
        code="AS-OF-LATER",
        start=today,
        maturity=today + dt.timedelta(days=300),
    )
    cash = CashPosition.objects.order_by("-month").first()
    clone(cash, month=cash.month.replace(year=cash.month.year + 1))
    fiscal = FiscalYear.objects.order_by("-year").first()
    clone(fiscal, year=fiscal.year + 1)
    application = Application.objects.order_by("pk").first()
    ApplicationEvent.objects.create(
        application=application,
        actor=supervisor,
        at=now,
        on=today,
        action="award",
        from_status=application.status,
        to_status="awarded",
    )
    Application.objects.filter(pk=application.pk).update(status="awarded")
    rating = DemandRating.objects.order_by("pk").first()
    if rating is not None:
        clone(rating, round=rating.round + 1, rating="dissatisfied", rated_at=now)
    if not MuEvaluation.objects.filter(year=today.year).exists():
        clone(
            MuEvaluation.objects.filter(scheme_code="city").order_by("-year").first(),
            year=today.year,
            run_at=now,
        )
    facility = Facility.objects.order_by("pk").first()
    clone(facility, name="截至测试设施")
    fault = FacilityFault.objects.filter(task__isnull=False).order_by("pk").first()
    if fault is not None:
        clone(fault, reported_at=now, task=task_on(today, today))
    inspection = VillageInspection.objects.order_by("pk").first()
    clone(inspection, inspected_on=today)

    after = panel_bodies(client, day)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key
    today_after = panel_bodies(client, timezone.localdate())
    assert today_after["tasks"] != today_before["tasks"]


@pytest.mark.parametrize("persona", ["leader", "sanmao"])
def test_it_pins_the_query_count_of_a_past_day_as_data_grows(
    request, as_user, grow, django_assert_max_num_queries, persona
):
    """Every panel, on a past day, with more tasks and events that existed then."""
    client = as_user(request.getfixturevalue(persona))
    day = past_day()

    def grow_then(rounds):
        before = set(Task.objects.values_list("pk", flat=True))
        grow(rounds)
        Task.objects.exclude(pk__in=before).update(created_at=moment(day - dt.timedelta(days=5)))
        GridEvent.objects.filter(reported_at__gte=history.day_ends(day)).update(
            reported_at=moment(day)
        )

    grow_then(1)
    client.get("/", {"as_of": day.isoformat()})  # sessions, caches
    with CaptureQueriesContext(connection) as before:
        client.get("/", {"as_of": day.isoformat()})
    grow_then(5)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get("/", {"as_of": day.isoformat()})
    assert response.status_code == 200


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", ["leader", "sanmao", "czj"])
def test_existed_finds_the_tasks_that_tasks_on_finds(request, persona, supervisor, unit):
    """``history.existed`` asks only whether a task existed by then: the same tasks as
    ``tasks_on``, including one written without events, before and after its creation."""
    user = request.getfixturevalue(persona)
    day = past_day()
    bare = Task.objects.create(
        code="NO-EVENTS-2",
        title="无事件",
        issuer=supervisor.unit,
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=day + dt.timedelta(days=100),
        status=Status.IN_PROGRESS,
    )
    Task.objects.filter(pk=bare.pk).update(created_at=moment(day - dt.timedelta(days=3)))
    tasks = Task.objects.restrict(user, "view")
    for as_of in (LONG_AGO, day - dt.timedelta(days=5), day, dt.date(2026, 3, 31)):
        expected = set(history.tasks_on(tasks, as_of).values_list("pk", flat=True))
        assert set(history.existed(tasks, as_of).values_list("pk", flat=True)) == expected
        assert history.existed(tasks, as_of).exists() == bool(expected)
