from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import StyledForm, model_form, text_field, yes_or_no
from mingzhu.core.uploads import PHOTO_KINDS, FilesField
from mingzhu.core.views import style_form
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit

from .actions import grids_for
from .models import Campaign, EventCategory, GridEvent


class ReportForm(forms.ModelForm):
    """What a grid worker fills in on site (on a phone)."""

    accepts_user = True  # the grids offered are the user's (ActionFormView passes it)
    photos = FilesField(label=_("Photos"), kinds=PHOTO_KINDS, capture=True)
    # The phone's key for the report (grid-offline.js): a report sent twice is filed once.
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = GridEvent
        fields = ["grid", "category", "campaign", "description", "address", "latitude", "longitude"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["grid"].queryset = grids_for(user)
        self.fields["category"].queryset = EventCategory.objects.filter(is_active=True)
        self.fields["campaign"].queryset = Campaign.objects.all()
        style_form(self)


class FileForm(StyledForm):
    responsible_unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.filter(kind__in=(UnitKind.DEPARTMENT, *TOWN_KINDS)),
        label=_("Responsible unit"),
        required=False,
        help_text=_("Leave empty for the category's responsible unit."),
    )
    comment = text_field(_("Comment"), required=False)


class RejectForm(StyledForm):
    reason = text_field(_("Reason"))


class RecheckForm(StyledForm):
    passed = yes_or_no(_("Result on site"), _("Handled: close the case"), _("Not handled: return"))
    comment = text_field(_("Comment"), required=False)
    photos = FilesField(label=_("Photos"), kinds=PHOTO_KINDS, capture=True)


CampaignForm = model_form(
    Campaign,
    "name description start_date end_date issuer task_list",
    start_date=forms.DateInput(attrs={"type": "date"}),
    end_date=forms.DateInput(attrs={"type": "date"}),
)


EventCategoryForm = model_form(
    EventCategory,
    "name responsible_unit time_limit time_limit_basis is_active sort_order",
)
