from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedForm, ScopedModelForm, model_form, text_field
from mingzhu.org.models import city_units
from mingzhu.system import dictionaries

from .choices import LinkKind
from .models import (
    RESIDENTIAL_KINDS,
    Household,
    PartyGroup,
    PartyGroupActivity,
    PartyMember,
    PartyOrganisation,
    TrainingCourse,
    TrainingSession,
)

DATE = forms.DateInput(attrs={"type": "date"})


class _Residential:
    def limit_villages(self, *names: str) -> None:
        for name in names:
            self.fields[name].queryset = self.fields[name].queryset.filter(
                kind__in=RESIDENTIAL_KINDS
            )


PartyOrganisationForm = model_form(PartyOrganisation, "name kind unit parent")


PartyGroupForm = model_form(PartyGroup, "organisation name leader")


class PartyMemberForm(_Residential, ScopedModelForm):
    class Meta:
        model = PartyMember
        fields = ["name", "organisation", "group", "village", "role", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages("village")


class HouseholdForm(_Residential, ScopedModelForm):
    class Meta:
        model = Household
        fields = ["village", "head_name", "address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages("village")


class PartyGroupActivityForm(ScopedModelForm):
    class Meta:
        model = PartyGroupActivity
        fields = ["group", "held_on", "kind", "topic", "place", "attendees"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = dictionaries.form_choices(
            "party.activity_kind", keep=self.instance.kind
        )


TrainingCourseForm = model_form(TrainingCourse, "name year track organiser description")


TrainingSessionForm = model_form(TrainingSession, "course held_on place hours", held_on=DATE)


class LinkForm(ScopedForm):
    member = forms.ModelChoiceField(
        queryset=PartyMember.objects.filter(is_active=True), label=_("Party member")
    )
    kind = forms.ChoiceField(choices=LinkKind.choices, label=_("Kind"))
    started_on = forms.DateField(label=_("Linked since"), widget=DATE)


class EndLinkForm(ScopedForm):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE)


class VisitForm(ScopedForm):
    member = forms.ModelChoiceField(
        queryset=PartyMember.objects.filter(is_active=True), label=_("Party member")
    )
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    findings = text_field(_("What was found"), rows=3)
    problem = forms.CharField(
        label=_("Problem to solve"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Leave empty when nothing needs to be done; otherwise it becomes a task."),
    )


class RaiseTaskForm(ScopedForm):
    lead_unit = forms.ModelChoiceField(
        queryset=city_units(),
        label=_("Responsible unit"),
        required=False,
        help_text=_("Leave empty for the household's village."),
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (working days)"), min_value=1, max_value=120, initial=10
    )


class AttendanceForm(ScopedForm):
    members = forms.ModelMultipleChoiceField(
        queryset=PartyMember.objects.filter(is_active=True), label=_("Party members")
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        max_digits=5,
        decimal_places=1,
        help_text=_("Leave empty for the session's hours."),
    )
