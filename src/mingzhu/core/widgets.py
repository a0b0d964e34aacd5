"""Pickers that scale: selects whose options come from the server as the user types.

A form marks its big choice fields with ``@searchable("parent", "lead_unit", ...)``: their
widgets become ``RemoteSelect``/``RemoteSelectMultiple``, which render only the selected
options (the page stays small however many rows the table holds) and name the endpoint
``core:choices``. That endpoint builds the same form for the signed-in user and searches
the field's own queryset, so a picker offers exactly what the field accepts: the user's
scope (``restrict``), the kinds the field allows, the city's tree. The field still
validates what is sent. At most ``LIMIT`` matches are returned.

Units are labelled with their path in the tree ("新坝镇 › 立新村 › 第3网格"). A field may
depend on another (``depends={"village": "town"}``): the picker then only offers units
below the unit chosen in the other field (the 12345 form's village within its town).

The browser side is static/mingzhu/widgets.js on Tom Select (npm, served by core.assets).
"""

from __future__ import annotations

import inspect
from functools import reduce
from operator import or_

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse

from .forms import fits_key

LIMIT = 50
SEPARATOR = " › "
FORMS: dict[str, type] = {}
# What a search matches, per model (the label is what the user reads).
SEARCH_FIELDS = {
    "org.orgunit": ("name", "short_name", "code"),
    "tasks.task": ("title", "code"),
    "org.user": ("username", "display_name"),
    "enterprises.enterprise": ("name", "credit_code"),
    "rural.facility": ("name", "village__name", "type__name"),
}
MEDIA = forms.Media(
    css={"all": ["vendor/tom-select/dist/css/tom-select.bootstrap5.min.css"]},
    js=["vendor/tom-select/dist/js/tom-select.complete.min.js", "mingzhu/widgets.js"],
)


class _Remote:
    """Renders only the chosen options; the rest come from ``url`` as the user types."""

    url = ""
    depends_on = ""

    @property
    def media(self):
        return MEDIA

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-remote"] = self.url
        if self.depends_on:
            widget_attrs["data-depends"] = self.depends_on
        return context

    def optgroups(self, name, value, attrs=None):
        # An id no column holds is left out before the query (the field reports it).
        chosen = [str(v) for v in value if v not in (None, "") and fits_key(v)]
        field = getattr(self.choices, "field", None)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", not chosen, 0))
        if chosen and field is not None:
            # A value sent back that is no key ("x") is the field's error to report, not a
            # server error while the form is shown again with it.
            try:
                rows = list(field.queryset.filter(pk__in=chosen))
            except (TypeError, ValueError, ValidationError):
                rows = []
            for index, obj in enumerate(rows, start=1):
                options.append(
                    self.create_option(name, str(obj.pk), label_of(field, obj), True, index)
                )
        return [(None, options, 0)]


class RemoteSelect(_Remote, forms.Select):
    pass


class RemoteSelectMultiple(_Remote, forms.SelectMultiple):
    pass


def searchable(*names: str, depends: dict[str, str] | None = None):
    """Class decorator of a form: the named model-choice fields load their options from
    ``core:choices`` as the user types. ``depends`` maps a field to the field whose unit
    it lies below."""
    depends = depends or {}

    def decorate(form_class):
        key = f"{form_class.__module__.split('.')[1]}.{form_class.__name__}"
        FORMS[key] = form_class
        original = form_class.__init__

        def __init__(self, *args, **kwargs):
            original(self, *args, **kwargs)
            for name in names:
                field = self.fields.get(name)
                if field is None:
                    continue
                multiple = isinstance(field, forms.ModelMultipleChoiceField)
                widget = (RemoteSelectMultiple if multiple else RemoteSelect)(
                    attrs=dict(field.widget.attrs)
                )
                widget.is_required = field.required
                widget.choices = field.choices
                widget.url = reverse("core:choices", args=[key, name])
                if name in depends:
                    widget.depends_on = self.add_prefix(depends[name])
                field.widget = widget

        form_class.__init__ = __init__
        form_class.searchable_takes_user = getattr(form_class, "accepts_user", False) or (
            "user" in inspect.signature(original).parameters
        )
        form_class.searchable_fields = names
        form_class.searchable_depends = depends
        return form_class

    return decorate


def unit_labels(units) -> dict[int, str]:
    """Each unit's path below the city ("新坝镇 › 立新村 › 第3网格"), one query in all."""
    from mingzhu.org.choices import UnitKind
    from mingzhu.org.models import OrgUnit

    ids = {int(part) for unit in units for part in unit.path.strip("/").split("/") if part}
    names = {
        pk: (name, kind)
        for pk, name, kind in OrgUnit.objects.filter(pk__in=ids).values_list("pk", "name", "kind")
    }
    labels = {}
    for unit in units:
        parts = [int(p) for p in unit.path.strip("/").split("/") if p]
        shown = [names[p][0] for p in parts if p in names and names[p][1] != UnitKind.CITY]
        labels[unit.pk] = SEPARATOR.join(shown) or unit.name
    return labels


def label_of(field, obj) -> str:
    if obj._meta.label_lower == "org.orgunit":
        return unit_labels([obj])[obj.pk]
    return field.label_from_instance(obj)


def _search(queryset, text: str):
    names = SEARCH_FIELDS.get(queryset.model._meta.label_lower, ("name",))
    words = text.split()
    for word in words:
        queryset = queryset.filter(reduce(or_, (Q(**{f"{n}__icontains": word}) for n in names)))
    return queryset


def _below(queryset, unit_id: str):
    """Units under the unit ``unit_id`` (for a field that depends on another)."""
    from mingzhu.org.models import OrgUnit

    if not unit_id.isdigit():
        return queryset.none()
    parent = OrgUnit.objects.filter(pk=int(unit_id)).values_list("path", flat=True).first()
    if parent is None:
        return queryset.none()
    return queryset.filter(path__startswith=parent).exclude(pk=int(unit_id))


@login_required
def choices(request, form: str, field: str):
    """``{"results": [{"value", "text"}], "more": bool}``: the options of one searchable
    field matching ``?q=`` (words, each matched), as the field offers them to this user;
    ``?within=`` the unit chosen in the field this one depends on."""
    form_class = FORMS.get(form)
    if form_class is None or field not in form_class.searchable_fields:
        raise Http404
    instance = form_class(user=request.user) if form_class.searchable_takes_user else form_class()
    form_field = instance.fields.get(field)
    if form_field is None:  # a field the form leaves out for this user (e.g. roles)
        raise Http404
    queryset = form_field.queryset
    if field in form_class.searchable_depends:
        within = request.GET.get("within", "")
        if within:
            queryset = _below(queryset, within)
    queryset = _search(queryset, request.GET.get("q", "").strip()[:100])
    rows = list(queryset[: LIMIT + 1])
    more = len(rows) > LIMIT
    rows = rows[:LIMIT]
    if queryset.model._meta.label_lower == "org.orgunit":
        labels = unit_labels(rows)
        results = [{"value": u.pk, "text": labels[u.pk], "depth": u.path.count("/")} for u in rows]
    else:
        results = [{"value": o.pk, "text": form_field.label_from_instance(o)} for o in rows]
    return JsonResponse({"results": results, "more": more})
