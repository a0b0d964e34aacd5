"""Start-up checks: a model that does not say where it sits in the org tree is refused,
and so is a role's default permission that no model defines, a role that may change or
delete what it may not view, and a personal-data key that does not open the stored data."""

from django.apps import apps
from django.core.checks import Error, Tags, register
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError


def _resolves_to_unit(model, prefix: str) -> bool:
    current = model
    for part in prefix.split("__") if prefix else []:
        try:
            f = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not f.is_relation or f.related_model is None:
            return False
        current = f.related_model
    return current._meta.label == "org.OrgUnit"


@register()
def check_scope_declarations(app_configs=None, **kwargs):
    from .audit import is_audited

    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("mingzhu.") or model._meta.abstract:
            continue
        label = model._meta.label
        scope_fields = getattr(model, "scope_fields", ())
        is_global = getattr(model, "scope_global", False)
        if not scope_fields and not is_global:
            errors.append(
                Error(
                    f"{label} declares neither scope_fields nor scope_global = True.",
                    hint="Say where the model sits in the org tree, or that it is reference data.",
                    obj=model,
                    id="mingzhu.E001",
                )
            )
        for prefix in scope_fields:
            if not _resolves_to_unit(model, prefix):
                errors.append(
                    Error(
                        f"{label}.scope_fields entry {prefix!r} does not lead to an OrgUnit.",
                        obj=model,
                        id="mingzhu.E002",
                    )
                )
        if not hasattr(model._default_manager, "restrict"):
            errors.append(
                Error(
                    f"{label}'s default manager has no restrict(user, action).",
                    obj=model,
                    id="mingzhu.E003",
                )
            )
        if not is_audited(model) and not getattr(model, "audit_exempt", False):
            errors.append(
                Error(
                    f"{label} is not recorded in the audit trail.",
                    hint="Decorate it with @audited() or set audit_exempt = True with a reason.",
                    obj=model,
                    id="mingzhu.E004",
                )
            )
    return errors


def _defined_permissions() -> set[str]:
    names = set()
    for model in apps.get_models():
        meta = model._meta
        names |= {
            f"{meta.app_label}.{action}_{meta.model_name}" for action in meta.default_permissions
        }
        names |= {f"{meta.app_label}.{codename}" for codename, _label in meta.permissions}
    return names


@register()
def check_role_grants(app_configs=None, **kwargs):
    """Every permission a module grants to a default role exists; a misspelt one would
    otherwise grant nothing, silently."""
    from mingzhu.org.roles import ROLE_PERMISSIONS

    defined = _defined_permissions()
    return [
        Error(
            f"The default role {role} is granted {name!r}, which no model defines.",
            hint="Correct the name in the module's grants (mingzhu.core.apps.permissions).",
            id="mingzhu.E005",
        )
        for role, names in sorted(ROLE_PERMISSIONS.items())
        for name in sorted(names - defined)
    ]


def wider_than_view(names) -> list[str]:
    """The change and delete permissions among ``names`` whose model's view permission is
    not among them. Data scope belongs to the role: a role granting both applies the same
    scope to both, so with every role granting view beside change, no union of roles lets
    a user change (or delete) a row they cannot see."""
    names = set(names)
    wider = []
    for name in sorted(names):
        app_label, _, codename = name.partition(".")
        action, _, model_name = codename.partition("_")
        if action not in ("change", "delete"):
            continue
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if getattr(model, "scope_global", False):
            continue  # every signed-in user reads reference data
        if f"{app_label}.view_{model_name}" not in names:
            wider.append(name)
    return wider


def scope_errors(
    grants: dict[str, set[str]], role: str, *, hint: str, error_id: str
) -> list[Error]:
    """An error for each permission of ``grants`` (role code -> permission names) that is
    ``wider_than_view``; ``role`` names the kind of role in the message."""
    return [
        Error(
            f"{role} {code} is granted {name!r} but not the view permission of that model: "
            "it could change rows it cannot see.",
            hint=hint,
            id=error_id,
        )
        for code, names in sorted(grants.items())
        for name in wider_than_view(names)
    ]


@register()
def check_default_role_scopes(app_configs=None, **kwargs):
    """No default role may change or delete a model it may not view."""
    from mingzhu.org.roles import ROLE_PERMISSIONS

    return scope_errors(
        ROLE_PERMISSIONS,
        "The default role",
        hint="Grant the view permission too (with the same role), or drop the change.",
        error_id="mingzhu.E006",
    )


@register(Tags.database)
def check_stored_role_scopes(app_configs=None, **kwargs):
    """The same rule for the roles as stored (an administrator may have changed them):
    run by ``migrate`` and ``check --database default``."""
    from mingzhu.org.models import Role
    from mingzhu.org.roles import ROLE_PERMISSIONS

    try:
        grants: dict[str, set[str]] = {}
        rows = Role.objects.values_list(
            "code", "permissions__content_type__app_label", "permissions__codename"
        )
        for code, app_label, codename in rows:
            names = grants.setdefault(code, set())
            if codename:
                names.add(f"{app_label}.{codename}")
        # A default not yet granted is granted by this migrate (org.roles.sync_roles, after
        # the checks): count it, so that the fix of a default reaches stored roles.
        for code, applied in Role.objects.values_list("code", "defaults_applied"):
            grants.setdefault(code, set()).update(
                ROLE_PERMISSIONS.get(code, set()) - set(applied or ())
            )
    except DatabaseError:
        return []  # no tables yet: migrate creates the roles
    return scope_errors(
        grants,
        "The role",
        hint="Grant the view permission too, or remove the change, in the role.",
        error_id="mingzhu.E007",
    )


@register(Tags.database)
def check_personal_data_key(app_configs=None, **kwargs):
    """The personal-data key opens the data stored with it: one stored value of each
    encrypted column (``encrypted_fields`` of a model) is decrypted. Run by ``migrate``,
    ``check --database default`` and ``mingzhu serve`` before it serves."""
    from mingzhu.livelihood import protect

    errors = []
    for model in apps.get_models():
        for name in getattr(model, "encrypted_fields", ()):
            try:
                stored = (
                    model._base_manager.exclude(**{name: ""})
                    .order_by("pk")
                    .values_list(name, flat=True)
                    .first()
                )
            except DatabaseError:
                return []  # no tables yet
            if not stored:
                continue
            try:
                protect.decrypt(stored)
            except protect.TamperedError:
                errors.append(
                    Error(
                        f"The personal-data key does not open {model._meta.label}.{name}: "
                        "the data was encrypted with another key.",
                        hint="Set MINGZHU_PERSONAL_DATA_KEY (or MINGZHU_SECRET_KEY when it "
                        "is unset) to the key the data was stored with; see docs/security.md.",
                        obj=model,
                        id="mingzhu.E008",
                    )
                )
    return errors
