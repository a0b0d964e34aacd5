"""The forms every module's pages are built from.

``ScopedForm`` and ``ScopedModelForm`` take the signed-in user (``user=``) and limit every
choice field to what that user may see; both style their widgets for the pages' one
form template (``core/includes/form_fields.html``).
"""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("mingzhu.requests")


# The widest key a database column holds (a signed 64-bit integer): a posted id beyond it
# is no choice, and must not reach a query (SQLite raises OverflowError, PostgreSQL a
# DataError, both a 500).
_KEY_RANGE = range(-(2**63), 2**63)


def fits_key(value) -> bool:
    """Whether ``value`` may be looked up as an integer key: False for a number no
    database column holds; True for anything else (a text that is no number is refused
    by the lookup's own checks)."""
    try:
        return int(str(value).strip()) in _KEY_RANGE
    except ValueError:
        return True


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, which refuses as "not a valid value" an integer key too large for
    the database, as it does any other key of no choice."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(field, models.IntegerField):  # AutoField and BigAutoField too
            for item in value or ():
                if not fits_key(item):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)


def restrict_choices(form, user) -> None:
    """Limit every model-choice field of ``form`` to what ``user`` may see, each option
    named without a query of its own (``core.models.with_names``); a field of several
    choices refuses an id too large for the database (``ModelMultipleChoiceField``)."""
    from .models import with_names

    for form_field in form.fields.values():
        queryset = getattr(form_field, "queryset", None)
        if queryset is None:
            continue
        if type(form_field) is forms.ModelMultipleChoiceField:
            form_field.__class__ = ModelMultipleChoiceField
        if user is not None and hasattr(queryset, "restrict"):
            queryset = queryset.restrict(user, "view")
        form_field.queryset = with_names(queryset)


def add_errors(form, exc: ValidationError) -> None:
    """Put a ValidationError raised by an action on the form: per field where the form has
    that field, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


_NO_NUL = ProhibitNullCharactersValidator()


def posted_text(data, name: str) -> str:
    """A text read from a POST without a form (a task action's comment), stripped; a
    ValidationError, as a form's text field gives, when it holds a NUL character, which
    no database column takes (PostgreSQL refuses it)."""
    value = data.get(name, "")
    _NO_NUL(value)
    return value.strip()


def refusal_error(exc: Exception) -> ValidationError:
    """A refusal met while saving a valid form, as errors to put on it (``add_errors``):
    the action's own (ActionError, ValidationError), or the database's when another
    request took a unique value or removed a related row at the same moment (logged:
    the form's own checks had passed)."""
    if isinstance(exc, ValidationError):
        return exc
    if isinstance(exc, IntegrityError):
        logger.warning("a valid form refused by the database", exc_info=exc)
        return ValidationError(
            _(
                "Someone saved or removed related records at the same moment, so nothing "
                "was saved. Check the form and send it again."
            )
        )
    return ValidationError(str(exc))


class StyledForm(forms.Form):
    """A plain form with the pages' widget classes (no user, no scope)."""

    def __init__(self, *args, **kwargs):
        from .views import style_form

        super().__init__(*args, **kwargs)
        style_form(self)


class _Scoped:
    """Takes the signed-in user (``user=``) and limits every choice field to what that
    user may see."""

    accepts_user = True

    def __init__(self, *args, user=None, **kwargs):
        from .views import style_form

        super().__init__(*args, **kwargs)
        self.user = user
        restrict_choices(self, user)
        style_form(self)


class ScopedForm(_Scoped, forms.Form):
    """A plain form whose choice fields only offer what the user may see."""


class ScopedModelForm(_Scoped, forms.ModelForm):
    """A model form whose choice fields only offer what the user may see."""


def model_form(model, fields: str, **widgets) -> type[ScopedModelForm]:
    """The scoped model form of an edit page that needs nothing but the model's fields:
    named in one space-separated string, with a widget by field name where the default
    does not do (``model_form(Course, "name year track", year=forms.NumberInput())``)."""
    return forms.modelform_factory(
        model, form=ScopedModelForm, fields=fields.split(), widgets=widgets or None
    )


def text_field(label, *, rows: int = 2, **kwargs) -> forms.CharField:
    """A text of a few lines (``rows`` high)."""
    return forms.CharField(label=label, widget=forms.Textarea({"rows": rows}), **kwargs)


def _is_yes(value) -> bool:
    return value == "yes"


def yes_or_no(label, yes, no, *, no_first: bool = False, attrs=None) -> forms.TypedChoiceField:
    """A choice of two answers drawn as radio buttons, cleaned to True (``yes``) or
    False (``no``); ``no_first`` offers ``no`` first."""
    choices = [("yes", yes), ("no", no)]
    return forms.TypedChoiceField(
        label=label,
        choices=choices[::-1] if no_first else choices,
        coerce=_is_yes,
        widget=forms.RadioSelect(attrs),
    )


class EmptyForm(StyledForm):
    """A form with no field: a confirmation button for an action that needs no input."""


class ChangeLogFilterForm(StyledForm):
    """The change log's filters besides user and request: what kind of record (the
    module's models), which action, between which days."""

    model = forms.ChoiceField(label=_("Record"), required=False)
    action = forms.TypedChoiceField(label=_("Action"), required=False, coerce=int, empty_value=None)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput)

    def __init__(self, *args, **kwargs):
        from auditlog.models import LogEntry
        from auditlog.registry import auditlog

        super().__init__(*args, **kwargs)
        audited = sorted(
            (m for m in auditlog.get_models() if not m._meta.abstract),
            key=lambda m: (m._meta.app_config.verbose_name, m._meta.verbose_name),
        )
        self.fields["model"].choices = [("", "---------")] + [
            (m._meta.label_lower, f"{m._meta.app_config.verbose_name} · {m._meta.verbose_name}")
            for m in audited
        ]
        from .templatetags.mingzhu import AUDIT_ACTIONS

        self.fields["action"].choices = [
            ("", "---------"),
            *((value, AUDIT_ACTIONS.get(value, label)) for value, label in LogEntry.Action.choices),
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def narrow(self, entries):
        from django.contrib.contenttypes.models import ContentType

        data = self.cleaned_data
        if data.get("model"):
            app_label, model_name = data["model"].split(".")
            content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
            entries = entries.filter(content_type=content_type)
        if data.get("action") is not None:
            entries = entries.filter(action=data["action"])
        if data.get("start"):
            entries = entries.filter(timestamp__date__gte=data["start"])
        if data.get("end"):
            entries = entries.filter(timestamp__date__lte=data["end"])
        return entries
