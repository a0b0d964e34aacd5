from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedForm, ScopedModelForm, StyledForm, text_field
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.widgets import searchable
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.system import dictionaries

from . import services
from .choices import Channel, DemandCategory, Rating
from .models import Enterprise, MuScheme


class EnterpriseForm(ScopedModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "credit_code",
            "name",
            "town",
            "account_unit",
            "industry",
            "scale",
            "land_mu",
            "high_tech_certificate",
            "high_tech_from",
            "high_tech_until",
            "listing",
            "digital",
        ]
        widgets = {
            "high_tech_from": forms.DateInput(attrs={"type": "date"}),
            "high_tech_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        units = units_in_scope(user, "enterprises.add_enterprise")
        self.fields["town"].queryset = units.filter(kind__in=TOWN_KINDS)
        self.fields["account_unit"].queryset = units.filter(kind=UnitKind.COMPANY)


class SchemeForm(ScopedModelForm):
    class Meta:
        model = MuScheme
        fields = ["name", "data", "notes"]
        widgets = {"data": forms.Textarea(attrs={"rows": 18, "class": "font-monospace"})}

    def clean_data(self):
        data = self.cleaned_data["data"]
        try:
            services.Scheme.from_data(0, data)
        except services.SchemeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


@searchable("enterprise")
class VisitForm(ScopedForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))
    kind = forms.ChoiceField(
        choices=dictionaries.offered("enterprises.visit_kind"), label=_("Kind")
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.CharField(label=_("Visitors"), max_length=200)
    notes = text_field(_("Notes"), rows=3, required=False)
    demand_category = forms.ChoiceField(
        choices=[("", "—"), *DemandCategory.choices], required=False, label=_("Demand raised")
    )
    demand_content = text_field(_("Demand content"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["enterprise"].queryset = restrict(Enterprise.objects.all(), user, "view")

    def clean(self):
        data = super().clean()
        if bool(data.get("demand_category")) != bool((data.get("demand_content") or "").strip()):
            raise forms.ValidationError(_("A demand needs both its category and its content."))
        return data


@searchable("enterprise")
class DemandForm(ScopedForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))
    category = forms.ChoiceField(choices=DemandCategory.choices, label=_("Category"))
    content = text_field(_("Content"), rows=4)
    channel = forms.ChoiceField(
        choices=[(Channel.HOTLINE, Channel.HOTLINE.label), (Channel.VISIT, Channel.VISIT.label)],
        label=_("Channel"),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        visible = restrict(Enterprise.objects.all(), user, "view")
        self.fields["enterprise"].queryset = visible
        own = visible.filter(account_unit_id=user.unit_id).first() if user.unit_id else None
        if own is not None:
            # The enterprise's own user raises demands online, for itself only.
            self.fields["enterprise"].queryset = visible.filter(pk=own.pk)
            self.fields["enterprise"].initial = own.pk
            del self.fields["channel"]


class DispatchForm(StyledForm):
    department = forms.ModelChoiceField(
        queryset=OrgUnit.objects.filter(kind__in=(UnitKind.DEPARTMENT, *TOWN_KINDS)),
        label=_("Department"),
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (working days)"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=_("Leave empty for the category's time limit."),
    )
    comment = text_field(_("Comment"), required=False)


class RateForm(StyledForm):
    rating = forms.ChoiceField(choices=Rating.choices, label=_("Rating"), widget=forms.RadioSelect)
    comment = text_field(_("Comment"), required=False)
