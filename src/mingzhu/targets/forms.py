from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm
from mingzhu.core.views import style_form

from .models import Indicator, Observation
from .scoping import writable_units

# The fields of an indicator that the form edits and the API shows (besides its id).
INDICATOR_FIELDS = [
    "code",
    "name",
    "unit",
    "dimension",
    "direction",
    "frequency",
    "accumulates",
    "is_population",
    "may_be_negative",
    "per_capita_of",
    "source",
]


class IndicatorForm(ScopedModelForm):
    class Meta:
        model = Indicator
        fields = [*INDICATOR_FIELDS, "sort_order"]


class ObservationForm(forms.ModelForm):
    """Entry by the responsible unit: only the units the user may enter for are offered."""

    class Meta:
        model = Observation
        fields = ["indicator", "unit", "period", "value", "measure_unit", "source"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "add"
        self.fields["unit"].queryset = writable_units(user, action)
        self.fields["indicator"].queryset = Indicator.objects.all()
        style_form(self)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
