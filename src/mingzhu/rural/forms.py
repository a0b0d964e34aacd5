from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm, StyledForm, model_form, text_field
from mingzhu.core.scope import units_in_scope
from mingzhu.core.uploads import PHOTO_KINDS, FilesField
from mingzhu.core.widgets import searchable
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit

from . import actions
from .choices import FaultSource, InspectionKind, RemediationCategory
from .models import (
    Facility,
    FacilityType,
    Maintainer,
    RemediationProgramme,
    ScoringItem,
    ScoringSheet,
)


def _units(user, perm: str, kinds) -> forms.ModelChoiceField:
    return units_in_scope(user, perm).filter(kind__in=kinds).order_by("path")


class RemediationForm(StyledForm):
    accepts_user = True

    programme = forms.ModelChoiceField(
        queryset=RemediationProgramme.objects.all(), label=_("Programme")
    )
    natural_village = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), label=_("Natural village")
    )
    categories = forms.MultipleChoiceField(
        choices=RemediationCategory.choices,
        label=_("Categories"),
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["natural_village"].queryset = _units(
            user, "rural.add_remediation", [UnitKind.NATURAL_VILLAGE]
        )


class InspectionForm(StyledForm):
    """The inspection's header and one score, finding and "raise a task" per item of
    the chosen sheet."""

    accepts_user = True

    village = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Village"))
    kind = forms.ChoiceField(choices=InspectionKind.choices, label=_("Kind"))
    inspected_on = forms.DateField(label=_("Inspected on"), widget=forms.DateInput())
    inspectors = forms.CharField(label=_("Inspectors"), required=False, max_length=200)
    summary = text_field(_("Summary"), required=False)
    rectification_deadline = forms.DateField(
        label=_("Rectification deadline"),
        required=False,
        widget=forms.DateInput(),
        help_text=_("For the tasks raised from deductions; default 15 working days."),
    )
    photos = FilesField(label=_("Photos"), kinds=PHOTO_KINDS, capture=True)

    def __init__(self, *args, user=None, sheet: ScoringSheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["village"].queryset = _units(
            user, "rural.add_villageinspection", [UnitKind.VILLAGE]
        )
        self.fields["inspected_on"].initial = timezone.localdate()
        self.items = list(sheet.items.all())
        for item in self.items:
            self.fields[f"score_{item.pk}"] = forms.CharField(
                label=item.name,
                initial=item.points,
                widget=forms.TextInput(
                    {"inputmode": "decimal", "class": "form-control form-control-sm"}
                ),
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Finding"),
                required=False,
                max_length=300,
                widget=forms.TextInput({"class": "form-control form-control-sm"}),
            )
            self.fields[f"task_{item.pk}"] = forms.BooleanField(
                label=_("Raise a rectification task"),
                required=False,
                initial=True,
                widget=forms.CheckboxInput({"class": "form-check-input"}),
            )

    HEADER = (
        "village",
        "kind",
        "inspected_on",
        "inspectors",
        "rectification_deadline",
        "summary",
        "photos",
    )

    def header_fields(self):
        return [self[name] for name in self.HEADER]

    def item_rows(self):
        return [
            (item, self[f"score_{item.pk}"], self[f"note_{item.pk}"], self[f"task_{item.pk}"])
            for item in self.items
        ]

    def scores(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "item": item,
                "score": data.get(f"score_{item.pk}"),
                "note": data.get(f"note_{item.pk}", ""),
                "raise_task": data.get(f"task_{item.pk}", False),
            }
            for item in self.items
        ]


ProgrammeForm = model_form(
    RemediationProgramme,
    "name start_date end_date target_share task_list source",
    start_date=forms.DateInput(),
    end_date=forms.DateInput(),
)


class RaiseTaskForm(StyledForm):
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=forms.DateInput())


class NewVersionForm(StyledForm):
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput())
    notes = text_field(_("Notes"), required=False)


