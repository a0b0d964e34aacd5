"""Keyset paging for the ledger and the task API: the links to the next and the previous
page carry the sort key of the page's last (first) row, and that page is read from the
index after (before) that key, however deep it lies, instead of skipping every row before
it (OFFSET). The page number still shows where the reader is (``N / M``); a bare
``?page=N`` without a key (a link kept from elsewhere) is still answered, by OFFSET.
"""

from __future__ import annotations

import base64
import json
import operator
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator
from django.db.models import F, OrderBy, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.utils.urls import remove_query_param, replace_query_param

from mingzhu.core.drf import Pagination

AFTER, BEFORE = "after", "before"
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


class KeysetPaginator(Paginator):
    """A Paginator whose pages are read after or before a row's key when one is given
    (``page(number, after=..., before=...)``); its pages know the keys of their links."""

    def page(self, number, *, after: str | None = None, before: str | None = None) -> Page:
        keys = sort_key(self.object_list)
        if keys is not None:
            # The whole key is the order, so that the rows after a key are the next page.
            self.object_list = self.object_list.order_by(
                *(f"{'-' if k.descending else ''}{k.field.name}" for k in keys)
            )
        number = self.validate_number(number)
        if keys is None or not (after or before) or number == 1:
            page = super().page(number)
        else:
            values = decode(keys, after or before)
            rows = self.object_list.filter(beyond(keys, values, forward=bool(after)))
            if after:
                found = list(rows[: self.per_page])
            else:
                found = list(rows.reverse()[: self.per_page])[::-1]
            page = self._get_page(found, number, self)
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


class KeysetPagination(Pagination):
    """The API's page shape (``count``, ``next``, ``previous``, ``results``), with
    ``next`` and ``previous`` read by key (``after``/``before``) like the ledger's."""

    django_paginator_class = KeysetPaginator

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
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
