"""The permission matrix over every role: nobody may change or delete a row they may not
see, whether they hold one role or several (the personas), and the start-up checks refuse
a role that would allow it."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from mingzhu.core.checks import (
    check_default_role_scopes,
    check_stored_role_scopes,
    wider_than_view,
)
from mingzhu.core.scope import restrict
from mingzhu.org.admin import RoleForm
from mingzhu.org.choices import RoleCode
from mingzhu.org.models import Role, User
from mingzhu.org.roles import ROLE_PERMISSIONS, ROLE_SCOPES

# A unit for a user holding one role alone: where such a user would sit.
HOME = {
    RoleCode.GRID_WORKER: "YZ-XINBA-V02-G01",
    RoleCode.ENTERPRISE: "YZ-CO-0001",
    RoleCode.TOWN_STAFF: "YZ-XINBA",
    RoleCode.VILLAGE_STAFF: "YZ-XINBA-V02",
}


def _business_models():
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("mingzhu.") and not getattr(m, "scope_global", False)
    ]


def _rows_changed_but_not_seen(user) -> list[str]:
    found = []
    for model in _business_models():
        manager = model._default_manager
        seen = restrict(manager.all(), user, "view").values("pk")
        for action in ("change", "delete"):
            if not user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}"):
                continue
            hidden = restrict(manager.all(), user, action).exclude(pk__in=seen)
            if hidden.exists():
                found.append(f"{action} {model._meta.label} #{hidden.first().pk}")
    return found


def test_every_role_is_a_default_with_a_scope_and_stored():
    codes = {code.value for code in RoleCode}
    assert set(ROLE_SCOPES) == codes == set(ROLE_PERMISSIONS)


@pytest.mark.django_db
def test_every_role_is_stored():
    assert set(Role.objects.values_list("code", flat=True)) >= {c.value for c in RoleCode}


@pytest.mark.parametrize("code", [c.value for c in RoleCode])
def test_no_role_alone_changes_what_it_cannot_see(code, unit):
    user = User.objects.create_user(f"only-{code}", unit=unit(HOME.get(code, "YZ-DEPT-FGW")))
    user.roles.add(Role.objects.get(code=code))
    if code == RoleCode.GRID_WORKER:
        user.custom_units.add(unit(HOME[code]))
    user = User.objects.get(pk=user.pk)
    assert _rows_changed_but_not_seen(user) == []


def test_no_persona_changes_what_it_cannot_see(db):
    """The personas hold roles together (a bureau's clerk and its city-wide function):
    the union of their roles must not let them change what they cannot see either."""
    personas = User.objects.filter(is_demo=True, is_active=True).order_by("username")
    roles_held = set(personas.values_list("roles__code", flat=True))
    assert roles_held >= {c.value for c in RoleCode}  # every role is someone's
    problems = {p.username: _rows_changed_but_not_seen(p) for p in personas}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_civilisation_office_sees_the_task_lists_it_may_edit(as_user, wmb, supervisor):
    from mingzhu.tasks.models import TaskList

    task_list = TaskList.objects.create(
        name="督查室的清单", kind="meeting", issuer=supervisor.unit, year=2099
    )
    client = as_user(wmb)
    edit = client.get(f"/tasks/lists/{task_list.pk}/edit/").status_code
    detail = client.get(f"/tasks/lists/{task_list.pk}/").status_code
    assert edit == 404 or detail == 200, (edit, detail)


def test_the_defaults_pass_the_start_up_check():
    assert check_default_role_scopes() == []


def test_it_refuses_a_default_role_that_changes_what_it_cannot_see(monkeypatch):
    monkeypatch.setitem(
        ROLE_PERMISSIONS,
        RoleCode.VILLAGE_STAFF,
        ROLE_PERMISSIONS[RoleCode.VILLAGE_STAFF] | {"tasks.delete_supervisionsheet"},
    )
    errors = check_default_role_scopes()
    assert [e.id for e in errors] == ["mingzhu.E006"]
    assert "village_staff" in errors[0].msg and "tasks.delete_supervisionsheet" in errors[0].msg


def test_it_lets_reference_data_be_changed_without_a_view_grant():
    # Reference data is read by every signed-in user.
    assert wider_than_view({"org.change_role"}) == []
    assert wider_than_view({"tasks.change_tasklist"}) == ["tasks.change_tasklist"]
    assert wider_than_view({"tasks.change_tasklist", "tasks.view_tasklist"}) == []


def test_it_refuses_a_stored_role_an_administrator_widened(db):
    assert check_stored_role_scopes() == []
    role = Role.objects.get(code=RoleCode.CIVILISATION)
    role.permissions.remove(Permission.objects.get(codename="view_tasklist"))
    errors = check_stored_role_scopes()
    assert [e.id for e in errors] == ["mingzhu.E007"]
    assert "civilisation" in errors[0].msg and "tasks.change_tasklist" in errors[0].msg


def test_the_role_form_refuses_change_without_view(db):
    role = Role.objects.get(code=RoleCode.CIVILISATION)
    chosen = role.permissions.exclude(codename="view_tasklist")
    data = {
        "code": role.code,
        "name": role.name,
        "data_scope": role.data_scope,
        "description": "",
        "permissions": [p.pk for p in chosen],
    }
    form = RoleForm(data, instance=role)
    assert not form.is_valid()
    assert "tasks.change_tasklist" in str(form.errors["permissions"])
    data["permissions"].append(Permission.objects.get(codename="view_tasklist").pk)
    assert RoleForm(data, instance=role).is_valid(), RoleForm(data, instance=role).errors


def test_a_default_still_to_be_granted_counts_for_the_stored_role(db):
    """An installation from before a default was added: the role lacks the view
    permission that the next migrate grants; migrate's own check must not refuse it."""
    role = Role.objects.get(code=RoleCode.CIVILISATION)
    role.permissions.remove(Permission.objects.get(codename="view_tasklist"))
    role.defaults_applied = [n for n in role.defaults_applied if n != "tasks.view_tasklist"]
    role.save()
    assert check_stored_role_scopes() == []
