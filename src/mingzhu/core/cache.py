"""Figures computed once and shared by every worker process, invalidated by topic.

A cached figure (a cockpit panel) names the topics it reads (``"tasks"``, ``"risks"`` …,
an app's label) and is stored beside the generation of each topic it was computed
under. A write ``bump``s the topics it changes; a figure whose stored generations are
no longer the current ones is computed again. A generation is a fresh random token,
never a counter: should the cache drop a topic's token, the next one cannot repeat an
old token, so no figure computed before can come back.

Every save and delete of a model of a Mingzhu app bumps its app's topic (a signal, see
``connect``); writers that go around the model's ``save`` (``bulk_create``, ``update``,
raw SQL: bulk task creation, the supervision job, imports) call ``bump`` themselves.
Inside a transaction the bump is made once, after the commit (``on_commit``): a reader
that takes the new token then also sees the new rows, and a rolled-back write bumps
nothing. The cache is Django's ``default`` (settings.CACHES: a database table, shared by
every process and every server).

Within a request the tokens are read once: the first ``generations`` of a request reads
every topic's token (one read of the cache, ``request_tokens``), the request's later
ones take them from there, and a ``bump`` made in the request puts its new tokens there
too. A figure is thus checked against the tokens as they stood when the request began
(or as it wrote them): still read before anything computed from them, which is all the
tokens need to be.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

PREFIX = "mingzhu:gen:"
# Models whose rows no cached figure reads, some written on ordinary page views: they
# must not invalidate anything (the session row is refreshed every minute, notifications
# and notices are marked read, a token's last use is noted).
QUIET = frozenset(
    {
        "org.usersession",
        "tasks.notification",
        "system.notice",
        "system.noticeread",
        "system.apitoken",
    }
)
QUIET_APPS = frozenset({"notify"})
# Columns written on ordinary use that no cached figure reads: a save that writes only
# these invalidates nothing. Django notes each sign-in on the user's row (``last_login``);
# without this, a morning's sign-ins would throw away every process's kept access and
# every cached panel at each one.
QUIET_FIELDS = {"org.user": frozenset({"last_login"})}


class _Pending:
    """The topics a transaction bumps, written once when it commits."""

    def __init__(self) -> None:
        self.topics: set[str] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        _write(self.topics)


def _write(topics: Iterable[str]) -> None:
    _write_tokens({t: uuid.uuid4().hex for t in topics})


def _write_tokens(tokens: dict[str, str]) -> None:
    cache.set_many({PREFIX + t: token for t, token in tokens.items()}, timeout=None)
    seen = getattr(_request, "tokens", None)
    if seen is not None:
        seen.update(tokens)


# The tokens read in the thread's current request (None outside a request).
_request = threading.local()
_ALL_TOPICS: list[frozenset[str]] = []


def all_topics() -> frozenset[str]:
    """Every topic: the labels of Mingzhu's apps (those with models, which writes bump,
    and those without, which figures name)."""
    if not _ALL_TOPICS:
        labels = {t for m in apps.get_models() if (t := topic_of(m))}
        labels.update(
            a.label
            for a in apps.get_app_configs()
            if a.name.startswith("mingzhu.") and a.label not in QUIET_APPS
        )
        _ALL_TOPICS.append(frozenset(labels))
    return _ALL_TOPICS[0]


def in_request() -> bool:
    """Whether the thread is serving a request, in which every topic's token is read
    once (``generations``)."""
    return getattr(_request, "tokens", None) is not None


def _request_began(**kwargs) -> None:
    _request.tokens = {}


def _request_ended(**kwargs) -> None:
    _request.tokens = None


def bump(*topics: str | None) -> None:
    """Invalidate what was computed from ``topics`` (now, or when the transaction
    commits). None is no topic: ``bump(topic_of(model))`` is safe for any model."""
    topics = tuple(t for t in topics if t)
    if not topics:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _write(topics)
        return
    # One callback per transaction. Django replaces its list of callbacks when a
    # transaction ends or a savepoint is rolled back (dropping that savepoint's callbacks):
    # while the list is the one ours went into, ours is in it; else look for it.
    hooks = connection.run_on_commit
    known = connection.__dict__.get("_mingzhu_pending")
    if known is not None and known[0] is hooks and not known[1].done:
        known[1].topics.update(topics)
        return
    pending = next(
        (f for _s, f, _r in reversed(hooks) if isinstance(f, _Pending) and not f.done), None
    )
    if pending is None:
        pending = _Pending()
        transaction.on_commit(pending)
    pending.topics.update(topics)
    connection.__dict__["_mingzhu_pending"] = (connection.run_on_commit, pending)


def pending(topic: str) -> bool:
    """True when the current transaction has written to ``topic`` and not yet committed:
    what this thread reads of it now is no one else's to keep (and a figure kept before
    the write is not this thread's to use)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    return any(
        isinstance(f, _Pending) and not f.done and topic in f.topics
        for _s, f, _r in connection.run_on_commit
    )


