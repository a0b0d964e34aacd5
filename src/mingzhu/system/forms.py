from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm, StyledForm

from . import dictionaries, params, tokens
from .models import DictionaryEntry, Notice

LOCAL_MOMENT = "%Y-%m-%dT%H:%M"


def _moment(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[LOCAL_MOMENT, "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MOMENT),
    )


class ParametersForm(StyledForm):
    """Every parameter of the registry, one field each, checked against its bounds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, parameter in params.REGISTRY.items():
            self.fields[name] = self._field(parameter)
            self.initial.setdefault(name, params.value(name))
        from mingzhu.core.views import style_form

        style_form(self)  # the fields were added after StyledForm styled the form

    @staticmethod
    def _field(parameter: params.Parameter) -> forms.Field:
        common = {"label": parameter.label, "help_text": parameter.help}
        if parameter.kind is int:
            return forms.IntegerField(
                min_value=parameter.minimum, max_value=parameter.maximum, **common
            )
        if parameter.kind is dt.time:
            return forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), **common)
        return forms.DateField(
            required=not parameter.optional,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )

    def groups(self):
        """The fields grouped as the registry groups them, in its order."""
        grouped: dict[str, list] = {}
        for name, parameter in params.REGISTRY.items():
            grouped.setdefault(str(parameter.group), []).append(self[name])
        return grouped.items()

    def clean(self):
        cleaned = super().clean()
        for name, parameter in params.REGISTRY.items():
            if name in cleaned:
                try:
                    parameter.validate(cleaned[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        hours = [n for n in params.REGISTRY if n.startswith("hours.")]
        if all(cleaned.get(n) is not None for n in hours):
            try:
                params.check_hours(cleaned)
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


class NoticeForm(ScopedModelForm):
    publish_from = _moment(_("published from"))
    publish_until = _moment(_("published until"), required=False)

    class Meta:
        model = Notice
        fields = [
            "title",
            "body",
            "unit",
            "publish_from",
            "publish_until",
            "for_all",
            "units",
            "pinned",
        ]
        widgets = {"body": forms.Textarea({"rows": 8})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("for_all") and not cleaned.get("units"):
            self.add_error(
                "units", _("Choose the units the notice is for, or mark it for every unit.")
            )
        return cleaned


class TokenForm(StyledForm):
    name = forms.CharField(label=_("name"), max_length=100)
    read_only = forms.BooleanField(label=_("read only"), required=False, initial=True)
    modules = forms.MultipleChoiceField(
        label=_("modules"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every module you may use."),
    )

    def __init__(self, *args, **kwargs):
        from mingzhu.core.views import style_form

        super().__init__(*args, **kwargs)
        self.fields["modules"].choices = tokens.module_choices()
        longest = params.value("api.token_max_days")
        self.fields["days"] = forms.IntegerField(
            label=_("Days until it expires"),
            min_value=1,
            max_value=longest,
            initial=min(90, longest),
        )
        style_form(self)


class EntryForm(ScopedModelForm):
    """An entry added to a dictionary: its code is given once and never changed."""

    class Meta:
        model = DictionaryEntry
        fields = ["code", "label", "order", "is_active"]

    def __init__(self, *args, dictionary: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.dictionary = dictionary
        if self.instance.pk:
            self.fields["code"].disabled = True

    def clean_code(self):
        code = self.cleaned_data["code"]
        if self.instance.pk:
            return self.instance.code
        builtin = {
            value for value, _label in dictionaries.REGISTRY[self.dictionary].builtin_choices()
        }
        taken = DictionaryEntry.objects.filter(dictionary=self.dictionary, code=code).exists()
        if code in builtin or taken:
            raise ValidationError(
                _("The dictionary already has an entry %(code)s.") % {"code": code}
            )
        return code

    def save(self, commit=True):
        self.instance.dictionary = self.dictionary
        return super().save(commit)
