import pytest

from mingzhu.party.models import Household, HouseholdLink, HouseholdVisit

from .conftest import LIXIN, XINZHI

ENDPOINTS = [
    "organisations",
    "groups",
    "members",
    "households",
    "links",
    "visits",
    "activities",
    "courses",
    "sessions",
    "attendance",
]
PERSONAS = [
    ("zzb", 200),
    ("leader", 200),
    ("xinba", 200),
    ("sanmao", 200),
    ("lixin", 200),
    ("wmb", 403),
    ("fgw", 403),
    ("supervisor", 403),
    ("grid_worker", 403),
    ("enterprise_user", 403),
    ("administrator", 403),
    ("outsider", 403),
]


@pytest.mark.parametrize(("persona", "status"), PERSONAS)
def test_it_guards_every_list_and_detail_endpoint(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    for name in ENDPOINTS:
        response = client.get(f"/api/v1/party/{name}/")
        assert response.status_code == status, name
        if status == 200:
            results = response.json()["results"]
            if results:
                detail = client.get(f"/api/v1/party/{name}/{results[0]['id']}/")
                assert detail.status_code == 200, name


def test_it_answers_404_out_of_scope(as_user, lixin, sanmao):
    own = Household.objects.filter(village__code=LIXIN).first()
    other = Household.objects.filter(village__code=XINZHI).first()
    assert as_user(lixin).get(f"/api/v1/party/households/{own.pk}/").status_code == 200
    assert as_user(lixin).get(f"/api/v1/party/households/{other.pk}/").status_code == 404
    assert as_user(sanmao).get(f"/api/v1/party/households/{own.pk}/").status_code == 404
    ids = {r["village"] for r in as_user(lixin).get("/api/v1/party/households/").json()["results"]}
    assert ids == {own.village_id}


def test_it_links_and_refuses_a_second_link(as_user, lixin, member, household):
    home = household()
    client = as_user(lixin)
    body = {"member": member("甲").pk, "started_on": "2025-01-01"}
    url = f"/api/v1/party/households/{home.pk}/link/"
    assert client.post(url, body, content_type="application/json").status_code == 200
    body["member"] = member("乙").pk
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400 and "already linked to 甲" in str(response.json())
    assert HouseholdLink.objects.filter(household=home).count() == 1


def test_it_refuses_a_visit_in_the_future(as_user, zzb, member, household):
    home = household()
    url = f"/api/v1/party/households/{home.pk}/visit/"
    body = {"member": member().pk, "visited_on": "2999-01-01", "findings": "未来"}
    response = as_user(zzb).post(url, body, content_type="application/json")
    assert response.status_code == 400 and "visited_on" in response.json()
    body.update(visited_on="2025-01-01", problem="墙体开裂")
    response = as_user(zzb).post(url, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["task_status"] == "assigned"


def test_it_raises_a_task_through_the_api_only_for_those_allowed(
    as_user, lixin, zzb, member, household
):
    body = {"member": member().pk, "visited_on": "2025-01-01", "findings": "x", "problem": "y"}
    home = household()
    client = as_user(lixin)
    client.post(f"/api/v1/party/households/{home.pk}/visit/", body, content_type="application/json")
    visit = HouseholdVisit.objects.get(household=home)
    url = f"/api/v1/party/visits/{visit.pk}/raise-task/"
    assert client.post(url, {}, content_type="application/json").status_code == 403
    response = as_user(zzb).post(url, {}, content_type="application/json")
    assert response.status_code == 200 and response.json()["task_code"]
    assert as_user(zzb).post(url, {}, content_type="application/json").status_code == 400


def test_it_has_no_write_through_the_list_endpoints(as_user, zzb):
    response = as_user(zzb).post("/api/v1/party/households/", {}, content_type="application/json")
    assert response.status_code == 405
