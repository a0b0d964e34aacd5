"""The roles of docs/architecture.md ("Who uses it"), with their default data scope and permissions.

Roles are data (an administrator may change them); these are the defaults created on
migrate. Later modules add their permissions to ROLE_PERMISSIONS from their AppConfig.
"""

from django.contrib.auth.models import Permission
from django.db import transaction

from mingzhu.core.scope import DataScope

from .choices import RoleCode

ROLE_SCOPES = {
    RoleCode.LEADER: DataScope.ALL,
    RoleCode.SUPERVISOR: DataScope.ALL,
    RoleCode.DEPT_STAFF: DataScope.UNIT_AND_BELOW,
    RoleCode.TOWN_STAFF: DataScope.UNIT_AND_BELOW,
    RoleCode.GRID_WORKER: DataScope.CUSTOM,
    RoleCode.ENTERPRISE: DataScope.UNIT,
    # The statistics bureau keeps every unit's figures (and the peers'): scope all, but
    # only for what the role grants.
    RoleCode.STATISTICIAN: DataScope.ALL,
    RoleCode.INDUSTRY: DataScope.ALL,
    RoleCode.FINANCE: DataScope.ALL,
    RoleCode.INTAKE_DESK: DataScope.ALL,
    RoleCode.AGRICULTURE: DataScope.ALL,
    RoleCode.ORGANISATION: DataScope.ALL,
    RoleCode.CIVILISATION: DataScope.ALL,
    RoleCode.KEY_PROJECTS: DataScope.ALL,
    RoleCode.VILLAGE_STAFF: DataScope.UNIT_AND_BELOW,
    RoleCode.ADMIN: DataScope.ALL,
}

# "app_label.codename" per role; extended by each module.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    RoleCode.LEADER: {"org.view_orgunit", "org.view_user", "auditlog.view_logentry"},
    RoleCode.SUPERVISOR: {"org.view_orgunit", "org.view_user", "auditlog.view_logentry"},
    RoleCode.DEPT_STAFF: {"org.view_orgunit", "org.view_user"},
    RoleCode.TOWN_STAFF: {"org.view_orgunit", "org.view_user"},
    RoleCode.GRID_WORKER: {"org.view_orgunit"},
    RoleCode.ENTERPRISE: set(),
    RoleCode.STATISTICIAN: {"org.view_orgunit"},
    RoleCode.INDUSTRY: {"org.view_orgunit"},
    RoleCode.FINANCE: {"org.view_orgunit"},
    RoleCode.INTAKE_DESK: {"org.view_orgunit"},
    RoleCode.AGRICULTURE: {"org.view_orgunit"},
    RoleCode.ORGANISATION: {"org.view_orgunit"},
    RoleCode.CIVILISATION: {"org.view_orgunit"},
    # Reads the projects of every town, not the org tree beyond its own department.
    RoleCode.KEY_PROJECTS: set(),
    RoleCode.VILLAGE_STAFF: {"org.view_orgunit"},
    RoleCode.ADMIN: {
        "org.view_orgunit",
        "org.add_orgunit",
        "org.change_orgunit",
        "org.delete_orgunit",
        "org.view_user",
        "org.add_user",
        "org.change_user",
        "org.delete_user",
        "org.view_unitalias",
        "org.add_unitalias",
        "org.change_unitalias",
        "org.delete_unitalias",
        "org.view_role",
        "org.add_role",
        "org.change_role",
        "org.delete_role",
        "org.view_usersession",
        "org.delete_usersession",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "auditlog.view_logentry",
    },
}


def _permissions(names: set[str]) -> list[Permission]:
    pairs = [name.split(".", 1) for name in names]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in pairs},
        codename__in={code for _, code in pairs},
    ).select_related("content_type")
    return [p for p in found if f"{p.content_type.app_label}.{p.codename}" in names]


@transaction.atomic
def sync_roles() -> None:
    """Create missing roles and grant each default permission once.

    A default permission an administrator later removes stays removed; permissions that
    new modules add to the defaults are granted on the next migrate.
    """
    from .models import Role

    for code in RoleCode:
        role, _created = Role.objects.get_or_create(
            code=code.value,
            defaults={"name": str(code.label), "data_scope": ROLE_SCOPES[code]},
        )
        missing = ROLE_PERMISSIONS[code] - set(role.defaults_applied)
        if not missing:
            continue
        found = _permissions(missing)
        role.permissions.add(*found)
        role.defaults_applied = sorted(
            set(role.defaults_applied) | {f"{p.content_type.app_label}.{p.codename}" for p in found}
        )
        role.save(update_fields=["defaults_applied", "updated_at"])
