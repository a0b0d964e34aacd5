import pytest
from django.utils import timezone

from mingzhu.grid.choices import EventStatus
from mingzhu.grid.models import GridEvent
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import Status

from .conftest import SANMAO_GRID, XINBA_GRID, photo

EVENTS = "/api/v1/grid/events/"
CAMPAIGNS = "/api/v1/grid/campaigns/"
METRICS = "/api/v1/grid/metrics/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("leader", 200),
        ("supervisor", 200),
        ("fgw", 200),
        ("sanmao", 200),
        ("xinba", 200),
        ("grid_worker", 200),
        ("enterprise_user", 403),
        ("administrator", 403),
        ("outsider", 403),
    ],
)
def test_it_guards_the_event_list(as_user, request, persona, status):
    response = as_user(request.getfixturevalue(persona)).get(EVENTS)
    assert response.status_code == status


def _ids(client) -> set[int]:
    return {e["id"] for e in client.get(EVENTS, {"page_size": 500}).json()["results"]}


def test_it_lists_only_events_in_scope(as_user, make_event, grid_worker, xinba, sanmao, fgw):
    mine = make_event("handling")
    theirs = GridEvent.objects.filter(grid__path__startswith=_path("321182001000")).first()
    assert mine.pk in _ids(as_user(grid_worker)) and theirs.pk not in _ids(as_user(grid_worker))
    assert mine.pk in _ids(as_user(xinba)) and theirs.pk not in _ids(as_user(xinba))
    assert mine.pk not in _ids(as_user(sanmao)) and theirs.pk in _ids(as_user(sanmao))
    # 发改委 handles the task, so it sees the event that became it.
    assert mine.pk in _ids(as_user(fgw)) and theirs.pk not in _ids(as_user(fgw))
    assert as_user(sanmao).get(f"{EVENTS}{mine.pk}/").status_code == 404


def _path(code):
    from mingzhu.org.models import OrgUnit

    return OrgUnit.objects.get(code=code).path


def test_it_shows_an_event_with_its_derived_status(as_user, make_event, grid_worker):
    event = make_event("awaiting_recheck")
    body = as_user(grid_worker).get(f"{EVENTS}{event.pk}/").json()
    assert body["status"] == EventStatus.AWAITING_RECHECK
    assert body["task_code"] == event.task.code and body["deadline"]


def test_it_takes_a_report_from_a_grid_worker(as_user, grid_worker, category, unit):
    response = as_user(grid_worker).post(
        EVENTS,
        {
            "grid": unit(XINBA_GRID).pk,
            "category": category.pk,
            "description": "井盖缺失",
            "address": "立新村",
            "latitude": "32.2",
            "longitude": "119.8",
            "photos": [photo()],
        },
    )
    assert response.status_code == 201, response.json()
    event = GridEvent.objects.get(pk=response.json()["id"])
    assert event.reported_by == grid_worker and event.photos.count() == 1
    assert response.json()["status"] == EventStatus.REPORTED


def test_it_refuses_reports_out_of_scope_or_bad(as_user, grid_worker, xinba, category, unit):
    client = as_user(grid_worker)
    body = {"grid": unit(SANMAO_GRID).pk, "category": category.pk, "description": "x"}
    outside = client.post(EVENTS, body)
    assert outside.status_code == 400 and "grid" in outside.json()
    body["grid"] = unit(XINBA_GRID).pk
    assert as_user(xinba).post(EVENTS, body).status_code == 403
    response = client.post(EVENTS, {**body, "description": ""})
    assert response.status_code == 400 and "description" in response.json()
    response = client.post(EVENTS, {**body, "photos": [photo("a.exe")]})
    assert response.status_code == 400
    assert not GridEvent.objects.filter(description="x").exists()


def test_it_runs_the_flow_through_the_api(as_user, make_event, supervisor, grid_worker, fgw):
    event = make_event()
    url = f"{EVENTS}{event.pk}"
    response = as_user(supervisor).post(f"{url}/file/", {"comment": "立案"})
    assert response.status_code == 200 and response.json()["status"] == EventStatus.HANDLING
    task_id = response.json()["task"]
    task_actions.accept(task_id, actor=fgw)
    task_actions.request_closure(task_id, actor=fgw, result="已处置")
    client = as_user(grid_worker)
    response = client.post(f"{url}/recheck/", {"passed": False, "comment": "仍有"})
    assert response.status_code == 200 and response.json()["status"] == EventStatus.RETURNED
    task_actions.request_closure(task_id, actor=fgw, result="已处置")
    response = client.post(f"{url}/recheck/", {"passed": True, "photos": [photo()]})
    assert response.status_code == 200 and response.json()["status"] == EventStatus.CLOSED


