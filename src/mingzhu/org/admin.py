from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import OrgUnit, Role, User


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "parent", "is_illustrative"]
    list_filter = ["kind", "is_illustrative"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]


class RoleForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = ["code", "name", "data_scope", "description", "permissions"]

    def clean_permissions(self):
        from mingzhu.core.checks import wider_than_view

        chosen = self.cleaned_data["permissions"]
        names = {f"{p.content_type.app_label}.{p.codename}" for p in chosen}
        wider = wider_than_view(names)
        if wider:
            raise forms.ValidationError(
                _("A role may not change or delete what it may not view: %(names)s.")
                % {"names": ", ".join(wider)}
            )
        return chosen


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    form = RoleForm
    list_display = ["code", "name", "data_scope"]
    filter_horizontal = ["permissions"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "unit", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo", "roles"]
    search_fields = ["username", "display_name"]
    filter_horizontal = ["roles", "custom_units", "user_permissions"]
    raw_id_fields = ["unit"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (
            _("Mingzhu"),
            {
                "fields": [
                    "display_name",
                    "unit",
                    "title",
                    "phone",
                    "roles",
                    "custom_units",
                    "is_demo",
                ]
            },
        ),
    ]
