from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm

from .models import OrgUnit, UnitAlias, User


class OrgUnitForm(ScopedModelForm):
    class Meta:
        model = OrgUnit
        fields = [
            "name",
            "short_name",
            "kind",
            "code",
            "parent",
            "sort_order",
            "is_active",
            "is_illustrative",
            "source",
        ]


class UserForm(ScopedModelForm):
    new_password = forms.CharField(
        label=_("New password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "display_name",
            "unit",
            "title",
            "phone",
            "email",
            "roles",
            "custom_units",
            "is_active",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # Granting roles and data scope is the administrator's: whoever may not change
        # roles may not hand them out either (not even to themselves).
        if user is not None and not user.has_perm("org.change_role"):
            del self.fields["roles"]
            del self.fields["custom_units"]

    def clean_new_password(self):
        password = self.cleaned_data.get("new_password")
        if password:
            validate_password(password, self.instance)
        elif self.instance.pk is None:
            raise forms.ValidationError(_("A new user needs a password."))
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("new_password"):
            user.set_password(self.cleaned_data["new_password"])
        if commit:
            user.save()
            self.save_m2m()
        return user


class UnitAliasForm(ScopedModelForm):
    class Meta:
        model = UnitAlias
        fields = ["name", "unit"]
