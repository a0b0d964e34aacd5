from django import forms
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from mingzhu.core.forms import ScopedModelForm, model_form
from mingzhu.core.widgets import searchable

from .choices import RoleCode
from .models import OrgUnit, Role, UnitAlias, User

# What an administrator needs to keep administering: nobody takes these from themselves.
ADMIN_PERMISSIONS = ("org.change_user", "org.change_role")


def unit_tree(chosen: set[int]) -> list[dict]:
    """The units inside the city's tree as nested nodes {"unit", "checked", "children"}."""
    from .models import city_units

    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for unit in city_units().order_by("depth", "sort_order", "path"):
        node = {"unit": unit, "checked": unit.pk in chosen, "children": []}
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


OrgUnitForm = model_form(
    OrgUnit,
    "name short_name kind code parent sort_order is_active is_illustrative source",
)


@searchable("unit", "custom_units")
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
        widgets = {"roles": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.editor = user
        # Granting roles and data scope is the administrator's: whoever may not change
        # roles may not hand them out either (not even to themselves).
        if user is not None and not user.has_perm("org.change_role"):
            del self.fields["roles"]
            del self.fields["custom_units"]

    def clean(self):
        cleaned = super().clean()
        editor = self.editor
        if editor is None or self.instance.pk != editor.pk:
            return cleaned
        if cleaned.get("is_active") is False:
            self.add_error("is_active", _("You cannot disable your own account."))
        if "roles" in cleaned and not editor.is_superuser:
            kept = {
                f"{app}.{code}"
                for app, code in Permission.objects.filter(
                    mingzhu_roles__in=cleaned["roles"]
                ).values_list("content_type__app_label", "codename")
            }
            direct = {
                f"{app}.{code}"
                for app, code in editor.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            }
            lost = [p for p in ADMIN_PERMISSIONS if editor.has_perm(p) and p not in kept | direct]
            if lost:
                self.add_error(
                    "roles",
                    _(
                        "These roles would take from you what you need to administer users "
                        "and roles (%(names)s): ask another administrator."
                    )
                    % {"names": _labels(lost)},
                )
        return cleaned

    def unit_tree(self) -> list[dict]:
        """The city's units as a tree for the custom-scope picker, the chosen ones ticked."""
        if "custom_units" not in self.fields:
            return []
        if self.is_bound:
            chosen = {int(v) for v in self.data.getlist("custom_units") if str(v).isdigit()}
        elif self.instance.pk:
            chosen = set(self.instance.custom_units.values_list("pk", flat=True))
        else:
            chosen = set()
        return unit_tree(chosen)

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


# -- roles ------------------------------------------------------------------------------

# The apps whose permissions a role may grant: the platform's modules, the change log and
# the login log (Django's own tables, sessions and tokens are not granted by role).
_GRANTABLE_APPS = ("auditlog", "axes")
_VERBS = {"view": _("View"), "add": _("Add"), "change": _("Change"), "delete": _("Delete")}


def _grantable_labels() -> list[str]:
    return [
        *(c.label for c in apps.get_app_configs() if c.name.startswith("mingzhu.")),
        *_GRANTABLE_APPS,
    ]


def permission_label(permission: Permission) -> str:
    """A permission's name in the interface's language: the action and the model's
    name, or the label its model declares."""
    model = permission.content_type.model_class()
    if model is None:
        return permission.name
    action, _sep, model_name = permission.codename.partition("_")
    if action in _VERBS and model_name == model._meta.model_name:
        return _("%(action)s %(model)s") % {
            "action": _VERBS[action],
            "model": model._meta.verbose_name,
        }
    return str(dict(model._meta.permissions).get(permission.codename, permission.name))


def permission_groups(permissions, chosen: set[int]) -> list[dict]:
    """The permissions by module (app), each module's in its models' order: [{"label",
    "items": [(pk, label, checked)]}]."""
    groups: dict[str, dict] = {}
    for permission in permissions:
        app_label = permission.content_type.app_label
        group = groups.setdefault(
            app_label, {"label": apps.get_app_config(app_label).verbose_name, "items": []}
        )
        group["items"].append(
            (permission.pk, permission_label(permission), permission.pk in chosen)
        )
    return list(groups.values())


class RoleForm(ScopedModelForm):
    """A role: its name, data scope and permissions. The code of a role the platform
    defines stays as it is (the platform finds the role by it)."""

    class Meta:
        model = Role
        fields = ["code", "name", "data_scope", "description", "permissions"]
        widgets = {"permissions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.editor = user
        self.fields["permissions"].queryset = (
            Permission.objects.filter(content_type__app_label__in=_grantable_labels())
            .select_related("content_type")
            .order_by("content_type__app_label", "content_type__model", "pk")
        )
        self.fields["code"].validators.append(
            RegexValidator(r"^[a-z][a-z0-9_]*$", _("Lower-case letters, digits and _ only."))
        )
        if self.instance.pk and self.instance.code in RoleCode.values:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("Defined by the platform: the code cannot change.")

    def permission_groups(self) -> list[dict]:
        if self.is_bound:
            chosen = {int(v) for v in self.data.getlist("permissions") if str(v).isdigit()}
        elif self.instance.pk:
            chosen = set(self.instance.permissions.values_list("pk", flat=True))
        else:
            chosen = set()
        return permission_groups(self.fields["permissions"].queryset, chosen)

    def clean_permissions(self):
        from mingzhu.core.checks import wider_than_view

        chosen = self.cleaned_data["permissions"]
        names = {f"{p.content_type.app_label}.{p.codename}" for p in chosen}
        wider = wider_than_view(names)
        if wider:
            labels = "、".join(
                permission_label(p)
                for p in chosen
                if f"{p.content_type.app_label}.{p.codename}" in wider
            )
            raise forms.ValidationError(
                _("A role may not change or delete what it may not view: %(names)s.")
                % {"names": labels}
            )
        return chosen

    def clean(self):
        cleaned = super().clean()
        editor = self.editor
        role = self.instance
        if (
            editor is not None
            and role.pk
            and "permissions" in cleaned
            and editor.roles.filter(pk=role.pk).exists()
        ):
            kept = {f"{p.content_type.app_label}.{p.codename}" for p in cleaned["permissions"]}
            lost = [
                perm
                for perm in ADMIN_PERMISSIONS
                if perm not in kept and not _held_elsewhere(editor, perm, role)
            ]
            if lost:
                raise forms.ValidationError(
                    _(
                        "You hold this role: removing %(names)s would lock you out of the "
                        "administration of users and roles."
                    )
                    % {"names": _labels(lost)}
                )
        return cleaned


def _labels(names) -> str:
    """Permission names ("app.codename") as the interface names them, joined."""
    found = {
        f"{p.content_type.app_label}.{p.codename}": permission_label(p)
        for p in Permission.objects.filter(
            content_type__app_label__in={n.split(".")[0] for n in names},
            codename__in={n.split(".")[1] for n in names},
        ).select_related("content_type")
    }
    return "、".join(found.get(n, n) for n in names)


def _held_elsewhere(user, perm: str, role=None) -> bool:
    """Whether ``user`` holds ``perm`` otherwise than through ``role``."""
    if user.is_superuser:
        return True
    app_label, codename = perm.split(".")
    roles = user.roles.exclude(pk=role.pk) if role is not None else user.roles.all()
    through_roles = roles.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    ).exists()
    return (
        through_roles
        or user.user_permissions.filter(
            content_type__app_label=app_label, codename=codename
        ).exists()
    )


UnitAliasForm = model_form(UnitAlias, "name unit")
