import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedForm, ScopedModelForm, StyledForm, model_form, text_field
from mingzhu.org.choices import TOWN_KINDS, RoleCode, UnitKind
from mingzhu.org.models import OrgUnit, User

from .choices import FactorKind, QuantityUnit, Satisfaction, Stage
from .models import FactorRoute, Inspection, Project


class ProjectForm(ScopedModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "investor",
            "chain",
            "total_investment",
            "foreign_investment",
            "town",
            "in_port_zone",
            "latitude",
            "longitude",
            "negotiating_on",
            "liaison_leader",
            "steward",
            "party_branch_name",
            "party_branch_secretary",
            "party_branch_members",
            "description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = self.fields["town"].queryset.filter(kind__in=TOWN_KINDS)
        leaders = User.objects.filter(roles__code=RoleCode.LEADER, is_active=True).distinct()
        self.fields["liaison_leader"].queryset = leaders
        self.fields["steward"].queryset = User.objects.filter(is_active=True).exclude(
            unit__kind=UnitKind.COMPANY
        )


class MoveForm(StyledForm):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput)
    note = text_field(_("Note"), required=False)
    reason = text_field(_("Reason for suspension"), required=False)
    evidence = forms.FileField(label=_("Evidence (contract, licence, photo)"), required=False)

    def __init__(self, *args, moves=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s, Stage(s).label) for s in moves]
        self.fields["on"].initial = timezone.localdate()


class InvestmentForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    planned = forms.DecimalField(
        label=_("Planned investment (10,000 yuan)"), required=False, min_value=0
    )
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    completed = forms.DecimalField(
        label=_("Completed in the month (10,000 yuan)"), required=False, min_value=0
    )
    progress = forms.CharField(label=_("Progress (形象进度)"), required=False, max_length=500)
    remark = forms.CharField(label=_("Remarks"), required=False, max_length=500)
    overwrite = forms.BooleanField(
        label=_("Replace the recorded figure"),
        required=False,
        help_text=_("Only to correct a figure already entered; the change is recorded."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        noted = data.get("progress") or data.get("remark")
        if (data.get("completed") is not None or noted) and not data.get("month"):
            self.add_error("month", _("Say which month the amount was completed in."))
        if data.get("planned") is None and data.get("completed") is None and not noted:
            raise forms.ValidationError(_("Enter a planned or a completed amount."))
        return data


class InvestmentImportForm(StyledForm):
    """The investment sheet import's options: the report month of a sheet whose title
    names none, and whether figures already recorded may be replaced."""

    report_month = forms.CharField(
        label=_("Report month (报告月份)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-10"}),
        help_text=_("Only for a sheet whose title names no month (such as 2026年1-10月)."),
    )
    overwrite = forms.BooleanField(
        label=_("Replace the recorded figure"),
        required=False,
        help_text=_("Only to correct a figure already entered; the change is recorded."),
    )

    def clean_report_month(self):
        from .investment_import import parse_month

        text = self.cleaned_data["report_month"].strip()
        if not text:
            return None
        period = parse_month(text)
        if period is None or not 2000 <= period.year <= 2100:
            raise forms.ValidationError(_("Give the month as 2026-10."))
        return period


class FactorRequestForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=FactorKind.choices)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, decimal_places=2)
    unit = forms.ChoiceField(label=_("Unit"), choices=QuantityUnit.choices)
    needed_by = forms.DateField(label=_("Needed by"), widget=forms.DateInput)
    description = text_field(_("Description"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needed_by"].initial = timezone.localdate() + dt.timedelta(days=30)


class DispatchForm(StyledForm):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT),
        required=False,
        help_text=_("Leave empty for the department set up for this kind."),
    )
    comment = forms.CharField(label=_("Comment"), required=False)


class RateForm(StyledForm):
    satisfaction = forms.ChoiceField(label=_("Satisfaction"), choices=Satisfaction.choices)


class InspectionForm(ScopedModelForm):
    class Meta:
        model = Inspection
        fields = ["title", "date", "leader", "remarks"]
        widgets = {"date": forms.DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = User.objects.filter(
            roles__code=RoleCode.LEADER, is_active=True
        ).distinct()


class ScoreForm(ScopedForm):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    score = forms.DecimalField(label=_("Score"), min_value=0, max_value=100, decimal_places=1)
    remarks = forms.CharField(label=_("Remarks"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            self.fields["project"].queryset = Project.objects.restrict(user, "view").order_by(
                "name"
            )


FactorRouteForm = model_form(FactorRoute, "kind department time_limit_days")


class ImportForm(StyledForm):
    file = forms.FileField(label=_("Workbook (.xlsx)"))
