"""A past day's lights recorded once (tasks.lights.record_day, by the daily supervision
job): the cockpit of that day counts the record for the parts of a scope it carries (lead
unit, issuer) and reads the events only for the rest (co-units); the figures are the ones
the events give."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.cockpit.builtin import tasks_panel
from mingzhu.tasks import actions, lights
from mingzhu.tasks.models import DayLights, LightsDay, Task

from .test_as_of import moment, past_day

PERSONAS = ["leader", "sanmao", "xinba", "fgw", "czj"]


def figures(panel) -> dict:
    if panel.empty:
        return {"empty": True}
    context = panel.context
    return {
        "lights": {str(light): n for light, _label, n in context["lights"]},
        "top_units": context["top_units"],
        "open": context["open"],
    }


def tasks_queries(user, day) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        panel = tasks_panel(user, day)
    return figures(panel), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_recorded_day_shows_what_its_events_show(request, persona):
    user = request.getfixturevalue(persona)
    for day in (past_day(), dt.date(2026, 3, 31)):
        live, live_sql = tasks_queries(user, day)
        assert not any("tasks_daylights" in sql for sql in live_sql)
        lights.record_day(day)
        recorded, sql = tasks_queries(user, day)
        assert recorded == live
        assert any("tasks_daylights" in q for q in sql)


def test_the_leaders_recorded_day_reads_no_event(leader):
    day = past_day()
    assert tasks_panel(leader, day).context["open"]  # the demo has open tasks that day
    lights.record_day(day)
    _figures, sql = tasks_queries(leader, day)
    assert not any("tasks_taskevent" in q for q in sql), sql


def test_a_towns_co_units_are_read_from_the_events(sanmao):
    """The record carries the lead unit and the issuer; a task the town only co-operates
    on is counted from its events, once, beside the record."""
    day = past_day()
    lights.record_day(day)
    town = sanmao.unit
    lead = Task.objects.exclude(lead_unit__path__startswith=town.path).exclude(
        issuer__path__startswith=town.path
    )
    active = lights.active_on(lead.exclude(co_units=town), day)
    task = Task.objects.get(pk=active.values_list("pk", flat=True)[:1])
    before, _sql = tasks_queries(sanmao, day)
    task.co_units.add(town)
    after, sql = tasks_queries(sanmao, day)
    assert after["open"] == before["open"] + 1
    assert any("tasks_daylights" in q for q in sql)
    assert any("tasks_taskevent" in q for q in sql)


def test_the_record_is_not_used_for_today_or_a_day_not_recorded(leader):
    today = timezone.localdate()
    with pytest.raises(ValueError):
        lights.record_day(today)
    lights.record_day(past_day())
    other = past_day() - dt.timedelta(days=1)
    for day in (today, other):
        _figures, sql = tasks_queries(leader, day)
        assert not any("tasks_daylights" in q for q in sql)
    assert lights.recorded_lights(Task.objects.filter(status="assigned"), past_day()) is None


def test_recording_a_day_again_replaces_it(leader):
    day = past_day()
    first = lights.record_day(day)
    rows = sorted(DayLights.objects.filter(day=day).values_list("lead_unit", "issuer", "red"))
    assert lights.record_day(day) == first
    assert sorted(DayLights.objects.filter(day=day).values_list("lead_unit", "issuer", "red")) == (
        rows
    )
    assert LightsDay.objects.filter(day=day).count() == 1


def test_the_daily_job_records_the_day_before_once(db):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    LightsDay.objects.filter(day=yesterday).delete()

    assert supervise_job()["lights_recorded"] == yesterday.isoformat()
    assert LightsDay.objects.filter(day=yesterday).exists()
    assert supervise_job()["lights_recorded"] is None  # already recorded


def supervise_job() -> dict:
    out = io.StringIO()
    call_command("supervise", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_back_dated_event_outdates_the_recorded_days_until_the_job(leader, supervisor, unit):
    """An action played with a past ``at`` (the demo, a late entry) writes an event dated
    before days already recorded: from its day on they are read from the events again,
    and the daily job records them anew."""
    day = past_day()
    earlier, later = day - dt.timedelta(days=2), day + dt.timedelta(days=1)
    for recorded in (earlier, day, later):
        lights.record_day(recorded)
    before, _sql = tasks_queries(leader, day)
    task = actions.create_task(
        actor=supervisor,
        at=moment(day - dt.timedelta(days=1)),
        title="补录的任务",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=day + dt.timedelta(days=30),
    )
    actions.assign(task, actor=supervisor, at=moment(day - dt.timedelta(days=1), 11))
    stale = dict(LightsDay.objects.values_list("day", "stale"))
    assert (stale[earlier], stale[day], stale[later]) == (False, True, True)
    # The outdated day is the events' answer, the new task among its open ones.
    after, sql = tasks_queries(leader, day)
    assert not any("tasks_daylights" in q for q in sql)
    assert after["open"] == before["open"] + 1
    counts = supervise_job()
    assert counts["lights_recorded_again"] == 2
    assert not LightsDay.objects.filter(stale=True).exists()
    recorded, sql = tasks_queries(leader, day)
    assert any("tasks_daylights" in q for q in sql)
    assert recorded == after


def test_each_task_of_a_scope_is_counted_once(sanmao, supervisor, unit):
    """Tasks the town leads and issued, issued only, and co-operates on only: each is
    counted once, from the record or from its events, as from the events alone."""
    day = past_day()
    town, village = sanmao.unit, sanmao.unit.children.first()
    cases = [  # (lead unit, issuer, co-unit)
        (village, town, None),
        (unit("YZ-DEPT-FGW"), town, None),
        (unit("YZ-DEPT-FGW"), supervisor.unit, town),
        (town, supervisor.unit, None),
    ]
    before, _sql = tasks_queries(sanmao, day)
    for i, (lead, issuer, co_unit) in enumerate(cases):
        task = Task.objects.create(
            code=f"RECORDED-{i}",
            title="记录的亮灯",
            issuer=issuer,
            lead_unit=lead,
            deadline=day - dt.timedelta(days=2),  # red on the day
            status="in_progress",
        )
        Task.objects.filter(pk=task.pk).update(
            created_at=timezone.make_aware(
                dt.datetime.combine(day - dt.timedelta(days=9), dt.time(10))
            )
        )
        if co_unit is not None:
            task.co_units.add(co_unit)
    live, _sql = tasks_queries(sanmao, day)
    assert live["lights"]["red"] == before["lights"]["red"] + len(cases)
    lights.record_day(day)
    recorded, sql = tasks_queries(sanmao, day)
    assert recorded == live
    assert any("tasks_daylights" in q for q in sql)


def test_the_command_fills_past_days(db):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    first = yesterday - dt.timedelta(days=2)
    LightsDay.objects.filter(day__gte=first).delete()
    out = io.StringIO()
    call_command("record_lights", "--since", first.isoformat(), stdout=out)
    assert set(LightsDay.objects.filter(day__gte=first).values_list("day", flat=True)) == {
        first,
        first + dt.timedelta(days=1),
        yesterday,
    }
    assert "共记录 3 天。" in out.getvalue()
    out = io.StringIO()
    call_command("record_lights", "--since", first.isoformat(), stdout=out)
    assert "共记录 0 天。" in out.getvalue()
    # An outdated day is recorded again without --again.
    assert lights.outdate(yesterday) == 1
    out = io.StringIO()
    call_command("record_lights", "--since", first.isoformat(), stdout=out)
    assert "共记录 1 天。" in out.getvalue()
    assert not LightsDay.objects.get(day=yesterday).stale


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2026-13-01"], "--since 应为日期"),
        (["--since", "2026-01-01", "--until", "2999-01-01"], "--until 应为已过去的日期"),
        (["--since", "2026-03-02", "--until", "2026-03-01"], "晚于最后一天"),
    ],
)
def test_the_command_refuses_bad_days(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("record_lights", *args)
    assert not LightsDay.objects.filter(day__year=2999).exists()
