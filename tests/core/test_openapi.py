"""The OpenAPI document is valid, and every GET it documents answers."""

import re

import pytest
from django.db import transaction
from django.test import Client, override_settings

from mingzhu.org.models import User

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    """The document as the leader is served it, fetched once for the module's tests (it
    takes seconds to build, and no test here changes what it documents). The sign-in's
    session row is rolled back. Module fixtures come before the function ones, so the
    demo users are let in here (tests/conftest.py does so for each test)."""
    with (
        override_settings(ALLOW_DEMO_USERS=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        client = Client()
        client.force_login(
            User.objects.get(username="leader"), backend="mingzhu.org.backends.RoleBackend"
        )
        response = client.get("/api/v1/schema/", {"format": "json"})
        transaction.set_rollback(True)
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


def test_the_schema_validates(leader):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    validate_schema(SchemaGenerator().get_schema(request=None, public=True))


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_names_for_generated_clients_are_ascii(schema):
    assert [n for n in schema["components"]["schemas"] if not n.isascii()] == []
    operation_ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert operation_ids and [o for o in operation_ids if not o.isascii()] == []
    titles = [n["title"] for n in _walk(schema) if isinstance(n.get("title"), str)]
    assert [t for t in titles if not t.isascii()] == []
    # The Chinese labels stay in the descriptions.
    kind = next(
        p for p in schema["paths"]["/api/v1/org/units/"]["get"]["parameters"] if p["name"] == "kind"
    )
    assert "类型" in kind["description"]


def test_no_response_is_an_untyped_object(schema):
    untyped = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            for code, response in op["responses"].items():
                for node in _walk(response):
                    if node.get("type") == "object" and not node.get("properties"):
                        untyped.append(f"{method} {path} {code}")
    assert untyped == []


def test_every_operation_documents_its_errors(schema):
    ops = {(p, m): op for p, methods in schema["paths"].items() for m, op in methods.items()}
    for (path, method), op in ops.items():
        assert {"401", "403"} <= set(op["responses"]), (method, path)
        if "{" in path:
            assert "404" in op["responses"], (method, path)
    assert "409" in ops[("/api/v1/tasks/{id}/accept/", "post")]["responses"]
    # Any write may meet another request at the same moment (core.middleware).
    for (path, method), op in ops.items():
        if method in ("post", "put", "patch", "delete"):
            assert {"409", "503"} <= set(op["responses"]), (method, path)
        else:
            assert "503" not in op["responses"], (method, path)
    assert "400" in ops[("/api/v1/tasks/", "post")]["responses"]
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"detail", "code"}


def test_notifications_do_not_advertise_the_task_filters(schema):
    names = {
        p["name"] for p in schema["paths"]["/api/v1/tasks/notifications/"]["get"]["parameters"]
    }
    assert "unread" in names
    assert not names & {"deadline_after", "lead_unit", "status", "ordering"}
    task_names = {p["name"] for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert {"deadline_after", "ordering"} <= task_names


def test_every_list_has_filters_and_ordering(schema):
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if op is None or "{" in path or "results" not in str(op["responses"]["200"]):
            continue
        names = {p["name"] for p in op.get("parameters", [])}
        if "page" not in names or path.endswith("/notifications/"):
            continue  # a report, or the caller's own feed (newest first, ?unread=1)
        assert "ordering" in names, path
        assert names - {"ordering", "page", "page_size"}, f"{path} has no filters"


def test_it_builds_the_document_once_per_language_and_serves_that_copy(
    as_user, leader, settings, monkeypatch
):
    from drf_spectacular.generators import SchemaGenerator

    from mingzhu.core.api import SchemaView

    monkeypatch.setattr(SchemaView, "_built", {})
    built = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        built.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    client = as_user(leader)
    first = client.get("/api/v1/schema/", {"format": "json"})
    again = client.get("/api/v1/schema/", {"format": "json"})
    as_yaml = client.get("/api/v1/schema/")
    assert first.status_code == again.status_code == as_yaml.status_code == 200
    assert first.json() == again.json()
    assert "openapi: 3" in as_yaml.content.decode()
    assert "/api/v1/tasks/{id}/accept/:" in as_yaml.content.decode()
    assert len(built) == 1
    # English is a document of its own: the descriptions are translated.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/api/v1/schema/", {"format": "json"})
    assert len(built) == 2
    assert english.json() != first.json()
    assert english.json()["paths"].keys() == first.json()["paths"].keys()
    client.get("/api/v1/schema/", {"format": "json"})
    assert len(built) == 2
    # The document is for signed-in callers only, kept or not.
    assert Client().get("/api/v1/schema/").status_code in (401, 403)
