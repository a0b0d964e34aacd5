"""The conventions every API list and error keeps: ?ordering=, <date>_after/<date>_before,
a machine-readable code beside each message, JSON 404 under /api/v1/."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.tasks.models import Task


def test_an_unknown_api_path_answers_json_404(as_user, leader, client):
    for caller in (as_user(leader), client):
        response = caller.get("/api/v1/no-such-thing/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "not_found"
        assert response.json()["detail"]


def test_a_missing_slash_still_redirects(as_user, leader):
    response = as_user(leader).get("/api/v1/tasks")
    assert response.status_code == 301 and response["Location"].endswith("/api/v1/tasks/")


def test_a_missing_row_answers_not_found_with_its_code(as_user, leader):
    response = as_user(leader).get("/api/v1/tasks/999999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unauthenticated_and_forbidden_carry_codes(client, as_user, outsider):
    anonymous = client.get("/api/v1/tasks/")
    assert anonymous.status_code in (401, 403)
    assert anonymous.json()["code"] == "not_authenticated"
    forbidden = as_user(outsider).get("/api/v1/tasks/")
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "permission_denied"


def test_field_errors_keep_their_messages_and_give_codes(as_user, leader):
    response = as_user(leader).post("/api/v1/tasks/", {}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["lead_unit"] and body["codes"]["lead_unit"] == ["required"]


def test_ordering_works_on_a_list(as_user, leader):
    client = as_user(leader)
    rows = client.get("/api/v1/tasks/", {"ordering": "-deadline", "page_size": 20}).json()
    deadlines = [r["deadline"] for r in rows["results"]]
    assert deadlines == sorted(deadlines, reverse=True)
    codes = [
        r["code"] for r in client.get("/api/v1/tasks/", {"ordering": "code"}).json()["results"]
    ]
    assert codes == sorted(codes)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/tasks/", "/api/v1/org/units/", "/api/v1/party/members/", "/api/v1/rural/facilities/"],
)
def test_an_unknown_ordering_field_is_refused(as_user, leader, path):
    response = as_user(leader).get(path, {"ordering": "no_such_field"})
    assert response.status_code == 400
    assert response.json()["codes"]["ordering"] == ["invalid_ordering"]


def test_the_default_ordering_fields_are_the_shown_columns(as_user, leader):
    client = as_user(leader)
    names = [
        r["name"] for r in client.get("/api/v1/org/units/", {"ordering": "-name"}).json()["results"]
    ]
    assert names == sorted(names, reverse=True)
    # A column the serializer does not show cannot be used to sort.
    assert client.get("/api/v1/org/units/", {"ordering": "path"}).status_code == 400


def test_date_ranges_are_named_after_the_field(as_user, leader):
    client = as_user(leader)
    day = Task.objects.order_by("deadline").values_list("deadline", flat=True)[
        Task.objects.count() // 2
    ]
    after = client.get("/api/v1/tasks/", {"deadline_after": day, "page_size": 500}).json()
    assert after["results"] and all(r["deadline"] >= day.isoformat() for r in after["results"])
    before = client.get("/api/v1/tasks/", {"deadline_before": day}).json()
    assert before["count"] + after["count"] >= Task.objects.count()
    assert client.get("/api/v1/tasks/", {"deadline_after": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v1/grid/events/", "reported_at_after"),
        ("/api/v1/livelihood/requests/", "received_at_after"),
        ("/api/v1/risks/hazards/", "found_on_after"),
        ("/api/v1/rural/inspections/", "inspected_on_after"),
        ("/api/v1/party/visits/", "visited_on_after"),
        ("/api/v1/party/activities/", "held_on_after"),
        ("/api/v1/civility/activities/", "held_on_after"),
    ],
)
def test_every_date_range_uses_the_one_scheme(as_user, leader, path, param):
    client = as_user(leader)
    everything = client.get(path).json()["count"]
    future = (timezone.localdate() + dt.timedelta(days=3650)).isoformat()
    assert client.get(path, {param: future}).json()["count"] == 0 or everything == 0
    assert client.get(path, {param: "not-a-date"}).status_code == 400


def test_party_and_civility_lists_filter(as_user, leader):
    client = as_user(leader)
    sessions = client.get("/api/v1/party/sessions/").json()["results"]
    assert sessions
    course = sessions[0]["course"]
    same = client.get("/api/v1/party/sessions/", {"course": course, "page_size": 500}).json()
    assert same["results"] and {r["course"] for r in same["results"]} == {course}
    assert client.get("/api/v1/party/sessions/", {"course": "x"}).status_code == 400


def test_observations_filter_by_indicator_code(as_user, leader):
    client = as_user(leader)
    rows = client.get("/api/v1/targets/observations/").json()["results"]
    assert rows
    code = rows[0]["indicator"]
    same = client.get("/api/v1/targets/observations/", {"indicator": code, "page_size": 500})
    assert {r["indicator"] for r in same.json()["results"]} == {code}