class ScoringSheetForm(ScopedModelForm):
    class Meta:
        model = ScoringSheet
        fields = ["name", "valid_from", "notes"]
        widgets = {"valid_from": forms.DateInput()}

    def clean_name(self):
        # A name names one sheet and its versions: a second sheet of that name would
        # clash with the first one's version numbers.
        name = self.cleaned_data["name"]
        if self.instance.pk and name == self.instance.name:
            return name
        if ScoringSheet.versions_of(name).exists():
            raise forms.ValidationError(
                _("A scoring sheet with this name exists; make a new version of it instead.")
            )
        return name

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            try:
                actions.check_sheet_editable(self.instance)
            except actions.RuralError as exc:
                raise forms.ValidationError(str(exc)) from None
        return data


class ScoringItemForm(ScopedModelForm):
    class Meta:
        model = ScoringItem
        fields = ["sheet", "order", "category", "name", "points", "deduction_rule"]
        widgets = {"deduction_rule": forms.Textarea({"rows": 2})}

    def clean(self):
        data = super().clean()
        sheets = {data.get("sheet"), self.instance.sheet if self.instance.sheet_id else None}
        for sheet in filter(None, sheets):
            try:
                actions.check_sheet_editable(sheet)
            except actions.RuralError as exc:
                raise forms.ValidationError(str(exc)) from None
        return data


FacilityTypeForm = model_form(FacilityType, "name time_limit time_limit_basis sort_order is_active")


class MaintainerForm(ScopedModelForm):
    class Meta:
        model = Maintainer
        fields = ["name", "unit", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(
            kind__in=[*TOWN_KINDS, UnitKind.VILLAGE, UnitKind.DEPARTMENT]
        )


class FacilityForm(ScopedModelForm):
    class Meta:
        model = Facility
        fields = ["village", "type", "name", "location", "maintainer", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["village"].queryset = self.fields["village"].queryset.filter(
            kind=UnitKind.VILLAGE
        )
        self.fields["type"].queryset = FacilityType.objects.filter(is_active=True)


# The facility is one of some 300 (the agriculture bureau's whole city): searched as the
# user types (by its name, its village's or its type's), not scrolled through.
@searchable("facility")
class FaultForm(StyledForm):
    accepts_user = True

    facility = forms.ModelChoiceField(queryset=Facility.objects.none(), label=_("Facility"))
    source = forms.ChoiceField(choices=FaultSource.choices, label=_("Reported through"))
    reporter_name = forms.CharField(
        label=_("Villager's name"),
        required=False,
        max_length=50,
        help_text=_("Only when a villager reported it."),
    )
    description = text_field(_("Description"), rows=3)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = (
            actions.reportable_facilities(user)
            .select_related("village", "type")
            .order_by("village__path", "type__sort_order", "name")
        )
        if user is not None and user.has_perm("grid.add_gridevent"):
            self.fields["source"].initial = FaultSource.GRID_WORKER


class CommentForm(StyledForm):
    comment = text_field(_("Comment"), required=False)


class SecretaryPlanForm(StyledForm):
    accepts_user = True

    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    secretary = forms.CharField(label=_("Secretary"), max_length=50)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(
            user, "rural.add_secretaryplan", [*TOWN_KINDS, UnitKind.VILLAGE]
        )
        self.fields["year"].initial = timezone.localdate().year


class ProjectForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    content = text_field(_("Content"), required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput())
    milestones = forms.CharField(
        label=_("Milestones"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("One a line: name, date (2025-06-30), weight."),
    )

    def clean_milestones(self):
        import datetime as dt

        rows = []
        text = self.cleaned_data.get("milestones") or ""
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            try:
                name, day, weight = parts
                rows.append((name, dt.date.fromisoformat(day), int(weight)))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)s: write name, date (2025-06-30), weight.") % {"n": n}
                ) from None
        return rows


class ReviewForm(StyledForm):
    review_score = forms.DecimalField(
        label=_("Review score"), min_value=0, max_value=100, decimal_places=2
    )
    review_comment = text_field(_("Review comment"), required=False)
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=forms.DateInput())
