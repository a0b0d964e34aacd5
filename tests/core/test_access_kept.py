"""A user's roles, permissions and unit are kept by the process under the org topic's
generation (``core.scope.access``): the same answers as reading them afresh, read again
after any write to the org tables, and never kept from a transaction's own writes."""

import dataclasses

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.core import cache, scope
from mingzhu.org.models import OrgUnit, Role, User
from mingzhu.tasks.models import Task

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

PERSONAS = ["leader", "supervisor", "sanmao", "xinba", "fgw", "rexian", "czj", "tongji"]


def _fresh(username: str) -> User:
    return User.objects.get(username=username)


def _answers(user: User) -> tuple:
    return (
        user.get_all_permissions(),
        scope.user_scope(user),
        scope.user_scope(user, "tasks.view_task"),
        sorted(Task.objects.restrict(user, "view").values_list("pk", flat=True)),
        sorted(OrgUnit.objects.restrict(user, "change").values_list("pk", flat=True)),
        str(user.unit) if user.unit_id else None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_kept_access_answers_as_a_fresh_read(username):
    scope._ACCESS.clear()
    cold = _answers(_fresh(username))
    assert _fresh(username).is_superuser or _fresh(username).pk in scope._ACCESS
    with CaptureQueriesContext(connection) as kept_queries:
        warm = _answers(_fresh(username))
    assert warm == cold
    # Neither the roles, nor the user's own permissions, nor the unit were read again.
    sql = " ".join(q["sql"] for q in kept_queries.captured_queries)
    assert "org_user_roles" not in sql
    assert "org_user_user_permissions" not in sql


def _keep_no_roles(user: User, age: float = 0) -> None:
    """Replace what the process keeps for ``user`` by the same without roles, read
    ``age`` seconds ago: what a request then sees shows whether it used the kept entry."""
    scope.access(_fresh(user.username))
    token, kept, read_at = scope._ACCESS[user.pk]
    scope._ACCESS[user.pk] = (token, dataclasses.replace(kept, grants=[]), read_at - age)


@pytest.mark.django_db
def test_a_committed_write_elsewhere_is_seen(sanmao):
    _keep_no_roles(sanmao)
    # What the process keeps is what it answers while the generation stands …
    assert scope.role_permissions(_fresh("sanmao")) == set()
    # … and a bump committed by any process (a new token) makes it read the rows again.
    cache._write(["org"])
    assert scope.role_permissions(_fresh("sanmao")) == scope.role_permissions(sanmao) != set()


@pytest.mark.django_db
def test_a_transactions_own_write_is_read_and_not_kept(sanmao):
    scope.access(_fresh("sanmao"))
    kept = scope._ACCESS[sanmao.pk]
    assert not _fresh("sanmao").has_perm("org.change_role")
    sanmao.roles.add(Role.objects.get(code="admin"))  # not committed: the generation stands
    assert cache.pending("org")
    assert _fresh("sanmao").has_perm("org.change_role")
    assert scope._ACCESS[sanmao.pk] is kept  # nothing kept from uncommitted rows


@pytest.mark.django_db
def test_the_users_own_permissions_and_unit_follow_a_write(sanmao, unit):
    sanmao.user_permissions.add(Permission.objects.get(codename="change_orgunit"))
    user = _fresh("sanmao")
    assert user.has_perm("org.change_orgunit")
    user.unit = unit("YZ-XINBA")
    user.save()
    moved = _fresh("sanmao")
    assert scope.user_scope(moved, "tasks.view_task").subtree_paths == {moved.unit.path}
    assert str(moved.unit) == str(unit("YZ-XINBA"))


@pytest.mark.django_db
def test_a_link_added_from_the_permissions_side_bumps_the_org_topic():
    role = Role.objects.get(code="town_staff")
    permission = Permission.objects.get(codename="change_orgunit")
    assert not cache.pending("org")
    permission.mingzhu_roles.add(role)
    assert cache.pending("org")


@pytest.mark.django_db
def test_each_request_gets_its_own_copy_of_the_unit(sanmao):
    first, second = _fresh("sanmao"), _fresh("sanmao")
    scope.access(first)
    scope.access(second)
    assert first.unit == second.unit
    assert first.unit is not second.unit
    first.unit.name = "changed in one request"
    assert second.unit.name != "changed in one request"


@pytest.mark.django_db
def test_what_is_kept_is_read_again_after_its_time(sanmao):
    _keep_no_roles(sanmao, age=scope.ACCESS_SECONDS - 30)
    assert scope.role_permissions(_fresh("sanmao")) == set()
    # A write that went around the models and bumped nothing is seen once the time is up.
    _keep_no_roles(sanmao, age=scope.ACCESS_SECONDS)
    assert scope.role_permissions(_fresh("sanmao")) == scope.role_permissions(sanmao) != set()


@pytest.mark.django_db
def test_a_sign_in_keeps_what_every_process_keeps(client, sanmao):
    """Django notes each sign-in on the user's row; that note invalidates nothing, while
    any other change of the user's row does."""
    User.objects.filter(pk=sanmao.pk).update(last_login=None)
    assert not cache.pending("org")
    client.force_login(_fresh("sanmao"))
    assert _fresh("sanmao").last_login is not None
    assert not cache.pending("org")
    user = _fresh("sanmao")
    user.first_name = "改名"
    user.save(update_fields=["first_name", "last_login"])
    assert cache.pending("org")
