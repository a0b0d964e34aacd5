"""Queries of one row by its key, compiled once per shape and run again with another key.

An action reads (and locks) the object it is about through the actor's data scope: a
filter of several subqueries (the units in scope, a link table) that Django builds and
compiles into SQL anew for every call, which costs far more processor time than the
database takes to answer it. For a given shape (the model, the actor's scope as
``scope.scope_key`` names it, the joins, the lock) the SQL is the same but for the key:
``fetch_rows`` (and ``row_exists``, for an existence check) build and compile it once
per process and database, then run the kept SQL with the key in its place, and turn the
rows into objects as Django's own iteration does. The SQL is exactly the one the queryset
gives; only its building is saved. What is kept holds no user and no row: the scope's
units are read by the SQL each time it runs, and a change of the actor's scope (roles,
unit, chosen units) gives another ``scope_key`` and so another query.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections, models, router
from django.db.models.query import get_related_populators

# A key no row has, put in place of the real one when the query is compiled: its one
# place among the parameters is where each call's key goes.
_PLACEHOLDER = -1_987_654_321  # inside a 32-bit key's range: the lookup keeps it
_KEPT: dict[tuple, object] = {}
_KEPT_MAX = 2_000


class _Rows:
    """A compiled query of model rows: its SQL, where the key goes, and what turns a row
    into an object (Django's compiler after ``as_sql``)."""

    def __init__(self, queryset: models.QuerySet, index: int, sql: str, params: tuple, compiler):
        self.sql, self.params, self.index = sql, list(params), index
        self.compiler = compiler
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.span = (start, end)
        self.init_list = [f[0].target.attname for f in select[start:end]]
        self.populators = get_related_populators(klass_info, select, queryset.db)
        self.annotations = compiler.annotation_col_map
        # What turns each column's value into Python (the database's and the fields'
        # converters), as ``results_iter`` asks for them on every call.
        self.converters = compiler.get_converters([s[0] for s in select[: compiler.col_count]])

    def run(self, db: str, key) -> list[models.Model]:
        params = list(self.params)
        params[self.index] = key
        connection = connections[db]
        compiler = copy.copy(self.compiler)
        compiler.connection = connection  # the thread's own connection
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        if compiler.has_extra_select:  # ordering columns beyond the selected ones
            fetched = [row[: compiler.col_count] for row in fetched]
        start, end = self.span
        found = []
        rows = compiler.apply_converters(fetched, self.converters) if self.converters else fetched
        for row in rows:
            obj = self.model.from_db(db, self.init_list, row[start:end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in (self.annotations or {}).items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found


def _place(params) -> int | None:
    places = [i for i, p in enumerate(params) if p == _PLACEHOLDER]
    return places[0] if len(places) == 1 else None


def _keep(key, entry) -> None:
    if len(_KEPT) >= _KEPT_MAX:
        _KEPT.clear()
    _KEPT[key] = entry


def fetch_rows(
    model: type[models.Model],
    shape: tuple,
    build: Callable[[object], models.QuerySet],
    key,
    *,
    lock: bool = False,
) -> list[models.Model]:
    """The objects of ``build(key)``: a queryset of ``model``'s rows filtered by ``key``
    (its only parameter of that value), locked when ``lock``, whose SQL depends on nothing
    but ``shape`` and the key. Built and compiled once per shape; a query that cannot be
    kept (the key not found once among its parameters, another database than the
    router's, a lock outside a transaction, which Django refuses) runs as Django runs it."""
    db = router.db_for_write(model) if lock else router.db_for_read(model)
    connection = connections[db]
    if lock and connection.get_autocommit():
        return list(build(key))  # Django refuses a lock outside a transaction: let it say so
    full = (
        "rows",
        model,
        *shape,
        lock,
        db,
        connection.vendor,
        connection.settings_dict.get("NAME"),
    )
    entry = _KEPT.get(full)
    if entry is None:
        template = build(_PLACEHOLDER)
        if template.db != db:
            return list(build(key))
        compiler = template.query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            return list(build(key))
        index = _place(params)
        if index is None:
            return list(build(key))
        entry = _Rows(template, index, sql, params, compiler)
        _keep(full, entry)
    return entry.run(db, key)


def row_exists(
    model: type[models.Model], shape: tuple, build: Callable[[object], models.QuerySet], key
) -> bool:
    """``build(key).exists()``, compiled once per ``shape`` as ``fetch_rows`` does."""
    db = router.db_for_read(model)
    connection = connections[db]
    full = ("exists", model, *shape, db, connection.vendor, connection.settings_dict.get("NAME"))
    entry = _KEPT.get(full)
    if entry is None:
        template = build(_PLACEHOLDER)
        if template.db != db:
            return build(key).exists()
        try:
            sql, params = template.query.exists().get_compiler(using=db).as_sql()
        except (EmptyResultSet, FullResultSet):
            return build(key).exists()
        index = _place(params)
        if index is None:
            return build(key).exists()
        entry = (sql, list(params), index)
        _keep(full, entry)
    sql, params, index = entry
    params = list(params)
    params[index] = key
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


# Characters a LIKE pattern escapes: a text put in place of a placeholder must have none,
# so that the pattern Django made of the placeholder (escaped, with its wildcard) is the
# one it would have made of the text.
_LIKE_SPECIAL = ("%", "_", "\\")


def _token(n: int) -> str:
    return f"\u27e6mz{n}\u27e7"


def fetch_values(
    model: type[models.Model],
    shape: tuple,
    build: Callable[..., models.QuerySet],
    numbers: tuple = (),
    texts: tuple[str, ...] = (),
) -> list[tuple]:
    """The rows of ``build(*numbers, *texts)``, a ``values_list`` queryset of ``model``
    whose SQL depends on nothing but ``shape`` and those values (integer keys, and texts
    such as units' paths, which a ``startswith`` filter turns into a LIKE pattern):
    compiled once per shape as ``fetch_rows`` does. A text holding a character LIKE
    escapes, or a query whose values cannot all be found among its parameters, runs the
    ordinary way."""
    db = router.db_for_read(model)
    if any(c in text for text in texts for c in _LIKE_SPECIAL):
        return list(build(*numbers, *texts))
    connection = connections[db]
    full = ("values", model, *shape, db, connection.vendor, connection.settings_dict.get("NAME"))
    entry = _KEPT.get(full)
    if entry is None:
        ints = [_PLACEHOLDER - n for n in range(len(numbers))]
        tokens = [_token(n) for n in range(len(texts))]
        template = build(*ints, *tokens)
        if template.db != db:
            return list(build(*numbers, *texts))
        compiler = template.query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            return list(build(*numbers, *texts))
        places = []  # (position, kind, which)
        for position, param in enumerate(params):
            if isinstance(param, int) and not isinstance(param, bool) and param in ints:
                places.append((position, "number", ints.index(param)))
            elif isinstance(param, str) and any(t in param for t in tokens):
                places.append((position, "text", param))
        found_numbers = {w for _p, kind, w in places if kind == "number"}
        found_texts = {t for _p, kind, p in places if kind == "text" for t in tokens if t in p}
        if found_numbers != set(range(len(ints))) or found_texts != set(tokens):
            return list(build(*numbers, *texts))
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        entry = (sql, list(params), places, tokens, compiler, compiler.get_converters(fields))
        _keep(full, entry)
    sql, params, places, tokens, kept_compiler, converters = entry
    params = list(params)
    for position, kind, which in places:
        if kind == "number":
            params[position] = numbers[which]
        else:
            value = which
            for token, text in zip(tokens, texts, strict=True):
                value = value.replace(token, text)
            params[position] = value
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if kept_compiler.has_extra_select:
        fetched = [row[: kept_compiler.col_count] for row in fetched]
    if not converters:
        return [tuple(row) for row in fetched]
    compiler = copy.copy(kept_compiler)
    compiler.connection = connection
    return [tuple(row) for row in compiler.apply_converters(fetched, converters)]
