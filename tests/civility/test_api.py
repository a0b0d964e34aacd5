import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.civility.models import Application

ENDPOINTS = [
    "categories",
    "applications",
    "application-events",
    "objections",
    "activities",
    "participations",
]
PERSONAS = [
    ("wmb", 200),
    ("leader", 200),
    ("xinba", 200),
    ("sanmao", 200),
    ("lixin", 200),
    ("zzb", 403),
    ("fgw", 403),
    ("supervisor", 403),
    ("grid_worker", 403),
    ("enterprise_user", 403),
    ("outsider", 403),
]


@pytest.mark.parametrize(("persona", "status"), PERSONAS)
def test_it_guards_every_list_and_detail_endpoint(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    for name in ENDPOINTS:
        response = client.get(f"/api/v1/civility/{name}/")
        if name == "categories":
            # Reference data: every signed-in user reads the categories.
            assert response.status_code == 200
            continue
        assert response.status_code == status, name
        if status == 200 and response.json()["results"]:
            first = response.json()["results"][0]["id"]
            assert client.get(f"/api/v1/civility/{name}/{first}/").status_code == 200


def test_it_answers_404_out_of_scope(as_user, sanmao):
    app = Application.objects.filter(unit__code__startswith="YZ-XINBA").first()
    assert as_user(sanmao).get(f"/api/v1/civility/applications/{app.pk}/").status_code == 404


def test_it_runs_the_way_through_the_api(as_user, lixin, wmb, category, unit):
    body = {
        "category": category.pk,
        "year": timezone.localdate().year,
        "applicant": "立新村",
        "unit": unit("YZ-XINBA-V02").pk,
    }
    response = as_user(lixin).post("/api/v1/civility/applications/", body, "application/json")
    assert response.status_code == 201
    app_id = response.json()["id"]
    again = as_user(lixin).post("/api/v1/civility/applications/", body, "application/json")
    assert again.status_code == 400
    office = as_user(wmb)
    base = f"/api/v1/civility/applications/{app_id}"
    assert (
        as_user(lixin).post(f"{base}/review/", {"approve": True}, "application/json").status_code
        == 403
    )
    assert office.post(f"{base}/review/", {"approve": True}, "application/json").status_code == 200
    # A notice that has run its course, from ten days ago to four days ago, for an
    # application filed before it.
    start = timezone.localdate() - dt.timedelta(days=10)
    Application.objects.filter(pk=app_id).update(submitted_on=start - dt.timedelta(days=5))
    response = office.post(f"{base}/publish/", {"start": str(start)}, "application/json")
    assert response.json()["notice_end"] == str(start + dt.timedelta(days=6))
    late = office.post(
        f"{base}/objection/",
        {"received_on": str(start + dt.timedelta(days=7)), "content": "x"},
        "application/json",
    )
    assert late.status_code == 400
    office.post(
        f"{base}/objection/", {"received_on": str(start), "content": "x"}, "application/json"
    )
    after = str(timezone.localdate())
    early = office.post(f"{base}/award/", {"on": after}, "application/json")
    assert early.status_code == 400 and "still being checked" in str(early.json())
    objection = office.get(f"/api/v1/civility/objections/?application={app_id}").json()["results"]
    objection_id = next(o["id"] for o in objection if o["application"] == app_id)
    resolved = office.post(
        f"/api/v1/civility/objections/{objection_id}/resolve/",
        {"upheld": False, "resolution": "不属实", "on": str(start)},
        "application/json",
    )
    assert resolved.status_code == 200 and resolved.json()["outcome"] == "dismissed"
    awarded = office.post(f"{base}/award/", {"on": after}, "application/json")
    assert awarded.status_code == 200 and awarded.json()["status"] == "awarded"
    assert office.post(f"{base}/award/", {"on": after}, "application/json").status_code == 409
