"""Notifications (站内通知): each transition reaches the people who have something to do
or to know about it, in the same transaction; each person reads only their own."""

import pytest

from mingzhu.tasks import actions
from mingzhu.tasks.choices import EventAction, Status
from mingzhu.tasks.models import Notification

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _heard(user, action: str) -> list[int]:
    # The demo's own tasks were played through the engine too: leave their notices aside.
    return list(
        Notification.objects.filter(
            recipient=user, event__action=action, task__is_illustrative=False
        ).values_list("task", flat=True)
    )


def test_assigning_tells_the_lead_unit_and_the_co_units_not_the_issuer(
    make_task, fgw, xinba, supervisor, sanmao, unit
):
    task = make_task(Status.ASSIGNED, co_units=[unit("YZ-XINBA")])
    assert _heard(fgw, EventAction.ASSIGN) == [task.pk]
    assert _heard(xinba, EventAction.ASSIGN) == [task.pk]
    assert _heard(supervisor, EventAction.ASSIGN) == []  # the actor
    assert _heard(sanmao, EventAction.ASSIGN) == []  # not concerned


def test_a_closure_request_tells_the_issuing_side_and_the_verdict_tells_the_lead_unit(
    make_task, fgw, supervisor, leader
):
    task = make_task(Status.CLOSURE_REQUESTED)
    assert _heard(supervisor, EventAction.REQUEST_CLOSURE) == [task.pk]
    assert _heard(fgw, EventAction.REQUEST_CLOSURE) == []  # the actor
    # The city leader may verify but sits in the city's unit, not the issuing office.
    assert _heard(leader, EventAction.REQUEST_CLOSURE) == []
    actions.return_for_rework(task, actor=supervisor, comment="材料不全")
    assert _heard(fgw, EventAction.RETURN) == [task.pk]


def test_progress_reports_tell_nobody(make_task, supervisor):
    task = make_task(Status.IN_PROGRESS)
    assert not Notification.objects.filter(task=task, event__action=EventAction.REPORT).exists()


def test_a_transition_that_fails_leaves_no_notification(make_task, fgw):
    task = make_task(Status.ASSIGNED)
    before = Notification.objects.count()
    with pytest.raises(actions.TransitionError):
        actions.request_closure(task, actor=fgw, result="x")  # not accepted yet
    assert Notification.objects.count() == before


def test_the_page_shows_only_ones_own_and_opening_marks_read(as_user, make_task, fgw, sanmao):
    task = make_task(Status.ASSIGNED)
    client = as_user(fgw)
    page = client.get("/tasks/notifications/").content.decode()
    assert task.code in page
    assert 'id="unread-count"' in client.get("/tasks/notifications/badge/").content.decode()
    note = Notification.objects.get(recipient=fgw, task=task)
    assert client.post(f"/tasks/notifications/{note.pk}/open/").url == task.get_absolute_url()
    note.refresh_from_db()
    assert note.read_at is not None
    # Someone else's notification answers 404 and stays unread.
    other_task = make_task(Status.ASSIGNED)
    other = Notification.objects.get(recipient=fgw, task=other_task)
    assert as_user(sanmao).post(f"/tasks/notifications/{other.pk}/open/").status_code == 404
    assert other_task.code not in as_user(sanmao).get("/tasks/notifications/").content.decode()
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(as_user, make_task, fgw):
    make_task(Status.ASSIGNED)
    make_task(Status.ASSIGNED)
    client = as_user(fgw)
    assert Notification.objects.filter(recipient=fgw, read_at__isnull=True).count() >= 2
    assert client.post("/tasks/notifications/").status_code == 302
    assert not Notification.objects.filter(recipient=fgw, read_at__isnull=True).exists()
    assert 'id="unread-count"></span>' in client.get("/tasks/notifications/badge/").content.decode()


@pytest.mark.parametrize(
    "persona",
    [
        "leader",
        "supervisor",
        "fgw",
        "sanmao",
        "xinba",
        "grid_worker",
        "enterprise_user",
        "outsider",
    ],
)
def test_every_persona_reaches_only_their_own(request, as_user, make_task, persona):
    make_task(Status.ASSIGNED)
    user = request.getfixturevalue(persona)
    client = as_user(user)
    assert client.get("/tasks/notifications/").status_code == 200
    # The demo's tasks were played through the engine: its people have notices of their
    # own, more than one page of the default size.
    body = client.get("/api/v1/tasks/notifications/?page_size=500").json()
    ids = {row["id"] for row in body["results"]}
    assert body["count"] == len(ids)
    assert ids == set(Notification.objects.filter(recipient=user).values_list("pk", flat=True))


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/tasks/notifications/").status_code == 302
    assert client.get("/tasks/notifications/badge/").status_code == 302
    assert client.get("/api/v1/tasks/notifications/").status_code in (401, 403)


def test_the_api_lists_and_marks_read(as_user, make_task, fgw):
    first = make_task(Status.ASSIGNED)
    second = make_task(Status.ASSIGNED)
    client = as_user(fgw)
    rows = client.get("/api/v1/tasks/notifications/?unread=1").json()["results"]
    codes = {r["task_code"] for r in rows}
    assert {first.code, second.code} <= codes
    assert all(r["action"] == "assign" for r in rows if r["task_code"] in {first.code, second.code})
    one = next(r["id"] for r in rows if r["task_code"] == first.code)
    answer = client.post(
        "/api/v1/tasks/notifications/read/", {"ids": [one]}, content_type="application/json"
    )
    assert answer.json() == {"read": 1}
    unread = client.get("/api/v1/tasks/notifications/?unread=1").json()["results"]
    assert one not in {r["id"] for r in unread}
    bad = client.post(
        "/api/v1/tasks/notifications/read/", {"ids": ["x"]}, content_type="application/json"
    )
    assert bad.status_code == 400 and "ids" in bad.json()
