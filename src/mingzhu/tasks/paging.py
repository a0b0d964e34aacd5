"""Keyset paging for the ledger and the task API: the links to the next and the previous
page carry the sort key of the page's last (first) row, and that page is read from the
index after (before) that key, however deep it lies, instead of skipping every row before
it (OFFSET). The page number still shows where the reader is (``N / M``); a bare
``?page=N`` without a key (a link kept from elsewhere) is still answered, by OFFSET.

A search (``?q=``) is counted up to ``SEARCH_COUNT_LIMIT`` matches only (a LIMIT in a
subquery): a common word matching a tenth of the ledger would otherwise cost a count of
every match on every page. Past the limit the count reads "10,000+" (the API says so in
``count_capped``), and whether a page has a next one is read with its rows (one row more
than the page), so that the links still walk to the last match.
"""

from __future__ import annotations

import base64
import json
import operator
from dataclasses import dataclass
from functools import cached_property, reduce

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator
from django.db.models import F, OrderBy, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.utils.urls import remove_query_param, replace_query_param

from mingzhu.core import results
from mingzhu.core.drf import Pagination

from . import search

AFTER, BEFORE = "after", "before"
# Matches of a search counted at most; past it the count is shown as "10,000+".
SEARCH_COUNT_LIMIT = 10_000
BAD_KEY = _("The page link is not valid: open the list again from its first page.")


class BadKey(ValueError):
    """A key in a page link that does not decode to the list's sort key."""


@dataclass(frozen=True)
class Key:
    """One column of the sort key: its field and whether it is descending."""

    field: object
    descending: bool


def sort_key(queryset: QuerySet) -> list[Key] | None:
    """The queryset's order as columns of its own table, ending in a unique one (the
    primary key added when no column before it is unique); None when the order is
    anything else (an expression, a related field, a nullable column), which is paged
    by OFFSET."""
    query = queryset.query
    terms = query.order_by or (query.get_meta().ordering if query.default_ordering else [])
    opts = queryset.model._meta
    keys: list[Key] = []
    for term in terms:
        if isinstance(term, OrderBy) and isinstance(term.expression, F):
            name, descending = term.expression.name, term.descending
        elif isinstance(term, str) and term != "?":
            name, descending = term.lstrip("-"), term.startswith("-")
        else:
            return None
        try:
            field = opts.pk if name == "pk" else opts.get_field(name)
        except FieldDoesNotExist:
            return None
        if not field.concrete or field.is_relation or field.null:
            return None
        keys.append(Key(field, descending))
        if field.primary_key or field.unique:
            return keys
    return [*keys, Key(opts.pk, False)]


def encode(keys: list[Key], obj) -> str:
    values = [keys_value(k, obj) for k in keys]
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def keys_value(key: Key, obj):
    value = getattr(obj, key.field.attname)
    return value.isoformat() if hasattr(value, "isoformat") else value


