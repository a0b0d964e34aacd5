"""Start-up checks: a model that does not say where it sits in the org tree is refused,
and so is a role's default permission that no model defines."""

from django.apps import apps
from django.core.checks import Error, register
from django.core.exceptions import FieldDoesNotExist


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
