from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import StyledForm, text_field
from mingzhu.core.periods import parse_quarter, previous_quarter, quarter_label, quarter_of

from .models import Scheme


class ComputeForm(StyledForm):
    scheme_code = forms.ChoiceField(label=_("Scheme"))
    quarter = forms.CharField(label=_("Quarter"), help_text=_("For example 2025Q2."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = {}
        for scheme in Scheme.objects.order_by("code", "-version"):
            latest.setdefault(scheme.code, scheme)
        self.fields["scheme_code"].choices = [(c, str(s)) for c, s in latest.items()]
        last = previous_quarter(quarter_of(timezone.localdate()))
        self.fields["quarter"].initial = quarter_label(last)

    def clean_quarter(self):
        try:
            return parse_quarter(self.cleaned_data["quarter"])
        except ValueError:
            raise forms.ValidationError(_("Not a quarter like 2025Q2.")) from None


class SchemeForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    tie_break = forms.CharField(
        label=_("Tie-break items"),
        required=False,
        max_length=200,
        help_text=_("Item codes, comma separated, compared (higher first) when scores tie."),
    )
    note = text_field(_("What changed"), required=False)


class ItemForm(StyledForm):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=6, decimal_places=2)
    cap = forms.DecimalField(label=_("Cap"), required=False, max_digits=10, decimal_places=4)
    lower_is_better = forms.BooleanField(label=_("Lower is better"), required=False)


class RuleForm(StyledForm):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    points = forms.DecimalField(label=_("Points each"), max_digits=6, decimal_places=2)


ItemFormSet = forms.formset_factory(ItemForm, extra=1, can_delete=True)
RuleFormSet = forms.formset_factory(RuleForm, extra=1, can_delete=True)
