import datetime as dt
from contextlib import suppress
from decimal import Decimal

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

register = template.Library()


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
    if isinstance(value, dt.date):
        return date_filter(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return f"{value:,}"
    return value


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
    """(field label, before, after) for each change an audit entry records."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        label = name
        if model is not None:
            with suppress(FieldDoesNotExist):
                label = str(getattr(model._meta.get_field(name), "verbose_name", name))
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = "、".join(str(o) for o in change.get("objects", []))
            if change.get("operation") == "delete":
                rows.append((label, objects, ""))
            else:
                rows.append((label, "", objects))
            continue
        before, after = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
        rows.append((label, _none(before), _none(after)))
    return rows


def _none(value):
    return "" if value in (None, "None") else value


@register.filter
def minus(value, other):
    return int(value or 0) - int(other or 0)
