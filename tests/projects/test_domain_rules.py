"""Dates of stages record what happened (none in the future), and a month's investment
already recorded is replaced only when the user says so, seeing the old figure, with the
change in the audit trail under its author."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from mingzhu.projects import actions
from mingzhu.projects.models import MonthlyInvestment, Project

from .conftest import evidence
from .test_views import HEADER, _upload

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

FUTURE = "2030-01-01"
PROJECTS = "/api/v1/projects/"


def test_the_action_refuses_a_stage_dated_in_the_future(make_project, xinba):
    project = make_project()
    with pytest.raises(ValidationError) as refused:
        actions.advance_project(
            project.pk, actor=xinba, to_stage="signed", on=dt.date(2030, 1, 1), evidence=evidence()
        )
    assert FUTURE in refused.value.message_dict["on"][0]
    project.refresh_from_db()
    assert project.stage == "negotiating" and project.signed_on is None
    assert not project.stage_changes.exists()


def test_the_form_refuses_a_stage_dated_in_the_future(as_user, make_project, xinba):
    project = make_project()
    url = f"/projects/{project.pk}/move/"
    response = as_user(xinba).post(
        url, {"to_stage": "signed", "on": FUTURE, "evidence": evidence()}
    )
    assert response.status_code == 400
    assert FUTURE in response.content.decode()
    today = timezone.localdate().isoformat()
    ok = as_user(xinba).post(url, {"to_stage": "signed", "on": today, "evidence": evidence()})
    assert ok.status_code == 302
    project.refresh_from_db()
    assert project.stage == "signed" and project.signed_on.isoformat() == today


def test_the_api_refuses_a_stage_dated_in_the_future(as_user, make_project, xinba):
    project = make_project()
    url = f"{PROJECTS}{project.pk}/advance/"
    response = as_user(xinba).post(
        url, {"to_stage": "signed", "on": FUTURE, "evidence": evidence()}
    )
    assert response.status_code == 400 and FUTURE in str(response.json()["on"])
    assert Project.objects.get(pk=project.pk).stage == "negotiating"


def test_the_api_and_the_form_refuse_negotiations_begun_in_the_future(as_user, xinba, unit):
    body = {
        "name": "未来洽谈",
        "investor": "某公司",
        "chain": "electrical",
        "total_investment": "1000",
        "foreign_investment": "0",
        "town": unit("YZ-XINBA").pk,
        "negotiating_on": FUTURE,
    }
    response = as_user(xinba).post(PROJECTS, body, content_type="application/json")
    assert response.status_code == 400 and FUTURE in str(response.json()["negotiating_on"])
    page = as_user(xinba).post("/projects/add/", body)
    assert page.status_code == 200 and "negotiating_on" in page.context["form"].errors
    assert not Project.objects.filter(name="未来洽谈").exists()


def test_the_import_refuses_negotiations_begun_in_the_future(as_user, xinba):
    rows = [
        HEADER,
        ["按期项目", "甲公司", "光伏新能源", 35000, "新坝镇", "2025-03-01", "否"],
        ["未来项目", "乙公司", "光伏新能源", 8000, "新坝镇", FUTURE, "否"],
    ]
    response = as_user(xinba).post("/projects/import/", {"file": _upload(rows)})
    assert response.status_code == 400
    assert FUTURE in response.content.decode()
    assert not Project.objects.filter(name__in=["按期项目", "未来项目"]).exists()


def _changes(row):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MonthlyInvestment),
        object_id=row.pk,
        action=LogEntry.Action.UPDATE,
    )


def test_the_page_shows_the_old_figure_and_replaces_it_only_when_asked(
    as_user, make_project, xinba
):
    project = make_project()
    client = as_user(xinba)
    url = f"/projects/{project.pk}/investment/"
    assert client.post(url, {"year": "2026", "month": "3", "completed": "2775"}).status_code == 302
    again = client.post(url, {"year": "2026", "month": "3", "completed": "2581.25"})
    assert again.status_code == 400
    message = again.context["form"].errors["completed"][0]
    assert "2775" in message and "2581.25" in message and "2026-03" in message
    row = project.monthly.get()
    assert row.completed == 2775 and not _changes(row).exists()
    same = client.post(url, {"year": "2026", "month": "3", "completed": "2775"})
    assert same.status_code == 302  # the same figure again changes nothing
    replaced = client.post(
        url, {"year": "2026", "month": "3", "completed": "2581.25", "overwrite": "on"}
    )
    assert replaced.status_code == 302
    row.refresh_from_db()
    assert str(row.completed) == "2581.25"
    change = _changes(row).get()
    assert change.actor == xinba and change.changes_dict["completed"] == ["2775.00", "2581.25"]


def test_the_plan_is_replaced_only_when_asked(make_project, xinba):
    project = make_project()
    actions.record_investment(project.pk, actor=xinba, year=2026, planned=1200)
    with pytest.raises(ValidationError) as refused:
        actions.record_investment(project.pk, actor=xinba, year=2026, planned=1000)
    assert "1200" in refused.value.message_dict["planned"][0]
    assert project.plans.get().planned == 1200
    actions.record_investment(project.pk, actor=xinba, year=2026, planned=1000, overwrite=True)
    assert project.plans.get().planned == 1000


def test_a_replacement_outside_a_request_carries_its_author(make_project, xinba):
    project = make_project()
    actions.record_investment(project.pk, actor=xinba, year=2026, monthly={5: 100})
    actions.record_investment(project.pk, actor=xinba, year=2026, monthly={5: 90}, overwrite=True)
    row = MonthlyInvestment.objects.get(project=project, month=5)
    assert _changes(row).get().actor == xinba
