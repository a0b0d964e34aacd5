"""Queries of one row by its key compiled once per shape (mingzhu.core.prepared): the
kept SQL answers as the queryset it was compiled from, for each key and each scope."""

import itertools

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from mingzhu.core import prepared
from mingzhu.core.actions import fetch_locked, in_scope
from mingzhu.core.scope import DataScope, can, restrict, scope_key
from mingzhu.org.models import OrgUnit, Role, User

SANMAO = "321182001000"
_numbers = itertools.count(1)

pytestmark = [pytest.mark.django_db, pytest.mark.tree]


def _user(unit, scope: str) -> User:
    role = Role.objects.create(code=f"prep-{next(_numbers)}", name="prep", data_scope=scope)
    role.permissions.add(
        *Permission.objects.filter(content_type__app_label="org", codename="view_orgunit")
    )
    user = User.objects.create(username=f"prep{next(_numbers)}", unit=unit)
    user.roles.set([role])
    return User.objects.get(pk=user.pk)


def _fetch(user, pk):
    return prepared.fetch_rows(
        OrgUnit,
        ("test", scope_key(OrgUnit, user, "view")),
        lambda key: restrict(OrgUnit.objects.filter(pk=key), user, "view").select_related("parent"),
        pk,
    )


def test_the_kept_query_answers_for_each_key_as_the_queryset_does(unit):
    town = unit(SANMAO)
    user = _user(town, DataScope.UNIT_AND_BELOW)
    inside = list(OrgUnit.objects.filter(path__startswith=town.path).order_by("pk")[:3])
    outside = OrgUnit.objects.exclude(path__startswith=town.path).first()
    prepared._KEPT.clear()
    for obj in [*inside, outside]:
        expected = list(restrict(OrgUnit.objects.filter(pk=obj.pk), user, "view"))
        found = _fetch(user, obj.pk)
        assert [o.pk for o in found] == [o.pk for o in expected]
        for mine, theirs in zip(found, expected, strict=True):
            assert {f.attname: getattr(mine, f.attname) for f in OrgUnit._meta.concrete_fields} == {
                f.attname: getattr(theirs, f.attname) for f in OrgUnit._meta.concrete_fields
            }
            # The joined parent came with the row, as select_related gives it.
            assert OrgUnit._meta.get_field("parent").is_cached(mine)
            assert mine.parent_id is None or mine.parent.pk == mine.parent_id
            assert not mine._state.adding and mine._state.db == "default"
    assert len([k for k in prepared._KEPT if "test" in k]) == 1


def test_the_second_call_runs_the_same_sql_with_another_key(unit):
    town = unit(SANMAO)
    user = _user(town, DataScope.UNIT_AND_BELOW)
    a, b = OrgUnit.objects.filter(path__startswith=town.path).order_by("pk")[:2]
    scope_key(OrgUnit, user, "view")  # the user's access read first
    prepared._KEPT.clear()
    with CaptureQueriesContext(connection) as first:
        _fetch(user, a.pk)
    with CaptureQueriesContext(connection) as second:
        _fetch(user, b.pk)
    assert len(first) == len(second) == 1
    one = first[0]["sql"].replace(f'"id" = {a.pk} ', '"id" = ? ')
    other = second[0]["sql"].replace(f'"id" = {b.pk} ', '"id" = ? ')
    assert one == other and '"id" = ? ' in one


def test_another_scope_gets_its_own_query(unit):
    town = unit(SANMAO)
    wide = _user(town, DataScope.UNIT_AND_BELOW)
    narrow = _user(town, DataScope.UNIT)
    below = OrgUnit.objects.filter(parent=town).first()
    prepared._KEPT.clear()
    assert [o.pk for o in _fetch(wide, below.pk)] == [below.pk]
    # The narrower scope does not reuse the wider one's query.
    assert _fetch(narrow, below.pk) == []
    assert [o.pk for o in _fetch(narrow, town.pk)] == [town.pk]


def test_fetch_locked_and_in_scope_keep_their_answers(unit):
    town = unit(SANMAO)
    user = _user(town, DataScope.UNIT)
    other = OrgUnit.objects.exclude(pk=town.pk).first()
    prepared._KEPT.clear()
    with transaction.atomic():
        assert fetch_locked(OrgUnit, town.pk, user).pk == town.pk
        with pytest.raises(Http404):
            fetch_locked(OrgUnit, other.pk, user)
        assert fetch_locked(OrgUnit, town, user).pk == town.pk  # kept, again
    assert in_scope(town, user) is True
    assert in_scope(other, user) is False
    assert in_scope(town, user) is True


def test_an_actor_without_the_permission_is_refused_without_a_query(unit):
    town = unit(SANMAO)
    user = User.objects.create(username=f"prep{next(_numbers)}", unit=town)
    user = User.objects.get(pk=user.pk)
    scope_key(OrgUnit, user, "view")  # the user's access read first
    with transaction.atomic(), CaptureQueriesContext(connection) as seen:
        with pytest.raises(Http404):
            fetch_locked(OrgUnit, town.pk, user)
        assert in_scope(town, user) is False
    assert len(seen) == 0


def test_in_scope_of_a_bare_id_and_can_answer_as_restrict_does(unit):
    town = unit(SANMAO)
    user = _user(town, DataScope.UNIT_AND_BELOW)
    inside = OrgUnit.objects.filter(path__startswith=town.path).exclude(pk=town.pk).first()
    outside = OrgUnit.objects.exclude(path__startswith=town.path).first()
    prepared._KEPT.clear()
    for obj in (town, inside, outside):
        expected = restrict(OrgUnit.objects.filter(pk=obj.pk), user, "view").exists()
        assert in_scope(obj.pk, user, model=OrgUnit) is expected
        assert in_scope(obj, user) is expected
        assert can(user, "view", obj) is expected
        assert can(user, "change", obj) is False  # no change permission
    assert in_scope(-1, user, model=OrgUnit) is False  # no such row
    assert in_scope(OrgUnit(), user) is False  # not saved: no id
    with pytest.raises(TypeError):
        in_scope(town.pk, user)  # a bare id needs its model
