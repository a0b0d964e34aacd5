"""Every list page and every add and edit form makes a fixed number of queries, whatever
the number of rows: the pages are found in the URL conf (so a new module's pages are
covered), each visited by one of a few personas at the demo's size and again after more
rows of every model were added (copies of the demo's own rows)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mingzhu.core import menu
from mingzhu.core.scope import permission_name, restrict
from mingzhu.core.views import ObjectListView
from mingzhu.org import sessions
from mingzhu.org.models import OrgUnit, User

PERSONAS = ("leader", "supervisor", "xinba", "fgw")
# Who visits the pages none of the above may see (the bureaus' own registers).
OTHERS = ("zzb", "rexian", "wmb", "nyj", "gxj", "czj", "lixin", "admin")
KINDS = ("list", "add", "edit")
COPIES = 3  # copies of each model's first rows: a row-bound query shows as 3 more


def pages() -> list[tuple[str, str, type, bool]]:
    """(url name, kind, view class, whether the address takes an id) of every list, add
    and edit page of the modules."""

    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace and entry.name:
                yield f"{namespace}:{entry.name}", entry

    in_menu = {item.url_name for group in menu._groups.values() for item in group.items}
    found = []
    for name, entry in walk(get_resolver(), None):
        kind = name.rsplit("_", 1)[-1]
        view = getattr(entry.callback, "view_class", None)
        if view is None or not view.__module__.startswith("mingzhu."):
            continue
        if kind in KINDS or name in in_menu:
            found.append((name, kind, view, bool(entry.pattern.converters)))
    return found


def _model(view):
    return getattr(view, "model", None)


def may_visit(user, kind, view) -> bool:
    model = _model(view)
    if model is None:
        return True
    action = {"add": "add", "edit": "change"}.get(kind, "view")
    if action == "view" and getattr(model, "scope_global", False):
        return True
    return user.has_perm(permission_name(model, action))


def url_of(user, name, kind, view, takes_id) -> str | None:
    """The page's address; for a page about one object, the first the user may reach."""
    if not takes_id:
        return reverse(name)
    model = _model(view)
    if model is None:
        return None
    action = "change" if kind == "edit" else "view"
    pk = (
        restrict(model._default_manager.all(), user, action)
        .order_by("pk")
        .values_list("pk", flat=True)[:1]
    )
    return reverse(name, args=[pk[0]]) if pk else None


def _mingzhu_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or not model.__module__.startswith("mingzhu."):
            continue
        yield model


_suffixes = itertools.count(1)


def _originals(model, n: int, users) -> list:
    """The first and last ``n`` rows of the model, and the first ``n`` each persona may
    see."""
    manager = model._base_manager
    rows = {obj.pk: obj for obj in manager.order_by("pk")[:n]}
    rows.update((obj.pk, obj) for obj in manager.order_by("-pk")[:n])
    if rows and hasattr(model._default_manager, "restrict"):
        for user in users:
            if user.has_perm(permission_name(model, "view")):
                seen = restrict(model._default_manager.all(), user, "view")
                pks = list(seen.order_by("pk").values_list("pk", flat=True)[:n])
                rows.update((obj.pk, obj) for obj in manager.filter(pk__in=pks))
    return list(rows.values())


def _distinct(obj, field, tag: int) -> bool:
    """Change one field so that a copy differs from its original; False when the field
    cannot take another value without changing its meaning."""
    value = getattr(obj, field.attname)
    if value is None:
        return True  # nulls do not clash
    if isinstance(field, models.CharField) and not field.choices:
        setattr(obj, field.attname, (f"{value}~{tag}")[-field.max_length :])
    elif field.is_relation and field.null:
        setattr(obj, field.attname, None)
    elif isinstance(field, models.IntegerField) and not field.choices:
        setattr(obj, field.attname, value + 1000 + tag)
    elif isinstance(field, models.DateField):
        setattr(obj, field.attname, value + dt.timedelta(days=1000 + tag))
    elif field.is_relation and not isinstance(field, models.OneToOneField):
        others = field.related_model._base_manager.exclude(pk=value).order_by("-pk")
        other = others.values_list("pk", flat=True)[tag % 50 : tag % 50 + 1]
        if not other:
            return False
        setattr(obj, field.attname, other[0])
    else:
        return False
    return True


def _preference(field) -> int:
    if isinstance(field, models.CharField):
        return 2
    return 1 if field.is_relation and not field.null else 0


