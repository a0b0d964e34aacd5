"""Pickers that scale (core.widgets): the form pages hold only the chosen options, and the
choices endpoint offers, as the user types, what the field accepts for that user, at most
LIMIT at a time."""

import re

import pytest

from mingzhu.core.scope import restrict
from mingzhu.core.widgets import LIMIT
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.models import Task

PARENT = "/choices/tasks.TaskForm/parent/"
LEAD = "/choices/tasks.TaskForm/lead_unit/"
SCOPE = "/choices/org.UserForm/custom_units/"
VILLAGE = "/choices/livelihood.RegisterForm/village/"


def _options(html: str) -> int:
    return len(re.findall(r"<option\b", html))


def test_the_task_form_holds_no_big_select(as_user, supervisor):
    assert Task.objects.count() > 1000  # the demo's ledger: the select used to list them all
    response = as_user(supervisor).get("/tasks/add/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-remote="/choices/tasks.TaskForm/parent/"' in page
    assert 'data-remote="/choices/tasks.TaskForm/lead_unit/"' in page
    assert "tom-select.complete.min.js" in page and "mingzhu/widgets.js" in page
    assert _options(page) < 100 and len(page) < 60_000


def test_an_edited_task_shows_its_chosen_options_only(supervisor):
    from mingzhu.tasks.forms import TaskForm

    task = Task.objects.filter(parent__isnull=False).first()
    html = str(TaskForm(instance=task, user=supervisor)["parent"])
    assert f'value="{task.parent_id}" selected' in html and _options(html) == 2


def test_a_picker_sent_back_no_key_shows_the_form_again(supervisor):
    """A value that is no key ("x", a tampered or stale form) is the field's error: the form
    is shown again with it, not a server error while drawing the picker."""
    from mingzhu.tasks.forms import TaskForm

    form = TaskForm(data={"parent": "x", "lead_unit": "x"}, user=supervisor)
    assert not form.is_valid() and "parent" in form.errors
    html = str(form["parent"]) + str(form["lead_unit"])
    assert 'data-remote="/choices/tasks.TaskForm/parent/"' in html


def test_it_offers_only_the_tasks_in_the_users_scope(as_user, xinba):
    visible = restrict(Task.objects.all(), xinba, "view")
    hidden = Task.objects.exclude(pk__in=visible.values("pk")).first()
    results = []
    for query in ("", hidden.title[:4], visible.first().title[:4]):
        body = as_user(xinba).get(PARENT, {"q": query}).json()
        assert len(body["results"]) <= LIMIT
        results += body["results"]
    ids = {row["value"] for row in results}
    assert ids and ids <= set(visible.values_list("pk", flat=True)) and hidden.pk not in ids
    everything = as_user(xinba).get(PARENT).json()
    assert everything["more"] is True and len(everything["results"]) == LIMIT


def test_the_lead_unit_picker_offers_the_citys_working_units(as_user, supervisor):
    client = as_user(supervisor)
    for query in ("", "县", "有限公司", "网格", "新坝"):
        ids = [row["value"] for row in client.get(LEAD, {"q": query}).json()["results"]]
        kinds = set(OrgUnit.objects.filter(pk__in=ids).values_list("kind", flat=True))
        assert not kinds & {UnitKind.PEER, UnitKind.COMPANY, UnitKind.GRID}, query
    town = client.get(LEAD, {"q": "新坝镇"}).json()["results"]
    assert town[0]["text"] == "新坝镇"
    village = client.get(LEAD, {"q": "立新村"}).json()["results"]
    assert village and village[0]["text"] == "新坝镇 › 立新村"


def test_it_refuses_a_lead_unit_outside_the_field(as_user, supervisor, unit):
    company = OrgUnit.objects.filter(kind=UnitKind.COMPANY).first()
    response = as_user(supervisor).post(
        "/tasks/add/",
        {
            "title": "企业牵头",
            "lead_unit": company.pk,
            "deadline": "2099-05-01",
            "deadline_basis": "working_days",
            "urgency": "urgent",
            "weight": "1",
        },
    )
    assert "lead_unit" in response.context["form"].errors
    assert not Task.objects.filter(title="企业牵头").exists()


def test_the_custom_scope_picker_is_the_administrators(as_user, administrator, fgw):
    grids = as_user(administrator).get(SCOPE, {"q": "网格"}).json()["results"]
    assert 0 < len(grids) <= LIMIT and all(" › " in row["text"] for row in grids)
    assert as_user(fgw).get(SCOPE).status_code == 404  # fgw may not grant scope


def test_the_village_follows_the_town(as_user, rexian, unit):
    xinba = unit("YZ-XINBA")
    rows = as_user(rexian).get(VILLAGE, {"within": xinba.pk}).json()["results"]
    assert rows and all(row["text"].startswith("新坝镇 › ") for row in rows)
    below = set(OrgUnit.objects.filter(path__startswith=xinba.path).values_list("pk", flat=True))
    assert {row["value"] for row in rows} <= below
    assert as_user(rexian).get(VILLAGE, {"within": "x"}).json()["results"] == []


def test_the_register_form_refuses_a_village_of_another_town(as_user, rexian, unit):
    from mingzhu.livelihood.forms import RegisterForm

    other = OrgUnit.objects.filter(kind=UnitKind.VILLAGE).exclude(
        path__startswith=unit("YZ-XINBA").path
    )
    form = RegisterForm(
        {
            "channel": "phone",
            "request_type": "complaint",
            "category": RegisterForm().fields["category"].queryset.first().pk,
            "content": "路灯不亮",
            "town": unit("YZ-XINBA").pk,
            "village": other.first().pk,
        }
    )
    assert not form.is_valid() and "village" in form.errors


@pytest.mark.parametrize(
    "path", ["/choices/tasks.Nothing/parent/", "/choices/tasks.TaskForm/title/"]
)
def test_it_answers_404_for_what_is_not_a_picker(as_user, supervisor, path):
    assert as_user(supervisor).get(path).status_code == 404


def test_it_wants_a_signed_in_user(client, db):
    response = client.get(PARENT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_outsider_is_offered_nothing(as_user, outsider):
    assert as_user(outsider).get(PARENT).json()["results"] == []


def test_the_enterprise_picker_keeps_to_the_scope(as_user, gxj, enterprise_user):
    from mingzhu.enterprises.models import Enterprise

    url = "/choices/enterprises.DemandForm/enterprise/"
    rows = as_user(gxj).get(url).json()["results"]
    assert 0 < len(rows) <= LIMIT
    own = as_user(enterprise_user).get(url).json()["results"]
    visible = restrict(Enterprise.objects.all(), enterprise_user, "view")
    assert len(own) == 1 and own[0]["value"] == visible.get().pk
