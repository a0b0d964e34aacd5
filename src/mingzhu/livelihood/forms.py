from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm, StyledForm, model_form
from mingzhu.core.views import style_form
from mingzhu.core.widgets import searchable
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit

from . import protect
from .actions import DISPATCH_KINDS, VILLAGE_KINDS
from .choices import (
    AidReason,
    Channel,
    EntryKind,
    MeasureKind,
    RequestType,
    RiskCause,
    Satisfaction,
)
from .models import (
    CoverageTarget,
    MonitoredHousehold,
    MonitoringLine,
    RateWeights,
    RequestCategory,
    TimeLimit,
)


def _units(kinds):
    return OrgUnit.objects.filter(kind__in=kinds, is_active=True).order_by("path")


@searchable("town", "village", depends={"village": "town"})
class RegisterForm(StyledForm):
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    request_type = forms.ChoiceField(label=_("type"), choices=RequestType.choices)
    category = forms.ModelChoiceField(
        label=_("request category"),
        queryset=RequestCategory.objects.filter(is_active=True, parent__isnull=False)
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order"),
    )
    content = forms.CharField(label=_("content"), widget=forms.Textarea(attrs={"rows": 4}))
    town = forms.ModelChoiceField(label=_("town"), queryset=_units(TOWN_KINDS))
    village = forms.ModelChoiceField(
        label=_("village or community"), queryset=_units(VILLAGE_KINDS), required=False
    )
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    requester_name = forms.CharField(label=_("requester"), max_length=40, required=False)
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)

    def clean(self):
        cleaned = super().clean()
        town, village = cleaned.get("town"), cleaned.get("village")
        if town and village and not village.path.startswith(town.path):
            self.add_error(
                "village", _("%(village)s is not in %(town)s.") % {"village": village, "town": town}
            )
        return cleaned


class UnitForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=_units(DISPATCH_KINDS))
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(StyledForm):
    result = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))


class ContactForm(StyledForm):
    note = forms.CharField(
        label=_("how the caller was contacted and what was agreed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: 电话联系，约定明日上午现场查看。"),
    )


class CallbackForm(StyledForm):
    """What the citizen said when called back. Nothing is preset: the desk chooses both
    answers (an unanswered field is an error, never a default 满意)."""

    resolved = forms.TypedChoiceField(
        label=_("resolved"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the citizen's problem was resolved.")},
    )
    satisfaction = forms.ChoiceField(
        label=_("satisfaction"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied the citizen is.")},
    )
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


CategoryForm = model_form(RequestCategory, "name parent default_unit sort_order is_active")


TimeLimitForm = model_form(TimeLimit, "handling_days basis response_days")


class WeightsForm(forms.ModelForm):
    class Meta:
        model = RateWeights
        fields = [
            "response",
            "resolution",
            "satisfaction",
            "contact_hours",
            "min_cases",
            "list_size",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class HouseholdForm(ScopedModelForm):
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=18,
        required=False,
        help_text=_("Stored encrypted and shown masked; leave empty to keep the stored one."),
    )
    risk_causes = forms.MultipleChoiceField(
        label=_("risk causes"), choices=RiskCause.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = MonitoredHousehold
        fields = [
            "village",
            "household_type",
            "head_name",
            "members",
            "income_year",
            "income_per_capita",
            "risk_causes",
            "cadre",
            "identified_on",
        ]
        widgets = {"identified_on": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = self.fields["village"].queryset.filter(
            kind__in=VILLAGE_KINDS
        )
        if self.instance.pk is None:
            self.fields["id_number"].required = True
            self.fields["id_number"].help_text = _("Stored encrypted and shown masked.")
        style_form(self)

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "")
        return protect.clean_id_number(value) if value else ""

    def save(self, commit=True):
        obj = super().save(commit=False)
        if self.cleaned_data.get("id_number"):
            obj.set_id_number(self.cleaned_data["id_number"])
        if commit:
            obj.save()
        return obj


class MeasureForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=MeasureKind.choices)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = forms.ModelChoiceField(label=_("lead unit"), queryset=_units(DISPATCH_KINDS))
    deadline = forms.DateField(label=_("deadline"), widget=forms.DateInput())


class ReviewForm(StyledForm):
    approve = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("1", _("Risk eliminated")), ("0", _("Send back"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("risk eliminated on"), required=False, widget=forms.DateInput())


class EntryForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=EntryKind.choices)
    amount = forms.DecimalField(label=_("amount (10k yuan)"), max_digits=12, decimal_places=4)
    date = forms.DateField(label=_("date"), widget=forms.DateInput())
    donor = forms.CharField(label=_("donor"), max_length=100, required=False)
    purpose = forms.CharField(label=_("purpose"), max_length=200, required=False)
    recipient = forms.CharField(label=_("recipient household"), max_length=100, required=False)
    reason = forms.ChoiceField(
        label=_("reason"), choices=[("", "—"), *AidReason.choices], required=False
    )


class CorrectionForm(StyledForm):
    amount = forms.DecimalField(
        label=_("change of amount (10k yuan)"),
        max_digits=12,
        decimal_places=4,
        help_text=_("Signed: -0.0500 takes 500 yuan off the entry."),
    )
    purpose = forms.CharField(label=_("reason for the correction"), max_length=200)


class CoverageImportForm(StyledForm):
    """The coverage import's option: the year the figures are for."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)


class FollowUpForm(StyledForm):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)


MonitoringLineForm = model_form(MonitoringLine, "year amount source")


CoverageTargetForm = model_form(CoverageTarget, "year scheme rate")
