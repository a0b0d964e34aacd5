from django import forms
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm, StyledForm
from mingzhu.core.views import style_form
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.models import TaskList

from .models import DocumentItem, DocumentTarget, LeadRule

MAX_UPLOAD = 5 * 1024 * 1024


class LoadForm(StyledForm):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Left empty, the title is read from the document."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "Plain text (UTF-8, GBK or GB18030), .docx, PDF with a text layer, or the "
            "任务分解表 as .xlsx or .xls, at most 5 MB."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a file or paste the text."))
        if upload is not None and upload.size > MAX_UPLOAD:
            self.add_error("file", _("The file is larger than 5 MB."))
        return data


def _units():
    return OrgUnit.objects.exclude(kind="peer").exclude(kind__in=["grid", "natural_village"])


class ItemForm(forms.ModelForm):
    class Meta:
        model = DocumentItem
        fields = ["title", "text", "lead_unit", "co_units", "leader", "deadline"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "deadline": forms.DateInput(),
            "co_units": forms.SelectMultiple(attrs={"size": 3}),
        }

    def __init__(self, *args, units=None, leaders=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].queryset = units
            self.fields["co_units"].queryset = units
        if leaders is not None:
            self.fields["leader"].queryset = leaders
        style_form(self)
        for f in self.fields.values():
            f.widget.attrs["class"] += " form-control-sm"


class TargetForm(forms.ModelForm):
    class Meta:
        model = DocumentTarget
        fields = ["indicator_name", "comparator", "value", "measure_unit", "deadline"]
        widgets = {"deadline": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
        for f in self.fields.values():
            f.widget.attrs["class"] += " form-control-sm"


ItemFormSet = forms.modelformset_factory(DocumentItem, form=ItemForm, extra=0)
TargetFormSet = forms.modelformset_factory(DocumentTarget, form=TargetForm, extra=0)


def item_formset(document, data=None, user=None):
    units = _units().restrict(user, "view") if user is not None else _units()
    leaders = User.objects.filter(roles__code="leader", is_active=True).distinct()
    return ItemFormSet(
        data,
        queryset=document.items.all(),
        prefix="items",
        form_kwargs={"units": units.order_by("path"), "leaders": leaders},
    )


def target_formset(document, data=None):
    return TargetFormSet(data, queryset=document.targets.all(), prefix="targets")


class AdoptForm(StyledForm):
    name = forms.CharField(
        label=_("Task list name"),
        required=False,
        max_length=200,
        help_text=_("Left empty: the document's title and 任务分解表."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ListKind.choices, initial=ListKind.WORK_POINTS
    )
    into = forms.ModelChoiceField(
        label=_("Or add to an existing task list"),
        queryset=TaskList.objects.none(),
        required=False,
        help_text=_("Tasks already typed there are linked to their items instead of doubled."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["into"].queryset = TaskList.objects.restrict(user, "change")


class LeadRuleForm(ScopedModelForm):
    class Meta:
        model = LeadRule
        fields = ["keyword", "unit", "unit_name", "priority", "is_active"]

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not (data.get("unit_name") or "").strip():
            raise forms.ValidationError(_("Choose a unit or give its name."))
        return data
