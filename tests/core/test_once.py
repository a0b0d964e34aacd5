"""A form that creates something is sent once: the second submission of the same page
(a double click, the browser re-sending) makes nothing more."""

import re

import pytest
from factories import request_category

from mingzhu.livelihood.models import CitizenRequest
from mingzhu.tasks.models import Task

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

TASK = {
    "title": "只建一次的任务",
    "deadline": "2099-05-01",
    "deadline_basis": "working_days",
    "urgency": "urgent",
    "weight": "1",
}


def _token(page) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page.content.decode())
    assert found, "the page carries a one-time token"
    return found.group(1)


def test_a_double_submitted_task_form_makes_one_task(as_user, supervisor, unit):
    client = as_user(supervisor)
    token = _token(client.get("/tasks/add/"))
    data = {**TASK, "lead_unit": unit("YZ-XINBA").pk, "form_token": token}
    first = client.post("/tasks/add/", data)
    second = client.post("/tasks/add/", data)
    assert first.status_code == 302 and second.status_code == 302
    assert Task.objects.filter(title=TASK["title"]).count() == 1
    assert second["Location"] == first["Location"]  # to the task the first one made


def test_a_form_sent_back_with_errors_may_be_sent_again(as_user, supervisor, unit):
    client = as_user(supervisor)
    token = _token(client.get("/tasks/add/"))
    bad = client.post("/tasks/add/", {**TASK, "form_token": token})  # no lead unit
    assert bad.status_code == 200 and bad.context["form"].errors
    good = client.post(
        "/tasks/add/", {**TASK, "lead_unit": unit("YZ-XINBA").pk, "form_token": token}
    )
    assert good.status_code == 302
    assert Task.objects.filter(title=TASK["title"]).count() == 1


def test_a_fresh_page_makes_a_second_task(as_user, supervisor, unit):
    client = as_user(supervisor)
    for _ in range(2):
        token = _token(client.get("/tasks/add/"))
        data = {**TASK, "lead_unit": unit("YZ-XINBA").pk, "form_token": token}
        assert client.post("/tasks/add/", data).status_code == 302
    assert Task.objects.filter(title=TASK["title"]).count() == 2


def test_another_users_token_is_not_honoured(as_user, supervisor, leader, unit):
    token = _token(as_user(leader).get("/tasks/add/"))
    client = as_user(supervisor)
    data = {**TASK, "lead_unit": unit("YZ-XINBA").pk, "form_token": token}
    client.post("/tasks/add/", data)
    client.post("/tasks/add/", data)
    # Not a claim of this user's: no protection, but nothing refused either.
    assert Task.objects.filter(title=TASK["title"]).count() == 2


def test_a_double_submitted_action_form_makes_one_request(as_user, rexian, unit):
    client = as_user(rexian)
    token = _token(client.get("/livelihood/requests/add/"))
    category = request_category("道路破损")
    data = {
        "channel": "hotline",
        "request_type": "help",
        "category": category.pk,
        "content": "只登记一次的诉求",
        "town": unit("YZ-XINBA").pk,
        "village": unit("YZ-XINBA-V02").pk,
        "phone": "13912345678",
        "name": "王建国",
        "form_token": token,
    }
    first = client.post("/livelihood/requests/add/", data)
    second = client.post("/livelihood/requests/add/", data)
    assert first.status_code == 302, first.content.decode()[-1500:]
    assert second.status_code == 302
    assert CitizenRequest.objects.filter(content="只登记一次的诉求").count() == 1


def test_the_claims_live_in_a_table_every_server_process_shares(db):
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connection

    claims = caches["once"]
    assert isinstance(claims, DatabaseCache)
    assert "mingzhu_once" in connection.introspection.table_names()
    assert claims.add("claim-1", "pending") is True
    assert claims.add("claim-1", "pending") is False  # a second process loses the claim
