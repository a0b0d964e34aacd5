"""Scope follows the permission: each role's data scope applies to what that role grants."""

from mingzhu.org.models import OrgUnit, Role, User
from mingzhu.tasks.models import Task


def _fgw_clerk_who_also_administers_users(fgw):
    fgw.roles.add(Role.objects.get(code="admin"))
    return User.objects.get(pk=fgw.pk)  # a fresh object: no cached scope


def test_it_widens_only_what_the_second_role_grants(fgw):
    user = _fgw_clerk_who_also_administers_users(fgw)
    # The admin role (scope: all) grants org permissions: every unit and user shows.
    assert OrgUnit.objects.restrict(user, "view").count() == OrgUnit.objects.count()
    assert User.objects.restrict(user, "view").count() == User.objects.count()
    # Tasks come only from the department role (own unit and below).
    visible = Task.objects.restrict(user, "view")
    assert visible.exists()
    fgw_path = user.unit.path
    assert all(
        t.lead_unit.path.startswith(fgw_path)
        or t.issuer.path.startswith(fgw_path)
        or any(u.path.startswith(fgw_path) for u in t.co_units.all())
        for t in visible.select_related("lead_unit", "issuer")
    )
    assert visible.count() < Task.objects.count()


def test_it_gives_a_directly_granted_permission_the_roles_scope(sanmao):
    from django.contrib.auth.models import Permission

    sanmao.user_permissions.add(Permission.objects.get(codename="change_orgunit"))
    user = User.objects.get(pk=sanmao.pk)
    changeable = OrgUnit.objects.restrict(user, "change")
    assert changeable.filter(code="321182001000").exists()
    assert not changeable.filter(code="YZ-XINBA").exists()


def test_it_caches_the_scope_per_permission(sanmao, django_assert_num_queries):
    user = User.objects.get(pk=sanmao.pk)
    OrgUnit.objects.restrict(user, "view").count()
    with django_assert_num_queries(1):  # the count itself; roles and scope are cached
        OrgUnit.objects.restrict(user, "view").count()
