"""/api/v1/rural/...: list and detail of every model through restrict, inspections and
faults through their actions, the ranking."""

import pytest
from django.utils import timezone

from mingzhu.org.models import User
from mingzhu.rural.models import (
    Facility,
    FacilityFault,
    FacilityType,
    InspectionPhoto,
    InspectionScore,
    Maintainer,
    Remediation,
    RemediationProgramme,
    ScoringItem,
    ScoringSheet,
    SecretaryPlan,
    VillageInspection,
)

from .conftest import LIXIN, YONGSHENG

API = "/api/v1/rural"
SCOPED = [
    ("remediations", Remediation, "natural_village__path"),
    ("inspections", VillageInspection, "village__path"),
    ("scores", InspectionScore, "inspection__village__path"),
    ("facilities", Facility, "village__path"),
    ("faults", FacilityFault, "facility__village__path"),
    ("secretary-plans", SecretaryPlan, "unit__path"),
]
GLOBAL = [
    ("programmes", RemediationProgramme),
    ("sheets", ScoringSheet),
    ("items", ScoringItem),
    ("facility-types", FacilityType),
    ("maintainers", Maintainer),
]


def _count(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()["count"]


@pytest.mark.parametrize("prefix,model,path", SCOPED)
def test_lists_follow_the_scope(as_user, unit, prefix, model, path):
    nyj, lixin, fgw = (User.objects.get(username=n) for n in ("nyj", "lixin", "fgw"))
    url = f"{API}/{prefix}/"
    assert _count(as_user(nyj), url) == model.objects.count()
    village_path = unit(LIXIN).path
    assert (
        _count(as_user(lixin), url)
        == model.objects.filter(**{f"{path}__startswith": village_path}).count()
    )
    assert as_user(fgw).get(url).status_code == 403
    outside = model.objects.filter(**{f"{path}__startswith": unit(YONGSHENG).path}).first()
    mine = model.objects.filter(**{f"{path}__startswith": village_path}).first()
    assert as_user(lixin).get(f"{url}{mine.pk}/").status_code == 200
    if outside is not None:
        assert as_user(lixin).get(f"{url}{outside.pk}/").status_code == 404
        assert as_user(nyj).get(f"{url}{outside.pk}/").status_code == 200


@pytest.mark.parametrize("prefix,model", GLOBAL)
def test_reference_data_is_read_by_every_signed_in_user(as_user, outsider, prefix, model):
    obj = model.objects.first()
    assert _count(as_user(outsider), f"{API}/{prefix}/") == model.objects.count()
    assert as_user(outsider).get(f"{API}/{prefix}/{obj.pk}/").status_code == 200


def test_photos_list(as_user, nyj, lixin):
    assert _count(as_user(nyj), f"{API}/photos/") == InspectionPhoto.objects.count()
    assert as_user(lixin).get(f"{API}/photos/").status_code == 200


def test_anonymous_gets_nothing(client):
    assert client.get(f"{API}/facilities/").status_code in (401, 403)


def test_record_an_inspection_through_the_api(as_user, nyj, lixin, unit, sheet):
    items = list(sheet.items.all())
    body = {
        "village": unit(LIXIN).pk,
        "sheet": sheet.pk,
        "inspected_on": timezone.localdate().isoformat(),
        "score_input": [
            {"item": items[0].pk, "score": "11"},
            {"item": items[1].pk, "score": "10"},
            {"item": items[2].pk, "score": "10"},
        ],
    }
    response = as_user(nyj).post(f"{API}/inspections/", body, content_type="application/json")
    assert response.status_code == 400
    assert f"score_{items[0].pk}" in response.json()
    body["score_input"][0] = {"item": items[0].pk, "score": "7", "raise_task": True}
    response = as_user(nyj).post(f"{API}/inspections/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    scores = response.json()["scores"]
    assert [s["deduction"] for s in scores] == ["3.00", "0.00", "0.00"]
    assert scores[0]["task_code"] and scores[0]["task_status"] == "assigned"
    denied = as_user(lixin).post(f"{API}/inspections/", body, content_type="application/json")
    assert denied.status_code == 403


def test_report_and_dispatch_a_fault_through_the_api(as_user, grid_worker, nyj, xinba, unit):
    facility = Facility.objects.filter(village__code=LIXIN).first()
    response = as_user(grid_worker).post(
        f"{API}/faults/",
        {"facility": facility.pk, "source": "grid_worker", "description": "管网漏水"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    fault_id = response.json()["id"]
    assert response.json()["status"] == "reported"
    elsewhere = Facility.objects.filter(village__code=YONGSHENG).first()
    response = as_user(grid_worker).post(
        f"{API}/faults/",
        {"facility": elsewhere.pk, "description": "坏了"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "facility" in response.json()
    url = f"{API}/faults/{fault_id}/dispatch/"
    assert as_user(xinba).post(url, {}, content_type="application/json").status_code == 403
    response = as_user(nyj).post(url, {}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "repairing"
    again = as_user(nyj).post(url, {}, content_type="application/json")
    assert again.status_code == 400


def test_the_ranking_endpoint(as_user, nyj, lixin, fgw):
    data = as_user(nyj).get(f"{API}/ranking/").json()
    assert data["villages"] and data["towns"]
    mine = as_user(lixin).get(f"{API}/ranking/").json()
    assert [r["name"] for r in mine["villages"]] == ["立新村"]
    assert as_user(fgw).get(f"{API}/ranking/").status_code == 403
    assert as_user(nyj).get(f"{API}/ranking/?quarter=bad").status_code == 400


def test_the_schema_lists_the_rural_endpoints(as_user, administrator):
    response = as_user(administrator).get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/rural/faults/{id}/dispatch/" in text
