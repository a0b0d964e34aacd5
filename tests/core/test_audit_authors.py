"""Every change carries its author, whichever door it came through: a page (session), the
API (token, session), a command (the user it names) or a job (the system account)."""

import base64
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mingzhu.core.audit import SYSTEM_USERNAME, acting_as, history_for, system_account
from mingzhu.core.drf import BasicAuthentication
from mingzhu.core.excel import write_xlsx
from mingzhu.enterprises.models import MuEvaluation
from mingzhu.org.models import OrgUnit, User
from mingzhu.org.personas import DEMO_PASSWORD
from mingzhu.tasks.models import Task, TaskList

VILLAGE = "321182001000-V02"


def _token_client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(headers={"Authorization": f"Token {token.key}"})


def test_an_api_change_by_token_is_recorded_as_the_tokens_user(administrator, unit):
    village = unit(VILLAGE)
    response = _token_client(administrator).patch(
        f"/api/v1/org/units/{village.pk}/",
        {"name": "永胜村（API）"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    entry = history_for(village).first()
    assert entry.changes_dict == {"name": ["永胜村", "永胜村（API）"]}
    assert entry.actor == administrator


def test_an_api_change_in_a_session_is_recorded_as_the_signed_in_user(as_user, administrator, unit):
    village = unit(VILLAGE)
    client = as_user(administrator)
    response = client.patch(
        f"/api/v1/org/units/{village.pk}/",
        {"name": "永胜村（会话）"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert history_for(village).first().actor == administrator


def test_a_command_import_is_recorded_as_the_user_it_names(tmp_path, supervisor):
    path = tmp_path / "tasks.xlsx"
    headers = ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
    path.write_bytes(
        write_xlsx("任务清单", headers, [[1, "命令行导入的任务", "发改委", "", "", "2099-06-30"]])
    )
    call_command(
        "import",
        "tasks",
        str(path),
        "--list",
        "命令行清单",
        "--user",
        "supervisor",
        stdout=io.StringIO(),
    )
    task = Task.objects.get(title="命令行导入的任务")
    task_list = TaskList.objects.get(name="命令行清单")
    for obj in (task, task_list):
        entries = list(history_for(obj))
        assert entries, obj
        assert {e.actor for e in entries} == {supervisor}


def test_a_job_is_recorded_as_the_system_account(db):
    call_command("mu", "evaluate", "--year", "2025", stdout=io.StringIO())
    evaluation = MuEvaluation.objects.get(year=2025, scheme_code="city")
    entries = list(history_for(evaluation))
    assert entries
    assert {e.actor.username for e in entries} == {SYSTEM_USERNAME}


def test_a_command_run_by_a_named_user_is_recorded_as_theirs(db):
    runner = User.objects.filter(
        roles__permissions__codename="run_muevaluation", is_active=True
    ).first()
    assert runner is not None
    call_command(
        "mu", "evaluate", "--year", "2025", "--user", runner.username, stdout=io.StringIO()
    )
    evaluation = MuEvaluation.objects.get(year=2025, scheme_code="city")
    assert {e.actor for e in history_for(evaluation)} == {runner}


def test_the_system_account_cannot_sign_in(db):
    account = system_account()
    assert not account.is_active
    assert not account.has_usable_password()
    assert system_account().pk == account.pk  # one account, found again


def test_acting_as_restores_the_enclosing_author(administrator, supervisor, unit):
    village = unit(VILLAGE)
    with acting_as(administrator):
        with acting_as(supervisor):
            village.name = "内层"
            village.save()
        village.name = "外层"
        village.save()
    inner, outer = history_for(village).order_by("pk")
    assert (inner.actor, outer.actor) == (supervisor, administrator)


def test_no_entry_of_these_paths_is_without_an_actor(administrator, unit):
    village = unit(VILLAGE)
    _token_client(administrator).patch(
        f"/api/v1/org/units/{village.pk}/", {"short_name": "永胜"}, content_type="application/json"
    )
    kind = ContentType.objects.get_for_model(type(village))
    assert not LogEntry.objects.filter(
        content_type=kind, object_pk=str(village.pk), actor__isnull=True
    ).exists()


@pytest.mark.parametrize("path", ["/api/v1/org/units/", "/api/v1/tasks/"])
def test_a_demo_accounts_token_is_refused_when_demo_users_are_off(settings, leader, path):
    client = _token_client(leader)
    assert client.get(path).status_code == 200
    settings.ALLOW_DEMO_USERS = False
    response = client.get(path)
    assert response.status_code in (401, 403)
    assert "tasks" not in response.json() and "results" not in response.json()


def test_a_demo_accounts_token_cannot_create_when_demo_users_are_off(settings, administrator):
    settings.ALLOW_DEMO_USERS = False
    response = _token_client(administrator).post(
        "/api/v1/org/units/",
        {"name": "演示账号新建", "kind": "department", "code": "DEMO-NEW"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert not OrgUnit.objects.filter(code="DEMO-NEW").exists()


def test_a_demo_accounts_basic_credentials_are_refused_when_demo_users_are_off(settings, leader):
    settings.ALLOW_DEMO_USERS = False
    basic = base64.b64encode(f"leader:{DEMO_PASSWORD}".encode()).decode()
    request = APIRequestFactory().get("/api/v1/org/units/", HTTP_AUTHORIZATION=f"Basic {basic}")
    with pytest.raises(AuthenticationFailed):
        BasicAuthentication().authenticate(Request(request))
