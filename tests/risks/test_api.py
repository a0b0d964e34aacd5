import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.risks.models import Hazard


@pytest.fixture
def api(as_user, django_user_model):
    return lambda name: as_user(django_user_model.objects.get(username=name))


def test_hazards_are_listed_within_scope(api, unit):
    data = api("xinba").get("/api/v1/risks/hazards/").json()
    xinba = unit("YZ-XINBA")
    assert data["count"] == Hazard.objects.filter(unit__path__startswith=xinba.path).count()
    assert api("outsider").get("/api/v1/risks/hazards/").status_code == 403
    other = Hazard.objects.exclude(unit__path__startswith=xinba.path).first()
    assert api("xinba").get(f"/api/v1/risks/hazards/{other.pk}/").status_code == 404


def test_registering_through_the_api(api, unit):
    today = timezone.localdate()
    body = {
        "title": "API 登记",
        "domain": "ecology",
        "level": "ordinary",
        "unit": unit("YZ-XINBA").pk,
        "found_on": today.isoformat(),
        "found_by": "巡查",
        "description": "雨污混接",
        "deadline": (today + dt.timedelta(days=20)).isoformat(),
    }
    response = api("supervisor").post("/api/v1/risks/hazards/", body)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"
    assert response.json()["task_code"]
    assert api("xinba").post("/api/v1/risks/hazards/", body).status_code == 403
    bad = api("supervisor").post("/api/v1/risks/hazards/", {**body, "deadline": "2000-01-01"})
    assert bad.status_code == 400
    assert "deadline" in bad.json()


def test_owner_and_measures_through_the_api(api, unit):
    hazard = Hazard.objects.filter(unit=unit("YZ-XINBA")).with_status("open").first()
    url = f"/api/v1/risks/hazards/{hazard.pk}/plan/"
    response = api("xinba").post(url, {"owner": "钱七", "measures": "整改"})
    assert response.status_code == 200
    assert response.json()["owner"] == "钱七"
    assert api("sanmao").post(url, {"owner": "x"}).status_code == 404


def test_metrics_endpoint(api):
    data = api("leader").get("/api/v1/risks/hazard-metrics/", {"from": "2020-01-01"}).json()
    assert data["open"] == data["knowable"]["denominator"]
    assert api("outsider").get("/api/v1/risks/hazard-metrics/").status_code == 403
    assert api("leader").get("/api/v1/risks/hazard-metrics/", {"from": "x"}).status_code == 400


def test_the_planner_endpoint(api):
    data = api("czj").get("/api/v1/risks/debt/instruments/plan/", {"window": 12}).json()
    assert data["peak_after"] <= data["peak_before"]
    assert {"months", "due_before", "due_after", "moves", "extra_cost"} <= set(data)
    assert api("fgw").get("/api/v1/risks/debt/instruments/plan/").status_code == 403
    bad = api("czj").get("/api/v1/risks/debt/instruments/plan/", {"window": "abc"})
    assert bad.status_code == 400
