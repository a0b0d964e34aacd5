from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedForm, model_form, text_field, yes_or_no
from mingzhu.org.models import OrgUnit, city_units

from .models import Category, VolunteerActivity

DATE = forms.DateInput(attrs={"type": "date"})


CategoryForm = model_form(Category, "name kind notice_days description is_active sort_order")


VolunteerActivityForm = model_form(
    VolunteerActivity,
    "title organiser held_on place content hours",
    held_on=DATE,
)


class SubmitForm(ScopedForm):
    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True), label=_("Creation category")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    applicant = forms.CharField(label=_("Applicant"), max_length=200)
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.all(), label=_("Unit"))
    description = text_field(_("Deeds and grounds"), rows=3, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            from mingzhu.core.scope import units_in_scope

            self.fields["unit"].queryset = units_in_scope(user, "civility.add_application")


class ReviewForm(ScopedForm):
    approve = yes_or_no(_("Review"), _("Pass"), _("Reject"))
    comment = text_field(_("Comment"), required=False)


class PublishForm(ScopedForm):
    start = forms.DateField(label=_("Notice from"), widget=DATE)
    days = forms.IntegerField(
        label=_("Public notice (days)"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=_("Leave empty for the category's days."),
    )


class ObjectionForm(ScopedForm):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    content = text_field(_("Content"), rows=3)


class ResolveForm(ScopedForm):
    upheld = yes_or_no(_("Outcome"), _("Upheld"), _("Dismissed"), no_first=True)
    resolution = text_field(_("What the check found"))
    on = forms.DateField(label=_("Resolved on"), widget=DATE)


class AwardForm(ScopedForm):
    on = forms.DateField(label=_("Date"), widget=DATE)
    comment = forms.CharField(label=_("Comment"), required=False)


class RefuseForm(ScopedForm):
    on = forms.DateField(label=_("Date"), widget=DATE)
    reason = text_field(_("Reason"))


class ParticipationForm(ScopedForm):
    volunteer = forms.CharField(label=_("Volunteer"), max_length=50)
    unit = forms.ModelChoiceField(queryset=city_units(), label=_("Volunteer's unit"))
    hours = forms.DecimalField(
        label=_("Service hours"),
        required=False,
        max_digits=6,
        decimal_places=1,
        help_text=_("Leave empty for the activity's hours."),
    )