def decode(keys: list[Key], token: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(keys):
            raise BadKey(token)
        return [k.field.to_python(v) for k, v in zip(keys, values, strict=True)]
    except (ValueError, TypeError, ValidationError) as exc:
        raise BadKey(token) from exc


def beyond(keys: list[Key], values: list, forward: bool) -> Q:
    """Rows after (``forward``) or before the row whose key is ``values``, in the keys'
    order. The first column's bound is repeated on its own, so that the index on the
    order starts its walk there."""

    def lookup(key: Key, strict: bool) -> str:
        less = key.descending == forward  # descending and forward, or ascending and back
        return f"{key.field.name}__{'lt' if less else 'gt'}{'' if strict else 'e'}"

    parts = []
    for i, key in enumerate(keys):
        equal = {k.field.name: v for k, v in zip(keys[:i], values[:i], strict=True)}
        parts.append(Q(**equal, **{lookup(key, True): values[i]}))
    return Q(**{lookup(keys[0], False): values[0]}) & reduce(operator.or_, parts)


class KeysetPage(Page):
    """A page that, under a capped count, knows from its own rows whether another follows."""

    more: bool | None = None

    def has_next(self) -> bool:
        return super().has_next() if self.more is None else self.more


class KeysetPaginator(Paginator):
    """A Paginator whose pages are read after or before a row's key when one is given
    (``page(number, after=..., before=...)``); its pages know the keys of their links.
    With ``count_limit`` the rows are counted up to that many (``capped`` when there are
    more; ``count`` is then the limit)."""

    _over = False  # more rows than the limit (set by ``count``)

    def __init__(self, object_list, per_page, *, count_limit: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_limit = count_limit

    @cached_property
    def count(self) -> int:
        if self.count_limit is None:
            # Kept by the process while the tables it reads are unchanged (core.results).
            return results.count(self.object_list, lambda: Paginator.count.func(self))
        # COUNT(*) over a subquery that stops at the row after the limit.
        found = self.object_list.order_by()[: self.count_limit + 1].count()
        self._over = found > self.count_limit
        return min(found, self.count_limit)

    @property
    def capped(self) -> bool:
        """More rows than ``count_limit``: ``count`` is a lower bound."""
        return self.count_limit is not None and self.count >= 0 and self._over

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        # Pages past the counted rows exist: only the number itself is checked.
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def _get_page(self, *args, **kwargs):
        return KeysetPage(*args, **kwargs)

    def page(self, number, *, after: str | None = None, before: str | None = None) -> Page:
        keys = sort_key(self.object_list)
        if keys is not None:
            # The whole key is the order, so that the rows after a key are the next page.
            self.object_list = self.object_list.order_by(
                *(f"{'-' if k.descending else ''}{k.field.name}" for k in keys)
            )
        capped, more = self.capped, None
        if capped:
            # Many matches: the page is found by walking the order, not the search index.
            self.object_list = search.unindexed(self.object_list)
        # The page's rows kept by the process while its tables are unchanged (core.results).
        self.object_list = results.kept_rows(self.object_list)
        number = self.validate_number(number)
        if keys is None or not (after or before) or number == 1:
            if not capped:
                page = super().page(number)
                page.keys = keys
                return page
            bottom = (number - 1) * self.per_page
            found = list(self.object_list[bottom : bottom + self.per_page + 1])
            more, found = len(found) > self.per_page, found[: self.per_page]
        else:
            values = decode(keys, after or before)
            rows = self.object_list.filter(beyond(keys, values, forward=bool(after)))
            if after:
                found = list(rows[: self.per_page + 1])
                more, found = len(found) > self.per_page, found[: self.per_page]
            else:
                found = list(rows.reverse()[: self.per_page])[::-1]
                more = True  # the row whose key was given follows
        page = self._get_page(found, number, self)
        if capped:
            page.more = more
        page.keys = keys
        return page

    def page_for(self, params) -> Page:
        """The page a request's parameters (``page``, ``after``, ``before``) ask for: a
        number that is not one gives the first page, one past the end the last; a key that
        is not one raises BadKey."""
        try:
            return self.page(
                params.get("page") or 1, after=params.get(AFTER), before=params.get(BEFORE)
            )
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)


def link_keys(page: Page) -> tuple[dict, dict]:
    """The parameters of the links to the next and the previous page."""
    keys = getattr(page, "keys", None)
    rows = list(page.object_list)
    following, preceding = {}, {}
    if page.has_next():
        following = {"page": page.next_page_number()}
        if keys and rows:
            following[AFTER] = encode(keys, rows[-1])
    if page.has_previous():
        preceding = {"page": page.previous_page_number()}
        if keys and rows and preceding["page"] > 1:
            preceding[BEFORE] = encode(keys, rows[0])
    return following, preceding


def search_count_limit(params) -> int | None:
    """The count limit of a list asked with these parameters: ``SEARCH_COUNT_LIMIT`` for
    a search (``q``), none otherwise."""
    return SEARCH_COUNT_LIMIT if str(params.get("q") or "").strip() else None


class KeysetPagination(Pagination):
    """The API's page shape (``count``, ``count_capped``, ``next``, ``previous``,
    ``results``), with ``next`` and ``previous`` read by key (``after``/``before``) like
    the ledger's, and a search counted up to ``SEARCH_COUNT_LIMIT``."""

    django_paginator_class = KeysetPaginator

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(
            queryset, page_size, count_limit=search_count_limit(request.query_params)
        )
        number = self.get_page_number(request, paginator)
        params = request.query_params
        try:
            self.page = paginator.page(number, after=params.get(AFTER), before=params.get(BEFORE))
        except BadKey as exc:
            raise exceptions.ValidationError(
                {AFTER if params.get(AFTER) else BEFORE: [BAD_KEY]}
            ) from exc
        except InvalidPage as exc:
            raise exceptions.NotFound(
                self.invalid_page_message.format(page_number=number, message=str(exc))
            ) from exc
        return list(self.page)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {
            "count": response.data["count"],
            "count_capped": self.page.paginator.capped,
            **{k: v for k, v in response.data.items() if k != "count"},
        }
        return response

    def get_paginated_response_schema(self, schema):
        shape = super().get_paginated_response_schema(schema)
        shape["required"] = [*shape["required"], "count_capped"]
        shape["properties"] = {
            "count": shape["properties"]["count"],
            "count_capped": {
                "type": "boolean",
                "description": (
                    "True when a search (`q`) matches more rows than are counted: `count` "
                    f"is then the limit ({SEARCH_COUNT_LIMIT:,}), a lower bound, and the "
                    "`next` links still lead to every match."
                ),
                "example": False,
            },
            **{k: v for k, v in shape["properties"].items() if k != "count"},
        }
        return shape

    def get_schema_operation_parameters(self, view):
        described = {
            AFTER: "The rows after this key (from a `next` link).",
            BEFORE: "The rows before this key (from a `previous` link).",
        }
        return [
            *super().get_schema_operation_parameters(view),
            *(
                {
                    "name": name,
                    "required": False,
                    "in": "query",
                    "description": text,
                    "schema": {"type": "string"},
                }
                for name, text in described.items()
            ),
        ]

    def _link(self, params: dict) -> str | None:
        if not params:
            return None
        url = self.request.build_absolute_uri()
        for name in (AFTER, BEFORE, self.page_query_param):
            url = remove_query_param(url, name)
        for name, value in params.items():
            url = replace_query_param(url, name, value)
        return url

    def get_next_link(self):
        return self._link(link_keys(self.page)[0])

    def get_previous_link(self):
        preceding = link_keys(self.page)[1]
        if preceding.get("page") == 1:  # the first page: the list's own address
            url = self.request.build_absolute_uri()
            for name in (AFTER, BEFORE, self.page_query_param):
                url = remove_query_param(url, name)
            return url
        return self._link(preceding)
