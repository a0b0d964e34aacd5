"""The forms every module's pages are built from.

``ScopedForm`` and ``ScopedModelForm`` take the signed-in user (``user=``) and limit every
choice field to what that user may see; both style their widgets for the pages' one
form template (``core/includes/form_fields.html``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def restrict_choices(form, user) -> None:
    """Limit every model-choice field of ``form`` to what ``user`` may see."""
    if user is None:
        return
    for form_field in form.fields.values():
        queryset = getattr(form_field, "queryset", None)
        if queryset is not None and hasattr(queryset, "restrict"):
            form_field.queryset = queryset.restrict(user, "view")


def add_errors(form, exc: ValidationError) -> None:
    """Put a ValidationError raised by an action on the form: per field where the form has
    that field, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class StyledForm(forms.Form):
    """A plain form with the pages' widget classes (no user, no scope)."""

    def __init__(self, *args, **kwargs):
        from .views import style_form

        super().__init__(*args, **kwargs)
        style_form(self)


class ScopedForm(forms.Form):
    """A plain form whose choice fields only offer what the user may see."""

    accepts_user = True

    def __init__(self, *args, user=None, **kwargs):
        from .views import style_form

        super().__init__(*args, **kwargs)
        self.user = user
        restrict_choices(self, user)
        style_form(self)


class ScopedModelForm(forms.ModelForm):
    """A model form whose choice fields only offer what the user may see."""

    accepts_user = True

    def __init__(self, *args, user=None, **kwargs):
        from .views import style_form

        super().__init__(*args, **kwargs)
        self.user = user
        restrict_choices(self, user)
        style_form(self)


class EmptyForm(StyledForm):
    """A form with no field: a confirmation button for an action that needs no input."""
