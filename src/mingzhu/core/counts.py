"""Counts of a list kept by the process while the tables they read keep their tokens.

A list's count (the ledger's ``N / M``, the task API's ``count``) is asked for on every
page of it and, where the scope is counted in parts (``core.scope.count_in_parts``),
costs the building, compiling and running of three or four queries. The count's SQL and
parameters name everything it depends on but the rows of the tables it reads: ``count``
keeps it per process under them, with the tokens (core.cache) of those tables' topics,
and counts again as soon as a write moves one. Kept only for a query whose every table
is a Mingzhu model's (whose writes bump its app's topic), that reads no clock or random
function nor a column written quietly (``cache.QUIET_FIELDS``), and never from a
transaction's own writes; and for at most ``KEPT_SECONDS`` (a write that forgot its
bump is seen that late at most).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections, models

from .cache import QUIET_FIELDS, generations, pending, topic_of

KEPT_SECONDS = 300
_KEPT: dict[tuple, tuple[tuple, int, float]] = {}
_KEPT_MAX = 5_000
# SQL → the topics of its tables (None: not to be kept), for the few shapes a list asks.
_SQL_TOPICS: dict[str, tuple[str, ...] | None] = {}
_SQL_TOPICS_MAX = 5_000
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Functions whose value changes without a write: a query calling one is never kept.
VOLATILE = frozenset(
    {
        "now",
        "current_timestamp",
        "current_date",
        "current_time",
        "localtime",
        "localtimestamp",
        "statement_timestamp",
        "clock_timestamp",
        "transaction_timestamp",
        "timeofday",
        "random",
        "setseed",
    }
)
_KNOWN: list[tuple[dict[str, str | None], frozenset[str]]] = []


def _known() -> tuple[dict[str, str | None], frozenset[str]]:
    """{table: its topic (None: no write bumps it)} of every model, link tables too; and
    the quietly written columns."""
    if not _KNOWN:
        tables = {
            m._meta.db_table.lower(): topic_of(m)
            for m in apps.get_models(include_auto_created=True)
        }
        quiet = {
            apps.get_model(label)._meta.get_field(name).column.lower()
            for label, names in QUIET_FIELDS.items()
            for name in names
        }
        _KNOWN.append((tables, frozenset(quiet)))
    return _KNOWN[0]


def sql_topics(sql: str) -> tuple[str, ...] | None:
    """The topics whose writes change what ``sql`` reads; None when something else may
    (a table no write bumps, a table unknown, the clock, a quiet column)."""
    if sql in _SQL_TOPICS:
        return _SQL_TOPICS[sql]
    tables, quiet = _known()
    words = {w.lower() for w in _WORD.findall(sql)}
    topics: set[str] | None = set()
    if words & VOLATILE or words & quiet:
        topics = None
    else:
        for word in words & tables.keys():
            if tables[word] is None:
                topics = None
                break
            topics.add(tables[word])
    found = tuple(sorted(topics)) if topics else None
    if len(_SQL_TOPICS) >= _SQL_TOPICS_MAX:
        _SQL_TOPICS.clear()
    _SQL_TOPICS[sql] = found
    return found


def count(queryset: models.QuerySet, counter: Callable[[], int]) -> int:
    """The number of rows of ``queryset`` (``counter()`` counts them), kept by the process
    under the query's SQL and its tables' tokens. What ``counter`` counts must be the
    rows of ``queryset``, however it counts them."""
    if not isinstance(queryset, models.QuerySet):
        return counter()
    if queryset._result_cache is not None or queryset.query.is_sliced:
        return counter()
    db = queryset.db
    # The rows' SQL names them: no order, no joined columns (which change no row).
    query = queryset.query.chain()
    query.clear_ordering(force=True)
    query.select_related = False
    try:
        sql, params = query.get_compiler(using=db).as_sql()
    except (EmptyResultSet, FullResultSet):
        return counter()
    topics = sql_topics(sql)
    if topics is None or any(pending(t) for t in topics):
        return counter()
    tokens = generations(topics)[0]  # before the count: a later write moves them
    needed = tuple(tokens[t] for t in topics)
    connection = connections[db]
    key = (db, connection.vendor, connection.settings_dict.get("NAME"), sql, repr(params))
    now = time.monotonic()
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == needed and now - kept[2] < KEPT_SECONDS:
        return kept[1]
    found = counter()
    if len(_KEPT) >= _KEPT_MAX:
        _KEPT.clear()
    _KEPT[key] = (needed, found, now)
    return found
