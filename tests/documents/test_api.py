"""The API: decompose without storing; stored documents within scope; adopt."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from mingzhu.documents import seeds
from mingzhu.documents.models import PolicyDocument

from .texts import PLAN

DECOMPOSE = "/api/v1/documents/decompose/"
DOCUMENTS = "/api/v1/documents/"


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("fgw", 200), ("leader", 403), ("outsider", 403)],
)
def test_decompose_answers_who_may_load_documents(persona, status, request, db):
    before = PolicyDocument.objects.count()
    response = _client(request.getfixturevalue(persona)).post(
        DECOMPOSE, {"text": seeds.SEED_1}, format="json"
    )
    assert response.status_code == status
    assert PolicyDocument.objects.count() == before  # nothing stored
    if status == 200:
        body = response.json()
        assert set(body) == {
            *("title", "author", "year", "issued_on", "doc_number", "sections"),
            *("targets", "tasks"),
        }
        assert body["targets"][0] == {
            "indicator": "GDP",
            "comparator": ">",
            "value": 800,
            "unit": "亿元",
            "deadline": "2025-12-31",
            "text": body["targets"][0]["text"],
        }
        assert body["tasks"][8]["lead_unit"] == "市文明办"


def test_decompose_refuses_the_anonymous(db):
    assert _client().post(DECOMPOSE, {"text": PLAN}, format="json").status_code in (401, 403)


def test_decompose_takes_a_file(supervisor):
    upload = SimpleUploadedFile("plan.txt", PLAN.encode("gb18030"))
    response = _client(supervisor).post(DECOMPOSE, {"file": upload}, format="multipart")
    assert response.status_code == 200
    assert response.json()["title"] == "扬中市工业经济高质量发展三年行动方案"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"file": b"\x00\x01\x02\x03binary"}, "file"),
        ({"file": b"\x80\xff\xfe" * 10}, "file"),
    ],
)
def test_decompose_explains_bad_input(supervisor, payload, field):
    if "file" in payload:
        payload = {"file": SimpleUploadedFile("x.txt", payload["file"])}
        response = _client(supervisor).post(DECOMPOSE, payload, format="multipart")
    else:
        response = _client(supervisor).post(DECOMPOSE, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_one_megabyte_text_is_answered(supervisor):
    text = (seeds.SEED_1 + "\n") * 125
    assert len(text.encode()) > 1_000_000
    response = _client(supervisor).post(DECOMPOSE, {"text": text}, format="json")
    assert response.status_code == 200
    assert len(response.json()["targets"]) == 5 * 125


@pytest.mark.parametrize(
    ("persona", "count"), [("supervisor", 2), ("leader", 2), ("fgw", 0), ("outsider", None)]
)
def test_documents_are_listed_within_scope(persona, count, request, db):
    response = _client(request.getfixturevalue(persona)).get(DOCUMENTS)
    if count is None:
        assert response.status_code == 403
        return
    assert response.status_code == 200 and response.json()["count"] == count


def test_a_document_carries_its_table(supervisor, seed_1, fgw):
    body = _client(supervisor).get(f"{DOCUMENTS}{seed_1.pk}/").json()
    assert len(body["items"]) == 15 and len(body["targets"]) == 5
    item = next(i for i in body["items"] if i["code"] == "3.3")
    assert item["keyword"] == "文明城市" and item["task"] is not None
    assert _client(fgw).get(f"{DOCUMENTS}{seed_1.pk}/").status_code == 404


def test_adopt_through_the_api(supervisor, plan, unit):
    from mingzhu.documents import actions

    rows = [{"id": i.pk, "lead_unit": unit("YZ-DEPT-GXJ")} for i in plan.items.all()]
    actions.save_draft(plan.pk, actor=supervisor, items=rows)
    client = _client(supervisor)
    response = client.post(f"{DOCUMENTS}{plan.pk}/adopt/", {"name": "接口清单"}, format="json")
    assert response.status_code == 200 and response.json()["task_list"] is not None
    assert client.post(f"{DOCUMENTS}{plan.pk}/adopt/", {}, format="json").status_code == 409


def test_adopt_with_rows_missing_is_a_400(supervisor, plan):
    response = _client(supervisor).post(f"{DOCUMENTS}{plan.pk}/adopt/", {}, format="json")
    assert response.status_code == 400 and "2.1" in response.json()["detail"]


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("fgw", 404), ("outsider", 404)])
def test_adopt_is_refused_to_others(persona, status, plan, request):
    response = _client(request.getfixturevalue(persona)).post(
        f"{DOCUMENTS}{plan.pk}/adopt/", {}, format="json"
    )
    assert response.status_code == status
    plan.refresh_from_db()
    assert not plan.is_adopted


def test_documents_are_not_created_through_the_list(supervisor):
    response = _client(supervisor).post(DOCUMENTS, {"title": "x"}, format="json")
    assert response.status_code == 405


def test_it_is_in_the_schema(supervisor):
    response = _client(supervisor).get("/api/v1/schema/")
    assert response.status_code == 200
    content = response.content.decode() if hasattr(response, "content") else ""
    assert "/api/v1/documents/decompose/" in content
    assert io.BytesIO(response.content).read()
