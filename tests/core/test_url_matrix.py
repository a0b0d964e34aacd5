"""The persona × URL scope matrix, over every URL pattern of the URL conf: a page added
tomorrow is probed the day it is added.

For each pattern (pages and API) a few personas, in rotation so that every persona is
used across the patterns:
- a page about one object (``pk``): an object of the view's model that the persona may
  not view must answer 403, 404 or 405 (GET, or POST for POST-only pages) and change
  nothing; an object it may view must not answer a server error;
- any other page: no server error;
- a visitor who is not signed in gets nothing but the public pages.
One object per pattern and persona keeps it fast enough for every CI run.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from mingzhu.core.scope import restrict
from mingzhu.org.models import User

PERSONAS_PER_PATTERN = 3
# Public: the login page, the health probe, the language switch, the API's root and its
# unknown addresses (a JSON 404), the admin's own login, the grid report app's manifest,
# icons and service worker (browsers fetch a manifest without cookies).
PUBLIC = re.compile(
    r"^(accounts/login/|accounts/logout/|healthz|i18n/|admin/|api/v1/(\(\?P<path>|$|\.\(\?P)"
    r"|grid/(manifest\.webmanifest|icon-|sw\.js))"
)
SKIP = re.compile(r"^(admin/|static/|media/)")  # Django's admin has its own tests
INT = r"(?P<{}>[0-9]+)"


def _walk(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _patterns():
    seen = set()
    for route, entry in _walk(get_resolver().url_patterns):
        route = route.lstrip("^")
        if SKIP.match(route) or "<drf_format_suffix" in route or "(?P<format>" in route:
            continue
        if route in seen:
            continue
        seen.add(route)
        yield pytest.param(route, entry, id=route or "/")


PATTERNS = list(_patterns())


def _view_class(entry):
    callback = entry.callback
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def _model(entry):
    cls = _view_class(entry)
    model = getattr(cls, "model", None) if cls is not None else None
    if model is None or not hasattr(model, "_meta"):
        return None
    return model


def _arguments(route: str) -> list[str]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return names


def _url(route: str, values: dict[str, object]) -> str:
    def fill(match):
        return str(values[match.group(1)])

    url = re.sub(r"<(?:\w+:)?(\w+)>", fill, route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, url)
    return "/" + url.replace("$", "").replace("^", "")


def _plausible(name: str) -> object:
    if name in ("year",):
        return 2025
    if name in ("quarter",):
        return "2025Q2"
    if name in ("month",):
        return "2025-06"
    return 1


@pytest.fixture(scope="module")
def persona_names(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return list(
            User.objects.filter(is_demo=True, is_active=True)
            .order_by("username")
            .values_list("username", flat=True)
        )


# What every test of the module reads the same way (the personas, and per model and persona
# the first object outside and inside the persona's scope), read once: each test's own
# writes are rolled back, so the demo rows stay as they were.
_USERS: dict[str, User] = {}
_OBJECTS: dict[tuple[type, str], tuple[int | None, int | None]] = {}


def _user(name: str) -> User:
    if name not in _USERS:
        _USERS[name] = User.objects.get(username=name)
    return _USERS[name]


def _outside_and_inside(model, user: User) -> tuple[int | None, int | None]:
    key = (model, user.username)
    if key not in _OBJECTS:
        manager = model._default_manager
        seen = restrict(manager.all(), user, "view")
        outside = manager.exclude(pk__in=seen.values("pk")).order_by("pk").first()
        inside = seen.order_by("pk").first()
        _OBJECTS[key] = (
            outside.pk if outside is not None else None,
            inside.pk if inside is not None else None,
        )
    return _OBJECTS[key]


def _personas_for(index: int, names: list[str]) -> list[str]:
    step = max(len(names) // PERSONAS_PER_PATTERN, 1)
    return [names[(index + i * step) % len(names)] for i in range(PERSONAS_PER_PATTERN)]


def _probe(client, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


@pytest.mark.parametrize(("route", "entry"), PATTERNS)
def test_the_matrix(route, entry, request, as_user, client, persona_names):
    index = [p.values[0] for p in PATTERNS].index(route)
    arguments = _arguments(route)
    model = _model(entry)
    by_pk = arguments == ["pk"] and model is not None
    scoped = by_pk and not getattr(model, "scope_global", False) and hasattr(model, "scope_fields")
    if not arguments:
        anonymous = client.get(_url(route, {}))
        if not PUBLIC.match(route):
            assert anonymous.status_code in (302, 401, 403, 404, 405), route
    for name in _personas_for(index, persona_names):
        user = _user(name)
        browser = as_user(user)
        if scoped:
            manager = model._default_manager
            outside, inside = _outside_and_inside(model, user)
            if outside is not None:
                before = manager.filter(pk=outside).values().first()
                response = _probe(browser, _url(route, {"pk": outside}))
                assert response.status_code in (302, 403, 404, 405), (route, name, outside)
                # Nothing changed (a redirect shows nothing, but must not have acted).
                assert manager.filter(pk=outside).values().first() == before, (route, name)
            if inside is not None:
                response = browser.get(_url(route, {"pk": inside}))
                assert response.status_code < 500, (route, name, inside)
        else:
            values = {a: _plausible(a) for a in arguments}
            response = browser.get(_url(route, values))
            assert response.status_code < 500, (route, name)