def _unique_sets(meta) -> list[list]:
    sets = [[f] for f in meta.concrete_fields if f.unique and not f.primary_key]
    named = [list(fields) for fields in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            named.append(list(constraint.fields))
    # In a set of several fields, change a number, a date or an optional link first, then
    # a required link (to another row), a text last: in such a set a text is often a code
    # with a form (a period).
    for names in named:
        sets.append([meta.get_field(name) for name in names])
    return sets


def copy_rows(model, n: int, users) -> int:
    """Insert copies of some rows of ``model`` (see ``_originals``; one field of each
    unique set changed, see ``_preference``); returns how many went in
    (0 when the model's constraints refuse copies)."""
    for _attempt in range(2):  # a second time with other rows for the changed links
        originals = _originals(model, n, users)
        if not originals:
            return 0
        unique_sets = [sorted(fields, key=_preference) for fields in _unique_sets(model._meta)]
        for obj in originals:
            obj.pk = None
            obj.id = None
            obj._state.adding = True
            tag = next(_suffixes)
            if not all(any(_distinct(obj, f, tag) for f in fields) for fields in unique_sets):
                break
        else:
            try:
                with transaction.atomic():
                    copies = model._base_manager.bulk_create(originals)
                    if model is OrgUnit:
                        for unit in copies:
                            unit._place()
                        OrgUnit._base_manager.bulk_update(copies, ["path", "depth"])
            except (IntegrityError, ValueError):
                continue
            return len(copies)
    return 0


def grow(users) -> dict:
    return {model: copy_rows(model, COPIES, users) for model in _mingzhu_models()}


def count(client, url) -> tuple[int, list[str]]:
    """The page's status and the SQL of its queries."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in ctx.captured_queries]


def crawl(clients: dict) -> list[tuple]:
    """Visit every page and count its queries: one persona per page, taken in turn
    among the main ones who may see it (else the first other one who may), so that the
    suite stays fast."""
    users = [User.objects.get(username=name) for name in clients]
    main = [u for u in users if u.username in PERSONAS]
    turn = itertools.cycle(main)
    visits = []
    for name, kind, view, takes_id in pages():
        chosen = [next(turn) for _ in main]
        user = next((u for u in chosen + users if may_visit(u, kind, view)), None)
        url = user and url_of(user, name, kind, view, takes_id)
        if url is None:
            continue
        # No warm-up visit: a cache a first visit fills (content types) makes the
        # first count higher, never the second.
        status, few = count(clients[user.username], url)
        if status == 200:
            visits.append((user.username, url, few))
    return visits


def recount(clients: dict, visits: list[tuple]) -> list[str]:
    """The pages whose query count is now higher than in ``visits``, each with the
    queries it did not make the first time (what grew, for whoever reads a failure)."""
    grew = []
    for username, url, few in visits:
        status, many = count(clients[username], url)
        assert status == 200, f"{url} ({username}): 200 then {status}"
        if len(many) > len(few):
            shapes = {re.sub(r"\d+", "N", sql) for sql in few}
            new = [sql[:200] for sql in many if re.sub(r"\d+", "N", sql) not in shapes]
            grew.append(f"{url} ({username}): {len(few)} → {len(many)} queries; new: {new[:4]}")
    return grew


@pytest.mark.django_db
def test_no_page_makes_a_query_per_row(as_user, monkeypatch):
    # Every row on one page, so that the added rows show.
    monkeypatch.setattr(ObjectListView, "paginate_by", 100_000)
    # A session's activity row is refreshed at most once a minute, remembered in the
    # process's local cache: on a slow machine the crawl takes longer than that, and a
    # full local cache drops the entry sooner (its oldest entries go first). Either way
    # the refresh would count as a page's queries: here only the sign-in writes it.
    record = sessions._record
    monkeypatch.setattr(
        sessions,
        "_record",
        lambda request, user, force=False: force and record(request, user, force=True),
    )
    # (What a process keeps for five minutes does not lapse in a test: tests/conftest.py.)
    users = [User.objects.get(username=name) for name in PERSONAS + OTHERS]
    clients = {user.username: as_user(user) for user in users}
    for client in clients.values():
        client.get("/")  # the session, once
    visits = crawl(clients)
    assert len(visits) > 100, "the crawl found too few pages"
    copied = grow(users)
    assert sum(1 for n in copied.values() if n) > 60, "too few models took copies"
    grew = recount(clients, visits)
    assert not grew, "query counts grew with the rows:\n" + "\n".join(grew)
