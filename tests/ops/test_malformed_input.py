"""No request ends in a server error, whatever is typed: every form the crawl reaches (one
address per page pattern, as each persona reaches them) is sent with values no clerk
should send, and every operation of the API schema is called with malformed query
parameters and bodies. A refusal is a 4xx answer that says what is wrong (the pages' and
the API's own tests check the wording); a 500 fails here."""

import json
import re
from urllib.parse import urljoin

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve

from mingzhu.core.menu import menu_for
from mingzhu.core.testing import crawl, page_forms
from mingzhu.org.models import User

# Widest first: each next persona adds the forms only they reach.
PERSONAS = ["leader", "supervisor", "admin", "sanmao", "wangge", "rexian", "gxj", "czj"]
PERSONAS += ["nyj", "zzb", "wmb", "qiye", "lixin"]
# Per field type, a value no clerk should send: too long with a NUL byte and full-width
# digits, an impossible date or month, a number beyond any column, a choice that is no key.
MALFORMED = {
    "text": "\x00２０２５年１３月😀" + "x" * 3000,
    "textarea": "\x00😀" + "x" * 20000,
    "number": "1e309",
    "date": "2025-02-30",
    "month": "2025-13",
    "datetime-local": "2025-13-45T25:61",
    "select": "abc",
    "checkbox": "abc",
}
# Signing out and switching the language would leave the rest of the crawl elsewhere.
LEFT_ALONE = ("/accounts/", "/i18n/")
UPLOADS = [("台账.xlsx", b"PK\x03\x04 not a workbook"), ("公文.docx", b"\xff\xfe\x00")]


def _sent(fields, upload: int) -> dict:
    """The form's fields with malformed values; hidden fields keep their value (a form's
    one-time token, the object it is about) so that the sending reaches the form's own
    checks."""
    data = {}
    for name, kind, value in fields:
        if name == "csrfmiddlewaretoken" or kind in ("reset", "image"):
            continue
        if kind == "file":
            filename, content = UPLOADS[upload % len(UPLOADS)]
            data[name] = SimpleUploadedFile(filename, content)
        elif kind in ("submit", "button", "hidden"):
            data[name] = value
        else:
            data[name] = MALFORMED.get(kind, MALFORMED["text"])
    return data


def test_no_form_of_any_page_answers_a_server_error(db):
    seen: set[str] = set()
    sent: set[tuple] = set()
    failures = []
    for username in PERSONAS:
        user = User.objects.get(username=username)
        client = Client(raise_request_exception=False)
        client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
        start = ["/", *[item.url for group in menu_for(user) for item in group.items]]
        # Each page is sent from as soon as it is read: its one-time tokens are fresh.
        for path, response in crawl(client, start, seen, limit=1000):
            for form in page_forms(response.content.decode()):
                action = urljoin(path, form["action"]) if form["action"] else path
                key = (username, form["method"], action.split("?")[0])
                if key in sent or action.startswith(LEFT_ALONE):
                    continue
                sent.add(key)
                data = _sent(form["fields"], len(sent))
                if form["method"] == "post":
                    answer = client.post(action, data)
                else:
                    answer = client.get(action, data)
                if answer.status_code >= 500:
                    failures.append(f"{username} {form['method']} {action}: {sorted(data)}")
                # Hidden values tampered with: a stale or forged form.
                tampered = {n: "abc" for n, kind, _v in form["fields"] if kind == "hidden"}
                refused = tampered and form["method"] == "post"
                if refused and client.post(action, tampered).status_code >= 500:
                    failures.append(f"{username} post {action}: hidden {sorted(tampered)}")
        # Still signed in: the sendings reached the forms, not the login page.
        assert client.get("/").status_code == 200, username
    assert len(sent) > 100  # the crawl reached the forms of every module
    assert failures == []


# Query values and JSON bodies of the wrong type, size or shape.
QUERY = ["2025-13-45", "99999999999999999999", "\x00x", "x" * 3000]
BODY_VALUES = ["abc", None, [1, {"a": 1}], 99999999999999999999]


def _body_fields(operation, components) -> list[str]:
    for content in operation.get("requestBody", {}).get("content", {}).values():
        name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        return list(components.get(name, {}).get("properties", {}))
    return []


def _requests(method: str, operation, components):
    """(query, body) pairs to send to one operation."""
    if method == "get":
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        for k in range(2):
            yield {n: QUERY[(k + i) % len(QUERY)] for i, n in enumerate(names)}, None
    elif method in ("post", "put", "patch"):
        fields = _body_fields(operation, components)
        for value in BODY_VALUES:
            yield None, json.dumps(dict.fromkeys(fields, value))
        yield None, "{not json"


def _concrete(path: str) -> str:
    """``path`` with its ``{id}`` the first row of the viewset's model (so that the
    sending reaches the row's own checks, not a 404), else 1."""
    found = "1"
    if "{" in path:
        view = resolve(re.sub(r"\{[^}]+\}", "1", path)).func
        cls = getattr(view, "cls", None)
        model = getattr(cls, "model", None) or getattr(
            getattr(cls, "queryset", None), "model", None
        )
        if model is not None:
            first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            found = str(first or 1)
    return re.sub(r"\{[^}]+\}", found, path)


def test_no_operation_of_the_api_answers_a_server_error(db):
    reader = Client()
    reader.force_login(User.objects.get(username="leader"))
    schema = json.loads(reader.get("/api/v1/schema/", {"format": "json"}).content)
    components = schema["components"]["schemas"]
    failures = []
    called = 0
    # The city, a town (scope refusals) and an enterprise user (most refusals).
    for username in ("leader", "sanmao", "qiye"):
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        for path, operations in schema["paths"].items():
            concrete = _concrete(path)
            for method, operation in operations.items():
                for query, body in _requests(method, operation, components):
                    called += 1
                    if body is None:
                        answer = client.get(concrete, query)
                    else:
                        send = getattr(client, method)
                        answer = send(concrete, body, content_type="application/json")
                    if answer.status_code >= 500:
                        failures.append(f"{username} {method.upper()} {concrete}: {query or body}")
                        break
    assert called > 500
    assert failures == []
