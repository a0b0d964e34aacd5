import datetime as dt
from contextlib import suppress
from decimal import Decimal

from django import template
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms import ChoiceField, ModelChoiceField
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from mingzhu.core import numbers

register = template.Library()


@register.filter
def number(value, digits=None):
    """608.0000 → 608, 660.1887 → 660.19; ``number:1`` gives one decimal exactly."""
    return numbers.number(value, digits)


@register.filter
def percent(value, digits=1):
    """A rate kept as a fraction: 0.5 → 50.0%; ``percent:0`` → 50%."""
    return numbers.percent(value, digits)


@register.filter
def amount(value, unit=""):
    """A number with its unit: ``{{ x|amount:"万元" }}`` → 27,750 万元."""
    return numbers.amount(value, unit)


@register.filter
def cell(value):
    """How a value shows in a table cell."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, dt.datetime):
        # Called from Python, the date filter does not convert to local time itself.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_filter(value, "DATETIME_FORMAT")
    if type(value) is dt.date:
        return _date_shown(value)
    if isinstance(value, dt.date):
        return date_filter(value, "DATE_FORMAT")
    if isinstance(value, Decimal | float):
        return numbers.number(value)
    return value


@register.filter
def compact_day(value):
    """A day in a ``Column(compact_day=True)``: 2026-05-26 in the table, the day as
    ``cell`` shows it on a card (at phone width); anything else as ``cell`` shows it."""
    if type(value) is not dt.date:
        return cell(value)
    return mark_safe(
        f'<span class="table-only">{value:%Y-%m-%d}</span>'
        f'<span class="card-only">{escape(_date_shown(value))}</span>'
    )


# (date, language) → the date as a cell shows it: a ledger page shows fifty deadlines,
# most of them a few days over again, and formatting one costs tens of microseconds.
_DATES: dict[tuple, str] = {}
_DATES_MAX = 4096


def _date_shown(value: dt.date) -> str:
    key = (value, get_language())
    shown = _DATES.get(key)
    if shown is None:
        if len(_DATES) >= _DATES_MAX:
            _DATES.clear()
        shown = _DATES[key] = date_filter(value, "DATE_FORMAT")
    return shown


@receiver(setting_changed)
def _forget_dates(**kwargs) -> None:
    """The formats come from the settings (DATE_FORMAT, USE_L10N, FORMAT_MODULE_PATH …)."""
    _DATES.clear()


AUDIT_ACTIONS = {
    0: pgettext_lazy("audit action", "created"),
    1: pgettext_lazy("audit action", "changed"),
    2: pgettext_lazy("audit action", "deleted"),
    3: pgettext_lazy("audit action", "viewed"),
}


@register.filter
def audit_action(entry):
    return AUDIT_ACTIONS.get(entry.action, entry.get_action_display())


@register.filter
def audit_changes(entry):
    """(field label, before, after) for each change an audit entry records, as a person
    reads them: related objects by name, choices by label, times in local time."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    related: dict = {}
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        label, field = name, None
        if model is not None:
            with suppress(FieldDoesNotExist):
                field = model._meta.get_field(name)
                label = str(getattr(field, "verbose_name", name))
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = "、".join(str(o) for o in change.get("objects", []))
            if change.get("operation") == "delete":
                rows.append((label, objects, ""))
            else:
                rows.append((label, "", objects))
            continue
        before, after = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
        rows.append((label, _shown(field, before, related), _shown(field, after, related)))
    return rows


def _shown(field, value, related: dict):
    """One recorded value of ``field`` as the object's page would show it."""
    if value is None or value in ("", "None"):
        return ""
    if field is None:
        return value
    choices = getattr(field, "flatchoices", None)
    if choices:
        labels = {str(key): str(text) for key, text in choices}
        return labels.get(str(value), value)
    if field.is_relation and (field.many_to_one or field.one_to_one):
        return _related_name(field.related_model, value, related)
    kind = field.get_internal_type()
    if kind == "BooleanField":
        return cell(str(value).lower() in ("true", "1"))
    if kind == "DateTimeField":
        moment = value if isinstance(value, dt.datetime) else parse_datetime(str(value))
        if moment is None:
            return value
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, dt.UTC)
        return date_filter(timezone.localtime(moment), "Y-m-d H:i:s")
    if kind == "DateField":
        day = parse_date(str(value)[:10])
        return cell(day) if day else value
    if kind in ("DecimalField", "FloatField"):
        return numbers.number(value)
    return value


def _related_name(model, pk, related: dict) -> str:
    key = (model, str(pk))
    if key not in related:
        try:
            found = model._base_manager.filter(pk=pk).first()
        except (ValueError, TypeError, ValidationError):
            found = None
        # A record deleted since keeps its number.
        related[key] = str(found) if found is not None else f"#{pk}"
    return related[key]


@register.filter
def minus(value, other):
    return int(value or 0) - int(other or 0)


# A choice group is drawn on one line when it has at most this many options, each of
# at most INLINE_LABEL characters (是/否, 满意/基本满意/不满意); otherwise one per line.
INLINE_CHOICES = 4
INLINE_LABEL = 8


@register.filter
def choices_inline(bound_field) -> bool:
    """Whether a radio or checkbox group's options fit side by side on a phone."""
    labels = [str(choice.choice_label) for choice in bound_field]
    return len(labels) <= INLINE_CHOICES and all(len(label) <= INLINE_LABEL for label in labels)


@register.filter
def filters_in_use(filterset) -> int:
    """How many of a list's filters hold a value in the request (a range counts once
    whichever of its ends is given); 0 for a filter set not bound (the list as it opens).
    A choice without an empty option (the ledger's 未完成/全部任务) always holds one: it
    switches the view, it filters nothing away, and is not counted."""
    if filterset is None or not filterset.is_bound:
        return 0

    def given(value) -> bool:
        if isinstance(value, list | tuple):
            return any(given(v) for v in value)
        return value not in (None, "")

    def switch(field) -> bool:
        # A plain choice's options are at hand; a model choice's would be a query.
        if not isinstance(field.field, ChoiceField) or isinstance(field.field, ModelChoiceField):
            return False
        return all(given(value) for value, _label in field.field.choices)

    return sum(1 for field in filterset.form if given(field.data) and not switch(field))