def test_it_rejects_through_the_api(as_user, make_event, supervisor):
    event = make_event()
    url = f"{EVENTS}{event.pk}/reject/"
    response = as_user(supervisor).post(url, {})
    assert response.status_code == 400 and "reason" in response.json()
    response = as_user(supervisor).post(url, {"reason": "重复上报"})
    assert response.status_code == 200 and response.json()["status"] == EventStatus.REJECTED
    response = as_user(supervisor).post(url, {"reason": "重复上报"})
    assert response.status_code == 400 and "detail" in response.json()


def test_it_answers_refused_steps(as_user, make_event, supervisor, grid_worker, sanmao, xinba):
    event = make_event()
    url = f"{EVENTS}{event.pk}"
    assert as_user(grid_worker).post(f"{url}/file/", {}).status_code == 403
    assert as_user(xinba).post(f"{url}/file/", {}).status_code == 403
    assert as_user(sanmao).post(f"{url}/file/", {}).status_code == 404
    assert as_user(supervisor).post(f"{EVENTS}999999/file/", {}).status_code == 404
    assert as_user(grid_worker).post(f"{url}/recheck/", {"passed": True}).status_code == 400
    assert as_user(supervisor).post(f"{url}/recheck/", {"passed": True}).status_code == 403
    assert as_user(grid_worker).post(f"{url}/recheck/", {}).status_code == 400
    assert as_user(supervisor).post(f"{url}/file/", {}).status_code == 200
    assert as_user(supervisor).post(f"{url}/file/", {}).status_code == 400


def test_it_refuses_a_recheck_once_the_office_closed_the_case(
    as_user, make_event, supervisor, grid_worker
):
    event = make_event("awaiting_recheck")
    task_actions.verify(event.task_id, actor=supervisor)
    response = as_user(grid_worker).post(f"{EVENTS}{event.pk}/recheck/", {"passed": True})
    assert response.status_code == 400
    assert GridEvent.objects.get(pk=event.pk).task.status == Status.CLOSED


@pytest.mark.parametrize(
    ("persona", "status"),
    [("grid_worker", 200), ("supervisor", 200), ("sanmao", 200), ("outsider", 403)],
)
def test_it_guards_the_campaigns(as_user, request, persona, status):
    response = as_user(request.getfixturevalue(persona)).get(CAMPAIGNS)
    assert response.status_code == status
    if status == 200:
        names = {c["name"] for c in response.json()["results"]}
        assert {"背街小巷整治", "户外广告清理", "工地围挡提档升级"} <= names


def test_it_serves_metrics(as_user, make_event, supervisor, campaign):
    make_event("closed", campaign=campaign)
    today = timezone.localdate()
    response = as_user(supervisor).get(
        METRICS, {"from": f"{today.year - 1}-01-01", "to": f"{today.year + 1}-12-31"}
    )
    assert response.status_code == 200
    body = response.json()
    row = next(r for r in body["campaigns"] if r["campaign"] == campaign.pk)
    assert row["name"] == campaign.name and row["closed"] == 1 and row["closure_rate"] == 1.0
    assert body["units"]


@pytest.mark.parametrize(
    ("query", "status"),
    [({}, 200), ({"from": "2025-13-01"}, 400), ({"from": "2025-06-01", "to": "2025-01-01"}, 400)],
)
def test_it_checks_the_metrics_period(as_user, supervisor, query, status):
    assert as_user(supervisor).get(METRICS, query).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"), [("grid_worker", 200), ("sanmao", 200), ("outsider", 403)]
)
def test_it_guards_the_metrics(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(METRICS).status_code == status


def test_it_scopes_the_metrics(as_user, sanmao, xinba):
    sanmao_units = {r["unit"] for r in as_user(sanmao).get(METRICS).json()["units"]}
    xinba_units = {r["unit"] for r in as_user(xinba).get(METRICS).json()["units"]}
    # Both towns have demo events; each sees the units handling their own events only.
    assert sanmao_units and xinba_units
    from mingzhu.tasks.models import Task

    xinba_tasks = set(
        Task.objects.filter(grid_event__grid__path__startswith=_path("YZ-XINBA")).values_list(
            "lead_unit", flat=True
        )
    )
    assert xinba_units <= xinba_tasks | {None}
