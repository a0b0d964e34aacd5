"""Data scope semantics of mingzhu.core.scope.restrict."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from mingzhu.core.scope import DataScope, can, restrict
from mingzhu.org.models import OrgUnit, Role, User

SANMAO = "321182001000"
_numbers = itertools.count(1)

pytestmark = [pytest.mark.django_db, pytest.mark.tree]


def _role(scope: str, *codenames: str) -> Role:
    role = Role.objects.create(code=f"test-{next(_numbers)}", name="test", data_scope=scope)
    role.permissions.add(
        *Permission.objects.filter(content_type__app_label="org", codename__in=codenames)
    )
    return role


def _user(unit=None, roles=(), custom=(), **fields) -> User:
    user = User.objects.create(username=f"u{next(_numbers)}", unit=unit, **fields)
    user.roles.set(roles)
    user.custom_units.set(custom)
    return User.objects.get(pk=user.pk)  # fresh: no cached scope or permissions


def _units(user, action="view") -> set[str]:
    return set(restrict(OrgUnit.objects.all(), user, action).values_list("code", flat=True))


def _subtree(code: str) -> set[str]:
    root = OrgUnit.objects.get(code=code)
    return set(root.descendants().values_list("code", flat=True))


def test_it_limits_unit_scope_to_the_unit_itself(unit):
    user = _user(unit(SANMAO), [_role(DataScope.UNIT, "view_orgunit")])
    assert _units(user) == {SANMAO}


def test_it_extends_unit_and_below_to_the_subtree(unit):
    user = _user(unit(SANMAO), [_role(DataScope.UNIT_AND_BELOW, "view_orgunit")])
    assert _units(user) == _subtree(SANMAO)
    assert len(_subtree(SANMAO)) > 1


def test_it_gives_custom_scope_the_chosen_subtrees(unit):
    role = _role(DataScope.CUSTOM, "view_orgunit")
    user = _user(unit(SANMAO), [role], custom=[unit("YZ-XINBA-V01"), unit("YZ-DEPT-FGW")])
    assert _units(user) == _subtree("YZ-XINBA-V01") | {"YZ-DEPT-FGW"}


def test_it_gives_self_scope_only_own_records(unit):
    user = _user(unit(SANMAO), [_role(DataScope.SELF, "view_orgunit", "view_user")])
    assert _units(user) == set()
    assert list(restrict(User.objects.all(), user, "view")) == [user]


def test_it_gives_all_scope_everything():
    user = _user(None, [_role(DataScope.ALL, "view_orgunit")])
    assert _units(user) == set(OrgUnit.objects.values_list("code", flat=True))


def test_it_unites_the_scopes_of_several_roles(unit):
    roles = [
        _role(DataScope.UNIT, "view_orgunit"),
        _role(DataScope.CUSTOM, "view_orgunit"),
    ]
    user = _user(unit("YZ-XINBA"), roles, custom=[unit(SANMAO)])
    assert _units(user) == {"YZ-XINBA"} | _subtree(SANMAO)


def test_it_unites_permissions_of_several_roles(unit):
    roles = [_role(DataScope.UNIT, "view_orgunit"), _role(DataScope.UNIT, "change_orgunit")]
    user = _user(unit(SANMAO), roles)
    assert _units(user, "change") == {SANMAO}
    assert _units(user, "delete") == set()


def test_it_lets_all_win_in_a_union(unit):
    roles = [_role(DataScope.UNIT, "view_orgunit"), _role(DataScope.ALL, "view_orgunit")]
    user = _user(unit(SANMAO), roles)
    assert _units(user) == set(OrgUnit.objects.values_list("code", flat=True))


def test_it_ignores_the_scope_of_a_role_that_does_not_grant_the_permission(unit):
    user = _user(unit(SANMAO), [_role(DataScope.UNIT, "view_orgunit"), _role(DataScope.ALL)])
    assert _units(user) == {SANMAO}


def test_it_shows_nothing_without_the_model_permission(unit):
    user = _user(unit(SANMAO), [_role(DataScope.ALL)])
    assert _units(user) == set()


def test_it_shows_nothing_for_a_change_without_change_permission(unit):
    user = _user(unit(SANMAO), [_role(DataScope.ALL, "view_orgunit")])
    assert _units(user, "change") == set()
    assert not can(user, "change", unit(SANMAO))
    assert can(user, "view", unit(SANMAO))


def test_it_shows_nothing_to_inactive_users(unit):
    user = _user(unit(SANMAO), [_role(DataScope.ALL, "view_orgunit")], is_active=False)
    assert _units(user) == set()


def test_it_shows_nothing_to_anonymous_users():
    assert _units(AnonymousUser()) == set()
    assert _units(None) == set()


def test_it_shows_nothing_below_a_missing_unit():
    user = _user(None, [_role(DataScope.UNIT_AND_BELOW, "view_orgunit")])
    assert _units(user) == set()


def test_it_shows_superusers_everything_without_roles():
    user = _user(None, is_superuser=True)
    assert _units(user, "delete") == set(OrgUnit.objects.values_list("code", flat=True))


def test_it_scopes_users_by_their_unit(sanmao, xinba, grid_worker, enterprise_user):
    visible = set(restrict(User.objects.all(), xinba, "view").values_list("username", flat=True))
    assert {"xinba", "wangge", "qiye"} <= visible
    assert "sanmao" not in visible and "outsider" not in visible


def test_it_rejects_an_unknown_action(leader):
    with pytest.raises(ValueError):
        restrict(OrgUnit.objects.all(), leader, "approve")
