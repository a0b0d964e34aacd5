import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm, StyledForm, text_field

from .choices import GROUP_KINDS, ChannelKind, Topic
from .models import Channel, Job, Preference
from .schedule import check_schedule

KEEP = _("Stored encrypted and shown masked; leave empty to keep the stored one.")


def clean_url(value: str) -> str:
    value = (value or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("%(value)s is not a web address (http:// or https://).") % {"value": value}
        ) from None
    return value


def clean_params(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        params = json.loads(value)
    except ValueError:
        raise ValidationError(
            _('The parameters must be JSON, e.g. {"mobile": "{phone}", "content": "{text}"}.')
        ) from None
    if not isinstance(params, dict) or not all(isinstance(v, str | int) for v in params.values()):
        raise ValidationError(
            _('The parameters must be JSON, e.g. {"mobile": "{phone}", "content": "{text}"}.')
        )
    return value


def check_channel(*, kind: str, unit, url: str, stored_url: str, params: str) -> dict:
    """The errors of a channel's settings, by field."""
    errors = {}
    if kind in GROUP_KINDS and unit is None:
        errors["unit"] = _("A group robot belongs to a unit: choose its unit.")
    if kind != ChannelKind.EMAIL and not (url or stored_url):
        errors["url"] = _("The address is required for this kind of channel.")
    if kind == ChannelKind.SMS and "{phone}" not in (params or ""):
        errors["params"] = _("The parameters must place the phone number: {phone}.")
    return errors


class ChannelForm(ScopedModelForm):
    url = forms.CharField(label=_("address (webhook or gateway URL)"), required=False)
    secret = forms.CharField(
        label=_("secret"), required=False, widget=forms.PasswordInput, help_text=KEEP
    )
    params = text_field(
        _("gateway parameters (JSON)"),
        required=False,
        rows=3,
        help_text=_('SMS: e.g. {"mobile": "{phone}", "content": "{text}", "key": "{secret}"}.'),
    )
    clear_secret = forms.BooleanField(label=_("remove the stored secret"), required=False)

    class Meta:
        model = Channel
        fields = [
            "name",
            "kind",
            "unit",
            "url",
            "secret",
            "clear_secret",
            "markdown",
            "method",
            "params",
            "success_text",
            "daily_cap",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["url"].help_text = _("Stored: %(value)s. ") % {
                "value": self.instance.url_masked
            } + str(KEEP)
            if self.instance.secret_cipher:
                self.fields["secret"].help_text = _("Stored: %(value)s. ") % {
                    "value": self.instance.secret_masked
                } + str(KEEP)
            self.fields["params"].help_text = str(KEEP)

    def clean_url(self):
        value = self.cleaned_data.get("url", "")
        return clean_url(value) if value.strip() else ""

    def clean_params(self):
        return clean_params(self.cleaned_data.get("params", ""))

    def clean(self):
        data = super().clean()
        errors = check_channel(
            kind=data.get("kind"),
            unit=data.get("unit"),
            url=data.get("url", ""),
            stored_url=self.instance.url_cipher if self.instance.pk else "",
            params=data.get("params", "") or (self.instance.params if self.instance.pk else ""),
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return data

    def save(self, commit=True):
        channel = super().save(commit=False)
        data = self.cleaned_data
        if data.get("url"):
            channel.url = data["url"]
        if data.get("clear_secret"):
            channel.secret = ""
        elif data.get("secret"):
            channel.secret = data["secret"]
        if data.get("params"):
            channel.params = data["params"]
        if commit:
            channel.save()
        return channel


def _topics(label) -> forms.MultipleChoiceField:
    """The kinds of notice a person takes by one channel (SMS, e-mail)."""
    return forms.MultipleChoiceField(
        label=label, choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class PreferenceForm(ScopedModelForm):
    sms_topics = _topics(_("by SMS"))
    email_topics = _topics(_("by e-mail"))

    class Meta:
        model = Preference
        fields = ["user", "is_unit_head", "sms_topics", "email_topics"]


class MyPreferenceForm(StyledForm):
    sms_topics = _topics(_("by SMS"))
    email_topics = _topics(_("by e-mail"))


class JobForm(ScopedModelForm):
    class Meta:
        model = Job
        fields = ["schedule", "is_active"]

    def clean_schedule(self):
        try:
            return check_schedule(self.cleaned_data.get("schedule", ""))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def save(self, commit=True):
        from django.utils import timezone

        from .schedule import next_run

        job = super().save(commit=False)
        job.next_run_at = next_run(job.schedule, timezone.now())
        if commit:
            job.save()
        return job