def generations(topics: Iterable[str], extra_keys: Iterable[str] = ()) -> tuple[dict, dict]:
    """The current token of each topic and the values stored under ``extra_keys``, in one
    read of the cache (none, in a request whose tokens are read already and without
    ``extra_keys``). Topics without a token get one (written together; should two
    processes race, the later token wins and what the earlier computed is done again)."""
    asked = sorted(set(topics))
    extra_keys = list(extra_keys)
    seen = getattr(_request, "tokens", None)
    known: dict[str, str] = {}
    read = asked
    if seen is not None:
        known = {t: seen[t] for t in asked if t in seen}
        if not extra_keys and len(known) == len(asked):
            return known, {}
        # The request's first read takes every topic's token; a later one what is missing.
        read = sorted({*asked, *all_topics()} - seen.keys())
    found = cache.get_many([PREFIX + t for t in read] + extra_keys)
    tokens = {t: found.pop(PREFIX + t, None) for t in read}
    missing = {t: uuid.uuid4().hex for t, token in tokens.items() if token is None}
    if missing:
        _write_tokens(missing)
        tokens.update(missing)
    if seen is not None:
        for t, token in tokens.items():
            seen.setdefault(t, token)
    tokens.update(known)
    return {t: tokens[t] for t in asked}, found


def digest(*parts) -> str:
    """A short stable key of ``parts`` (their repr)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def topic_of(model) -> str | None:
    """The topic a write to ``model`` bumps: its app's label (None: nothing cached reads
    it)."""
    meta = model._meta
    if not meta.app_config.name.startswith("mingzhu."):
        return None
    if meta.app_label in QUIET_APPS or meta.label_lower in QUIET:
        return None
    return meta.app_label


def _saved(sender, raw: bool = False, update_fields=None, **kwargs) -> None:
    topic = topic_of(sender)
    if topic is None or raw:  # raw: a fixture being loaded
        return
    quiet = QUIET_FIELDS.get(sender._meta.label_lower)
    if quiet and update_fields and quiet.issuperset(update_fields):
        return
    bump(topic)


def _linked(sender, instance, action: str, model=None, **kwargs) -> None:
    """A link added or removed from either side (``role.permissions.add(p)`` or
    ``p.mingzhu_roles.add(role)``) bumps the topics of both sides."""
    if action.startswith("post_"):
        bump(topic_of(type(instance)), topic_of(model) if model is not None else None)


def connect() -> None:
    """Bump the app's topic on every save and delete of a model of a Mingzhu app (and on
    changes of many-to-many links)."""
    for model in apps.get_models():
        if topic_of(model) is None:
            continue
        uid = f"mingzhu-cache-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved, sender=model, dispatch_uid=uid)
    m2m_changed.connect(_linked, dispatch_uid="mingzhu-cache-links")
    request_started.connect(_request_began, dispatch_uid="mingzhu-cache-request")
    request_finished.connect(_request_ended, dispatch_uid="mingzhu-cache-request")
