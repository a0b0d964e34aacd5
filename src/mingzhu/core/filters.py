"""The pieces the lists' filters are built from, on the pages and in the API alike:
choices limited to what the user may see, units of the org tree that take in their
branch, and date ranges as ``<date>_after`` / ``<date>_before``."""

import django_filters
from django_filters import fields

from .scope import restrict


class ListedChoices(fields.ModelChoiceIterator):
    """A filter's options read with one plain query. (Django reads them through
    ``iterator()``, which on PostgreSQL is a server-side cursor held past the
    transaction: three round trips and a copy of the rows, for a few dozen options on
    every page of a list.)"""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedChoiceField(fields.ModelChoiceField):
    iterator = ListedChoices


class InScope(django_filters.ModelChoiceFilter):
    """A choice of a row that a ``ScopedFilterSet`` offers and accepts only among the
    rows the user may view."""

    field_class = ListedChoiceField


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``InScope`` filters are limited to the requesting user's scope."""

    def __init__(self, *args, request=None, **kwargs):
        from .models import with_names

        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            for field in self.filters.values():
                if isinstance(field, InScope):
                    queryset = restrict(field.queryset, request.user, "view")
                    field.queryset = with_names(queryset)


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
