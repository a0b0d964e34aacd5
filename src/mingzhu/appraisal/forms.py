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


class SchemeEditForms:
    """The scheme editor's forms, valid together: the scheme's own fields, its items and
    its bonus and penalty rules. Unbound, they start from ``scheme``."""

    def __init__(self, data=None, *, scheme):
        stored = data is None
        self.form = SchemeForm(
            data, initial={"name": scheme.name, "tie_break": scheme.tie_break} if stored else None
        )
        items = scheme.items.values("code", "name", "weight", "cap", "lower_is_better")
        rules = scheme.rules.values("code", "name", "points")
        self.items = ItemFormSet(data, prefix="items", initial=list(items) if stored else None)
        self.rules = RuleFormSet(data, prefix="rules", initial=list(rules) if stored else None)

    def is_valid(self) -> bool:
        return self.form.is_valid() and self.items.is_valid() and self.rules.is_valid()

    def version(self) -> dict:
        """The next version as ``actions.save_scheme_version`` takes it: the scheme's
        fields, and the items and rules not deleted."""

        def kept(formset):
            return [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]

        return {**self.form.cleaned_data, "items": kept(self.items), "rules": kept(self.rules)}
