"""The pieces the lists' filters are built from, on the pages and in the API alike:
choices limited to what the user may see, units of the org tree that take in their
branch, and date ranges as ``<date>_after`` / ``<date>_before``.

The choices of an ``InScope`` filter (every unit, list or leader the user may see: a
few dozen to a few hundred options on every page of a ledger) are kept by each server
process per filter, scope and language (``KeptChoices``), under the generations
(``core.cache``) of the topics their rows come from: the org topic (units, users, roles:
the scope itself) and the app of each model the query reads. Any committed save or
delete of such a row bumps its topic and the choices are read again; a transaction that
has itself written to one of those topics reads its own rows and keeps nothing; an
entry is read again after ``KEPT_SECONDS`` at most (a write that goes around the models
and forgets its bump).
"""

# (No postponed annotations in this module: the API schema reads the type hint of
# unit_filter's filter method, ``value: OrgUnit``, by evaluating it.)
import time
from collections.abc import Callable
from functools import partial

import django_filters
from django import forms
from django.apps import apps
from django.forms.models import ModelChoiceIteratorValue
from django.utils import translation
from django_filters import fields

from .cache import generations, pending, topic_of
from .scope import TOPIC as ORG_TOPIC
from .scope import restrict, scope_key

# (filter set, filter, language, scope) → (generations, [(value, label)], when read).
_KEPT: dict[tuple, tuple[dict, list, float]] = {}
_KEPT_MAX = 5_000
KEPT_SECONDS = 300


_TOPICS: dict[tuple, frozenset[str]] = {}


def read_topics(queryset) -> frozenset[str]:
    """The topics whose writes change what ``queryset`` reads: the org topic (the
    scope), its model's and those of every table it joins or names its rows by."""
    from .models import name_joins

    models = {queryset.model}
    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    for join in queryset.query.alias_map.values():
        models.add(by_table.get(join.table_name))
    for path in name_joins(queryset.model):
        related = queryset.model
        for part in path.split("__"):
            related = related._meta.get_field(part).related_model
            models.add(related)
    topics = {topic_of(m) for m in models if m is not None}
    for model in list(models):
        if model is not None and model._meta.auto_created:
            # A many-to-many link table: the topics of both sides.
            topics.update(topic_of(f.related_model) for f in model._meta.fields if f.is_relation)
    return frozenset({ORG_TOPIC, *(t for t in topics if t)})


class KeptChoices:
    """The choices of one filter for one request: kept by the process under ``key``
    while the generations of ``topics`` stand. ``tokens`` reads those generations (one
    read of the cache for every filter of the form, shared through ``FormTokens``)."""

    def __init__(self, key: tuple, topics: frozenset[str], tokens: Callable[[], dict]):
        self.key, self.topics, self.tokens = key, topics, tokens

    def rows(self, field) -> list[tuple]:
        """[(value, label)]: the kept ones, or those of the field's queryset (then kept)."""
        if any(pending(topic) for topic in self.topics):
            return _read(field)  # this transaction's own rows: not kept
        all_tokens = self.tokens()  # before the rows: rows read later are at least as new
        tokens = {topic: all_tokens[topic] for topic in self.topics}
        key = (*self.key, translation.get_language())
        now = time.monotonic()
        kept = _KEPT.get(key)
        if kept is not None and kept[0] == tokens and now - kept[2] < KEPT_SECONDS:
            return kept[1]
        rows = _read(field)
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[key] = (tokens, rows, now)
        return rows


def _read(field) -> list[tuple]:
    return [
        (field.prepare_value(obj), str(field.label_from_instance(obj)))
        for obj in field.queryset.all()
    ]


class FormTokens:
    """The generations of the topics of a form's kept choices, read once (at the first
    option drawn: a form whose options are never drawn, as in the API, reads nothing)."""

    def __init__(self) -> None:
        self.topics: set[str] = set()
        self.found: dict | None = None

    def __call__(self) -> dict:
        if self.found is None:
            self.found = generations(self.topics)[0]
        return self.found


class ListedChoices(fields.ModelChoiceIterator):
    """A filter's options read with one plain query. (Django reads them through
    ``iterator()``, which on PostgreSQL is a server-side cursor held past the
    transaction: three round trips and a copy of the rows, for a few dozen options on
    every page of a list.) With ``kept_choices`` set (``ScopedFilterSet``) they are
    read from what the process keeps for the scope: each option's value is then the
    row's key alone (``instance`` None), which is all a ``Select`` draws. The field's
    queryset is read when the options are, not before."""

    def __init__(self, field):
        self.field = field

    @property
    def queryset(self):
        return self.field.queryset

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        kept = getattr(self.field, "kept_choices", None)
        if kept is None:
            for obj in self.queryset.all():
                yield self.choice(obj)
            return
        for value, label in kept.rows(self.field):
            yield (ModelChoiceIteratorValue(value, None), label)


