import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.enterprises.models import Demand, Enterprise

API = "/api/v1/enterprises"


@pytest.mark.parametrize(
    "path", ["registry/", "annual-data/", "mu-results/", "visits/", "demands/", "demand-rates/"]
)
def test_outsiders_get_nothing(as_user, outsider, client, path):
    assert as_user(outsider).get(f"{API}/{path}").status_code == 403
    assert client.get(f"{API}/{path}").status_code in (401, 403)


def test_the_registry_by_scope(as_user, gxj, xinba, enterprise_user, own_enterprise):
    assert as_user(gxj).get(f"{API}/registry/").json()["count"] == Enterprise.objects.count()
    town = as_user(xinba).get(f"{API}/registry/", {"page_size": 500}).json()
    assert {r["town"] for r in town["results"]} == {own_enterprise.town_id}
    own = as_user(enterprise_user).get(f"{API}/registry/").json()
    assert [r["id"] for r in own["results"]] == [own_enterprise.pk]
    other = Enterprise.objects.exclude(pk=own_enterprise.pk).first()
    assert as_user(enterprise_user).get(f"{API}/registry/{other.pk}/").status_code == 404


def test_the_industry_bureau_registers_enterprises(as_user, gxj, xinba, unit):
    body = {
        "credit_code": "9144030071526726xg",
        "name": "API企业",
        "town": unit("YZ-BAQIAO").pk,
        "industry": "C38",
        "scale": "above",
        "land_mu": "10.5",
    }
    response = as_user(gxj).post(f"{API}/registry/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["credit_code"] == "9144030071526726XG"
    bad = as_user(gxj).post(
        f"{API}/registry/",
        body | {"credit_code": "9144030071526726XA"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "credit_code" in bad.json()
    denied = as_user(xinba).post(f"{API}/registry/", body, content_type="application/json")
    assert denied.status_code == 403
    twice = as_user(gxj).post(f"{API}/registry/", body, content_type="application/json")
    assert twice.status_code == 400 and "credit_code" in twice.json()
    pk = response.json()["id"]
    renamed = as_user(gxj).patch(
        f"{API}/registry/{pk}/", {"name": "改名企业"}, content_type="application/json"
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "改名企业"
    moved = as_user(gxj).patch(
        f"{API}/registry/{pk}/", {"town": unit("YZ-XINBA-V02").pk}, content_type="application/json"
    )
    assert moved.status_code == 400


def test_results_by_year_and_scope(as_user, enterprise_user, own_enterprise, leader):
    mine = as_user(enterprise_user).get(f"{API}/mu-results/", {"year": 2024}).json()
    assert [r["enterprise"] for r in mine["results"]] == [own_enterprise.pk]
    # 2025 is a draft: an enterprise sees only published years; the leader sees the draft.
    draft = as_user(enterprise_user).get(f"{API}/mu-results/", {"year": 2025}).json()
    assert draft["results"] == []
    assert as_user(leader).get(f"{API}/mu-results/", {"year": 2025}).json()["count"] == 600


def test_demands_raise_dispatch_and_rate(as_user, enterprise_user, gxj, own_enterprise, unit):
    client = as_user(enterprise_user)
    response = client.post(
        f"{API}/demands/",
        {"enterprise": own_enterprise.pk, "category": "financing", "content": "贷款"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    demand_id = response.json()["id"]
    assert response.json()["channel"] == "online" and response.json()["status"] == "pending"
    other = Enterprise.objects.exclude(pk=own_enterprise.pk).first()
    refused = client.post(
        f"{API}/demands/",
        {"enterprise": other.pk, "category": "financing", "content": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400  # not one of the enterprises it may choose
    assert (
        client.post(
            f"{API}/demands/{demand_id}/dispatch/",
            {"department": unit("YZ-DEPT-CZJ").pk},
            content_type="application/json",
        ).status_code
        == 403
    )
    dispatched = as_user(gxj).post(
        f"{API}/demands/{demand_id}/dispatch/",
        {"department": unit("YZ-DEPT-CZJ").pk},
        content_type="application/json",
    )
    assert dispatched.status_code == 200 and dispatched.json()["status"] == "assigned"
    again = as_user(gxj).post(
        f"{API}/demands/{demand_id}/dispatch/",
        {"department": unit("YZ-DEPT-CZJ").pk},
        content_type="application/json",
    )
    assert again.status_code == 400
    early = client.post(
        f"{API}/demands/{demand_id}/rate/", {"rating": "satisfied"}, content_type="application/json"
    )
    assert early.status_code == 400
    assert (
        client.post(
            f"{API}/demands/999999/rate/", {"rating": "satisfied"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert Demand.objects.get(pk=demand_id).task.lead_unit.code == "YZ-DEPT-CZJ"


def test_demand_rates(as_user, leader, gxj):
    data = (
        as_user(leader)
        .get(f"{API}/demand-rates/", {"from": "2020-01-01", "to": "2030-12-31"})
        .json()
    )
    assert data["results"] and {
        "response_rate",
        "resolution_rate",
        "satisfaction_rate",
        "name",
    } <= set(data["results"][0])
    assert as_user(gxj).get(f"{API}/demand-rates/", {"from": "x"}).status_code == 400


def test_visits_api(as_user, xinba, own_enterprise, sanmao):
    body = {
        "enterprise": own_enterprise.pk,
        "kind": "survey",
        "date": "2025-05-05",
        "visitors": "调研组",
    }
    response = as_user(xinba).post(f"{API}/visits/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    elsewhere = as_user(sanmao).post(f"{API}/visits/", body, content_type="application/json")
    assert elsewhere.status_code == 400 and "enterprise" in elsewhere.json()
    future = {**body, "date": (timezone.localdate() + dt.timedelta(days=7)).isoformat()}
    refused = as_user(xinba).post(f"{API}/visits/", future, content_type="application/json")
    assert refused.status_code == 400 and "date" in refused.json()
    assert "未来" in str(refused.json()["date"])


def test_the_schema_lists_the_endpoints(as_user, leader):
    response = as_user(leader).get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/enterprises/demands/{id}/dispatch/" in response.content
