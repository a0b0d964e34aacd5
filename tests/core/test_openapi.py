"""The OpenAPI document is valid, and every GET it documents answers."""

import re

import pytest


@pytest.fixture
def schema(as_user, leader):
    response = as_user(leader).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_it_serves_an_openapi_3_document(schema):
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/org/units/" in schema["paths"]
    assert "/api/v1/org/users/{id}/" in schema["paths"]


def test_it_documents_token_and_session_auth(schema):
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} >= {"apiKey"}
    assert {s.get("in") for s in schemes.values()} >= {"cookie", "header"}


def _gets(schema) -> list[str]:
    return [path for path, ops in schema["paths"].items() if "get" in ops]


def test_it_answers_every_documented_list(as_user, leader, schema):
    client = as_user(leader)
    for path in [p for p in _gets(schema) if "{" not in p]:
        response = client.get(path)
        assert response.status_code == 200, path


# Endpoints only one role may call, and the persona who holds it.
ONLY_FOR = {"/api/v1/livelihood/requests/{id}/suggestion/": "rexian"}


def test_it_answers_every_documented_detail_with_a_real_id(as_user, leader, schema, request):
    client = as_user(leader)
    details = [p for p in _gets(schema) if "{" in p]
    assert details
    for path in details:
        assert re.findall(r"\{(\w+)\}", path) == ["id"], f"unexpected parameters in {path}"
        listing = client.get(path.split("{id}")[0]).json()
        rows = listing["results"] if isinstance(listing, dict) else listing
        if not rows:
            continue  # nothing of that kind in the demo data yet
        caller = client
        if path in ONLY_FOR:
            assert client.get(path.replace("{id}", str(rows[0]["id"]))).status_code == 403
            caller = as_user(request.getfixturevalue(ONLY_FOR[path]))
        response = caller.get(path.replace("{id}", str(rows[0]["id"])))
        assert response.status_code == 200, path
        if path.endswith("/{id}/"):
            assert response.json()["id"] == rows[0]["id"]
