"""A list's count and rows kept by the process while the tables they read keep their tokens.

A list's count (the ledger's ``N / M``, the task API's ``count``) is asked for on every
page of it and, where the scope is counted in parts (``core.scope.count_in_parts``),
costs the building, compiling and running of three or four queries. The count's SQL and
parameters name everything it depends on but the rows of the tables it reads: ``count``
keeps it per process under them, with the tokens (core.cache) of those tables' topics,
and counts again as soon as a write moves one. Kept only for a query whose every table
is a Mingzhu model's (whose writes bump its app's topic), that reads no clock or random
function nor a column written quietly (``cache.QUIET_FIELDS``), and never from a
transaction's own writes, nor from a replica (which may lag behind the tokens); and for
at most ``KEPT_SECONDS`` (a write that forgot its bump is seen that late at most).

A list's page of rows (``kept_rows``) is kept alike: its SQL is compiled as always, and
the rows the database answered it with (as the database gave them, before any field's
conversion) are kept under that SQL, so that the page's objects are built from them as
from a fresh answer. Quietly written columns of the rows (a leader's last sign-in) are
then deferred: read afresh where anything reads them. Rows holding a value that could be
changed in place (a list, a dictionary) are not kept. ``KeptPaginator`` pages a list
so: the list pages (core.views.ObjectListView) and the API's (core.drf.Pagination).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import time
import uuid
from collections.abc import Callable
from functools import cached_property

from django.apps import apps
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE, MULTI
from django.db.models.sql.query import Query

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
    topics = sql_topics(sql) if db == DEFAULT_DB_ALIAS else None
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


# (database, SQL, parameters) → (the tokens, the rows' chunks as the database gave them,
# when they were read).
_ROWS: dict[tuple, tuple[tuple, list, float]] = {}
_ROWS_MAX = 500
ROWS_MAX = 500  # a longer answer is not kept
# Values that no one changes in place: rows made only of these may be shared.
_IMMUTABLE = (
    str,
    int,
    float,
    decimal.Decimal,
    dt.date,
    dt.time,
    dt.timedelta,
    uuid.UUID,
    bytes,
    type(None),
)


def _key(compiler, sql: str, params) -> tuple:
    connection = compiler.connection
    return (
        compiler.using,
        connection.vendor,
        connection.settings_dict.get("NAME"),
        sql,
        repr(params),
    )


class _KeptRowsCompiler:
    """Mixed into the database's SQLCompiler by ``KeptRowsQuery``: the rows of a plain
    read (``MULTI``, not chunked) come from what is kept where they may."""

    _compiled = None

    def as_sql(self, *args, **kwargs):
        compiled = self._compiled
        if compiled is not None and not args and not kwargs:
            self._compiled = None
            return compiled
        return super().as_sql(*args, **kwargs)

    def execute_sql(
        self, result_type=MULTI, chunked_fetch=False, chunk_size=GET_ITERATOR_CHUNK_SIZE
    ):
        if result_type != MULTI or chunked_fetch or self.query.select_for_update:
            return super().execute_sql(result_type, chunked_fetch, chunk_size)
        try:
            sql, params = self.as_sql()
        except (EmptyResultSet, FullResultSet):
            return super().execute_sql(result_type, chunked_fetch, chunk_size)
        topics = sql_topics(sql) if sql and self.using == DEFAULT_DB_ALIAS else None
        if topics is None or any(pending(t) for t in topics):
            self._compiled = (sql, params)
            return super().execute_sql(result_type, chunked_fetch, chunk_size)
        tokens = generations(topics)[0]  # before the rows: a later write moves them
        needed = tuple(tokens[t] for t in topics)
        key = _key(self, sql, params)
        now = time.monotonic()
        kept = _ROWS.get(key)
        if kept is not None and kept[0] == needed and now - kept[2] < KEPT_SECONDS:
            return kept[1]
        self._compiled = (sql, params)
        chunks = super().execute_sql(result_type, chunked_fetch, chunk_size)
        if not isinstance(chunks, list):
            return chunks
        rows = [row for chunk in chunks for row in chunk]
        if len(rows) <= ROWS_MAX and all(
            isinstance(value, _IMMUTABLE) for row in rows for value in row
        ):
            if len(_ROWS) >= _ROWS_MAX:
                _ROWS.clear()
            _ROWS[key] = (needed, [tuple(chunk) for chunk in chunks], now)
        return chunks


_COMPILERS: dict[type, type] = {}


def _kept_compiler(cls: type) -> type:
    found = _COMPILERS.get(cls)
    if found is None:
        found = _COMPILERS[cls] = type(f"Kept{cls.__name__}", (_KeptRowsCompiler, cls), {})
    return found


class KeptRowsQuery(Query):
    """A query whose plain reads of rows go through ``_KeptRowsCompiler``."""

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        if self.compiler == "SQLCompiler":
            compiler.__class__ = _kept_compiler(type(compiler))
        return compiler


def _quiet_paths(model, related, prefix: str = "") -> list[str]:
    """The quietly written fields of ``model`` and of the relations joined to it
    (``select_related``'s tree), as ``defer`` names them."""
    paths = [f"{prefix}{name}" for name in QUIET_FIELDS.get(model._meta.label_lower, ())]
    if isinstance(related, dict):
        for name, further in related.items():
            field = model._meta.get_field(name)
            if field.related_model is not None:
                paths += _quiet_paths(field.related_model, further, f"{prefix}{name}__")
    return paths


def kept_rows(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset``, its rows read through what the process keeps (see the module). Its
    quietly written columns are deferred; a queryset of another kind (``values()``, a
    raw query, a union) is given back as it is."""
    if not isinstance(queryset, models.QuerySet) or type(queryset.query) is not Query:
        return queryset
    if queryset.query.combinator or queryset._fields is not None:
        return queryset
    quiet = _quiet_paths(queryset.model, queryset.query.select_related)
    kept = queryset.defer(*quiet) if quiet else queryset._chain()
    kept.query.__class__ = KeptRowsQuery
    return kept


class KeptPaginator(Paginator):
    """A Paginator whose count (``count``) and page of rows (``kept_rows``) are kept by
    the process while the tables they read are unchanged."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(kept_rows(object_list), per_page, *args, **kwargs)

    @cached_property
    def count(self) -> int:
        return count(self.object_list, lambda: Paginator.count.func(self))
