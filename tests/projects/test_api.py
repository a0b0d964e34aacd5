import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.projects.models import FactorRequest, Inspection, Project

from .conftest import evidence

PROJECTS = "/api/v1/projects/"
REQUESTS = "/api/v1/projects/factor-requests/"
INSPECTIONS = "/api/v1/projects/inspections/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("leader", 200), ("supervisor", 200), ("xinba", 200), ("fgw", 200), ("outsider", 403)],
)
def test_it_guards_the_project_list(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(PROJECTS).status_code == status


def test_it_lists_only_projects_in_scope(as_user, xinba, leader):
    towns = {p["town"] for p in as_user(xinba).get(PROJECTS, {"page_size": 500}).json()["results"]}
    assert towns == {xinba.unit_id}
    assert as_user(leader).get(PROJECTS).json()["count"] == Project.objects.count()


def test_the_sub_paths_are_not_taken_for_a_project(as_user, supervisor):
    assert as_user(supervisor).get(REQUESTS).json()["count"] == FactorRequest.objects.count()
    assert as_user(supervisor).get(INSPECTIONS).json()["count"] == Inspection.objects.count()


def test_it_creates_a_project_and_refuses_bad_values(as_user, xinba, unit):
    client = as_user(xinba)
    body = {
        "name": "接口项目",
        "investor": "接口公司",
        "chain": "photovoltaic",
        "total_investment": "320000",
        "town": unit("YZ-XINBA").pk,
        "negotiating_on": "2025-06-01",
    }
    created = client.post(PROJECTS, body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["tier"] == "30yi" and created.json()["investment_yi"] == "32.00"
    negative = client.post(
        PROJECTS, body | {"name": "负", "total_investment": "-1"}, content_type="application/json"
    )
    assert negative.status_code == 400 and "total_investment" in negative.json()
    foreign = client.post(
        PROJECTS,
        body | {"name": "外", "total_investment": "10", "foreign_investment": "20"},
        content_type="application/json",
    )
    assert foreign.status_code == 400 and "foreign_investment" in foreign.json()
    elsewhere = client.post(
        PROJECTS,
        body | {"name": "外镇", "town": unit("321182001000").pk},
        content_type="application/json",
    )
    assert elsewhere.status_code == 400 and "town" in elsewhere.json()
    assert not Project.objects.filter(name__in=["负", "外", "外镇"]).exists()
    stage = client.patch(
        f"{PROJECTS}{created.json()['id']}/",
        {"stage": "in_operation"},
        content_type="application/json",
    )
    assert stage.status_code == 200 and stage.json()["stage"] == "negotiating"


def test_it_advances_a_project(as_user, make_project, xinba, sanmao):
    project = make_project()
    url = f"{PROJECTS}{project.pk}/advance/"
    assert as_user(sanmao).post(url, {"to_stage": "signed", "on": "2025-02-01"}).status_code == 404
    missing = as_user(xinba).post(url, {"to_stage": "signed", "on": "2025-02-01"})
    assert missing.status_code == 400 and "evidence" in missing.json()
    skip = as_user(xinba).post(
        url, {"to_stage": "landed", "on": "2025-02-01", "evidence": evidence()}
    )
    assert skip.status_code == 400
    ok = as_user(xinba).post(
        url, {"to_stage": "signed", "on": "2025-02-01", "evidence": evidence()}
    )
    assert ok.status_code == 200 and ok.json()["stage"] == "signed"
    assert ok.json()["signed_on"] == "2025-02-01"


def test_it_raises_dispatches_and_rates_factor_requests(as_user, make_project, xinba, supervisor):
    project = make_project()
    needed = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    body = {
        "project": project.pk,
        "kind": "funding",
        "quantity": "500",
        "unit": "wan_yuan",
        "needed_by": needed,
    }
    created = as_user(xinba).post(REQUESTS, body, content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "submitted"
    bad = as_user(xinba).post(REQUESTS, body | {"unit": "mu"}, content_type="application/json")
    assert bad.status_code == 400 and "unit" in bad.json()
    pk = created.json()["id"]
    assert as_user(xinba).post(f"{REQUESTS}{pk}/dispatch/", {}).status_code == 403
    dispatched = as_user(supervisor).post(f"{REQUESTS}{pk}/dispatch/", {})
    assert dispatched.status_code == 200 and dispatched.json()["status"] == "assigned"
    assert dispatched.json()["task_code"]
    again = as_user(supervisor).post(f"{REQUESTS}{pk}/dispatch/", {})
    assert again.status_code == 400
    early = as_user(xinba).post(f"{REQUESTS}{pk}/rate/", {"satisfaction": "satisfied"})
    assert early.status_code == 400


def test_inspections_api(as_user, supervisor, xinba, leader):
    created = as_user(leader).post(
        INSPECTIONS, {"title": "接口观摩", "date": "2025-05-01"}, content_type="application/json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    project = Project.objects.filter(town__code="YZ-XINBA").first()
    scored = as_user(supervisor).post(
        f"{INSPECTIONS}{pk}/score/", {"project": project.pk, "score": "87.5"}
    )
    assert scored.status_code == 200 and scored.json()["scores"][0]["score"] == "87.5"
    assert (
        as_user(xinba)
        .post(f"{INSPECTIONS}{pk}/score/", {"project": project.pk, "score": "80"})
        .status_code
        == 403
    )
    assert as_user(xinba).post(INSPECTIONS, {"title": "x", "date": "2025-05-01"}).status_code == 403
    rows = as_user(xinba).get(f"{INSPECTIONS}{pk}/").json()["scores"]
    assert [r["project"] for r in rows] == [project.pk]