class ListedChoiceField(fields.ModelChoiceField):
    """A choice of a row, read with ``ListedChoices``. With ``in_scope`` (a function of
    the declared queryset that returns the rows the user may choose among) the
    restriction is built when the rows are first needed (the options drawn from the
    database, or a chosen value checked): a list answered from kept options, or an API
    list asked without that filter, builds none."""

    iterator = ListedChoices

    def __init__(self, *args, kept_choices: KeptChoices | None = None, in_scope=None, **kwargs):
        self._in_scope = None
        super().__init__(*args, **kwargs)
        self.kept_choices = kept_choices
        self._in_scope = in_scope

    def _get_queryset(self):
        if self._in_scope is not None:
            in_scope, self._in_scope = self._in_scope, None
            self._queryset = in_scope(self._queryset)
        return self._queryset

    queryset = property(_get_queryset, forms.ModelChoiceField._set_queryset)

    def __deepcopy__(self, memo):
        # As ModelChoiceField's, without building the restriction: each copy builds its own.
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        if self._queryset is not None:
            forms.ModelChoiceField._set_queryset(result, self._queryset)
        return result


class InScope(django_filters.ModelChoiceFilter):
    """A choice of a row that a ``ScopedFilterSet`` offers and accepts only among the
    rows the user may view. Its ``queryset`` is those rows; the restriction is built
    when it is first read (by the filter or by its form field), not before."""

    field_class = ListedChoiceField
    # The declared rows → those in the user's scope (set by ScopedFilterSet), until used.
    in_scope = None

    @property
    def queryset(self):
        if self.in_scope is not None:
            in_scope, self.in_scope = self.in_scope, None
            self._queryset = in_scope(self._queryset)
        return self._queryset

    @queryset.setter
    def queryset(self, value):
        self._queryset, self.in_scope = value, None

    @property
    def field(self):
        if not hasattr(self, "_field"):
            # The declared rows and the restriction, for the form field to build it late.
            if self.in_scope is None:
                self.extra["queryset"] = self.get_queryset(self.get_request())
            else:
                self.extra["queryset"] = self._queryset
            self.extra["in_scope"] = self.in_scope
        return django_filters.Filter.field.fget(self)


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``InScope`` filters are limited to the requesting user's scope,
    their choices kept per scope (``KeptChoices``). An ``InScope`` filter's queryset is
    the same on every request: what differs by user is the scope alone."""

    def __init__(self, *args, request=None, **kwargs):
        from .models import with_names

        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            tokens = FormTokens()
            user = request.user
            for name, field in self.filters.items():
                if isinstance(field, InScope):
                    declared = with_names(field.queryset)
                    topics = _TOPICS.get((type(self), name))
                    if topics is None:
                        # The declared rows' topics: the scope adds the org topic only.
                        topics = _TOPICS[(type(self), name)] = read_topics(declared)
                    field.queryset = declared
                    field.in_scope = partial(_in_scope, user=user)
                    key = (type(self), name, scope_key(declared.model, user, "view"))
                    tokens.topics.update(topics)
                    field.extra["kept_choices"] = KeptChoices(key, topics, tokens)


def _in_scope(queryset, user):
    return restrict(queryset, user, "view")


def unit_filter(kinds, label, *, area: str | None = None, **kwargs) -> InScope:
    """A choice of the user's org units of ``kinds``. With ``area`` (the path from the
    row to its unit, e.g. ``"household__village"``) it keeps the rows lying anywhere in
    the chosen unit's branch; without it, those whose field is that very unit."""
    from mingzhu.org.models import OrgUnit

    units = OrgUnit.objects.filter(kind__in=kinds)
    if area is None:
        return InScope(queryset=units, label=label, **kwargs)

    def within(queryset, name, value: OrgUnit):
        return queryset.filter(**{f"{area}__path__startswith": value.path})

    return InScope(queryset=units, method=within, label=label, **kwargs)


def date_range(field: str, from_label, to_label, *, on_date: bool = False):
    """The filters ``<field>_after`` and ``<field>_before`` (both days included), to
    unpack in a FilterSet: ``held_on_after, held_on_before = date_range("held_on", ...)``.
    ``on_date`` compares the day of a date-and-time field."""
    lookup = "date__" if on_date else ""
    return (
        django_filters.DateFilter(field_name=field, lookup_expr=f"{lookup}gte", label=from_label),
        django_filters.DateFilter(field_name=field, lookup_expr=f"{lookup}lte", label=to_label),
    )
