"""A deadline typed for a new task does not come before its creation (the form, the API,
the import), a task's code carries the year it was created in, and work goes only to units
inside the city's tree (the action every module uses, the form, the API, the import)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mingzhu.core.excel import write_xlsx
from mingzhu.core.testing import import_through_page
from mingzhu.tasks import actions
from mingzhu.tasks.models import Task, TaskList

from .conftest import FAR

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

PEER = "320281000000"  # 江阴市, a peer county outside the city's tree
PAST = dt.date(2020, 1, 1)
URL = "/api/v1/tasks/"


def post(client, data):
    return client.post(URL, data, content_type="application/json")


def test_a_back_dated_creation_takes_its_own_year(supervisor, unit):
    at = timezone.make_aware(dt.datetime(2020, 1, 1, 9))
    task = actions.create_task(
        actor=supervisor, at=at, title="补录", lead_unit=unit("YZ-DEPT-FGW"), deadline=PAST
    )
    assert task.code.startswith("2020-DB-")


def test_the_code_year_is_the_creation_year_not_the_deadline_year(supervisor, unit):
    task = actions.create_task(
        actor=supervisor, title="远期", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    assert task.code.startswith(f"{timezone.localdate().year}-DB-")
    listed = TaskList.objects.create(
        name="年度清单", kind="meeting", issuer=supervisor.unit, year=2099
    )
    in_list = actions.create_task(
        actor=supervisor,
        title="清单内",
        task_list=listed,
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=FAR,
    )
    assert in_list.code.startswith("2099-DB-")  # a list's tasks are numbered by its year


@pytest.mark.parametrize("field", ["lead_unit", "co_units"])
def test_the_action_refuses_a_peer_county(supervisor, unit, field):
    values = {"lead_unit": unit("YZ-DEPT-FGW")}
    if field == "lead_unit":
        values["lead_unit"] = unit(PEER)
    else:
        values["co_units"] = [unit("YZ-XINBA"), unit(PEER)]
    with pytest.raises(ValidationError) as refused:
        actions.create_task(actor=supervisor, title="对标县", deadline=FAR, **values)
    assert "江阴市" in refused.value.message_dict[field][0]
    assert not Task.objects.filter(title="对标县").exists()


def test_the_form_refuses_a_past_deadline_and_offers_no_peer(as_user, supervisor, unit):
    form = {
        "title": "网页过期",
        "lead_unit": unit("YZ-XINBA").pk,
        "deadline": "2020-01-01",
        "deadline_basis": "calendar_days",
        "urgency": "normal",
        "weight": "1",
    }
    client = as_user(supervisor)
    response = client.post("/tasks/add/", form)
    assert response.status_code == 200
    assert "2020-01-01" in response.context["form"].errors["deadline"][0]
    offered = response.context["form"].fields["lead_unit"].queryset
    assert not offered.filter(code=PEER).exists() and offered.filter(code="YZ-XINBA").exists()
    peer = client.post(
        "/tasks/add/", {**form, "deadline": "2099-01-01", "lead_unit": unit(PEER).pk}
    )
    assert peer.status_code == 200 and "lead_unit" in peer.context["form"].errors
    assert not Task.objects.filter(title="网页过期").exists()


def test_the_api_refuses_a_past_deadline(as_user, supervisor, unit):
    body = {"title": "接口过期", "lead_unit": unit("YZ-DEPT-FGW").pk, "deadline": "2020-01-01"}
    response = post(as_user(supervisor), body)
    assert response.status_code == 400
    assert "2020-01-01" in str(response.json()["deadline"])
    assert not Task.objects.filter(title="接口过期").exists()


@pytest.mark.parametrize("field", ["lead_unit", "co_units"])
def test_the_api_refuses_a_peer_county(as_user, supervisor, unit, field):
    body = {"title": "接口对标县", "lead_unit": unit("YZ-DEPT-FGW").pk, "deadline": "2099-01-01"}
    body[field] = unit(PEER).pk if field == "lead_unit" else [unit(PEER).pk]
    response = post(as_user(supervisor), body)
    assert response.status_code == 400
    assert "江阴市" in str(response.json()[field])
    assert not Task.objects.filter(title="接口对标县").exists()


def test_the_import_refuses_a_past_deadline_and_a_peer_by_row(as_user, supervisor):
    listed = TaskList.objects.create(
        name="导入规则", kind="meeting", issuer=supervisor.unit, year=2099
    )
    rows = [
        [1, "按期任务", "发改委", "", "", dt.date(2099, 6, 30)],
        [2, "过期任务", "发改委", "", "", "2020-01-01"],
        [3, "对标任务", "江阴市", "", "", "2099-06-30"],
    ]
    file = io.BytesIO(
        write_xlsx(
            "任务清单", ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"], rows
        )
    )
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{listed.pk}/import/", {"file": file}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "2020-01-01" in page and "江阴市" in page
    assert not listed.tasks.exists()


def test_the_command_refuses_a_past_deadline(tmp_path, supervisor):
    from django.core.management import CommandError, call_command

    headers = ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(
        write_xlsx("任务清单", headers, [[1, "过期任务", "发改委", "", "", "2020-01-01"]])
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command(
            "import",
            "tasks",
            str(path),
            "--list",
            "命令行过期",
            "--user",
            "supervisor",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "2020-01-01" in err.getvalue()
    assert not Task.objects.filter(title="过期任务").exists()


def test_a_unit_that_does_not_exist_is_named_not_a_crash(supervisor, unit):
    task = Task(title="无此单位", issuer=unit("YZ-DEPT-FGW"), lead_unit_id=999_999, deadline=FAR)
    with pytest.raises(ValidationError) as refused:
        task.full_clean(exclude=["code"])
    assert "lead_unit" in refused.value.message_dict
