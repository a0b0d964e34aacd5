"""Writes re-check the data scope: town staff allowed to add and change units still
cannot create or move one outside their own subtree."""

import pytest
from django.contrib.auth.models import Permission

from mingzhu.org.models import OrgUnit, Role, User

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

SANMAO = "321182001000"
VILLAGE = "321182001000-V02"
UNITS = "/api/v1/org/units/"


@pytest.fixture
def writer(sanmao):
    """sanmao, with the town staff role allowed to add and change units."""
    role = Role.objects.get(code="town_staff")
    role.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="org", codename__in=["add_orgunit", "change_orgunit"]
        )
    )
    return User.objects.get(pk=sanmao.pk)


def _form(obj: OrgUnit, **changes) -> dict:
    data = {
        "name": obj.name,
        "kind": obj.kind,
        "code": obj.code,
        "parent": obj.parent_id or "",
        "sort_order": obj.sort_order,
        "is_active": "on",
    }
    return {**data, **changes}


def _tree_state() -> list[tuple]:
    return list(OrgUnit.objects.order_by("pk").values_list("pk", "parent_id", "path", "depth"))


def test_it_lets_town_staff_add_a_unit_inside_their_subtree(as_user, writer, unit):
    response = as_user(writer).post(
        "/org/units/add/",
        {
            "name": "新网格",
            "kind": "grid",
            "code": "T-IN",
            "parent": unit(VILLAGE).pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="T-IN").path.startswith(unit(SANMAO).path)


@pytest.mark.parametrize("parent", ["YZ-XINBA", None])
def test_it_refuses_to_add_a_unit_outside_the_subtree_on_the_form(as_user, writer, unit, parent):
    before = OrgUnit.objects.count()
    data = {"name": "越界", "kind": "grid", "code": "T-OUT", "sort_order": 0}
    data["parent"] = unit(parent).pk if parent else ""
    response = as_user(writer).post("/org/units/add/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert OrgUnit.objects.count() == before


@pytest.mark.parametrize("parent", ["YZ-XINBA", None])
def test_it_refuses_to_move_a_unit_outside_the_subtree_on_the_form(as_user, writer, unit, parent):
    village = unit(VILLAGE)
    before = _tree_state()
    target = unit(parent).pk if parent else ""
    response = as_user(writer).post(f"/org/units/{village.pk}/edit/", _form(village, parent=target))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _tree_state() == before


def test_it_refuses_to_move_their_own_street_to_the_root(as_user, writer, unit):
    street = unit(SANMAO)
    before = _tree_state()
    response = as_user(writer).post(f"/org/units/{street.pk}/edit/", _form(street, parent=""))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert _tree_state() == before


def test_it_refuses_to_create_outside_the_subtree_on_the_api(as_user, writer, unit):
    client = as_user(writer)
    before = OrgUnit.objects.count()
    elsewhere = client.post(
        UNITS, {"name": "越界", "kind": "grid", "code": "T-OUT", "parent": unit("YZ-XINBA").pk}
    )
    assert elsewhere.status_code == 400
    assert "parent" in elsewhere.json()
    root = client.post(UNITS, {"name": "越界", "kind": "grid", "code": "T-OUT"})
    assert root.status_code == 403
    assert OrgUnit.objects.count() == before


def test_it_refuses_to_move_outside_the_subtree_on_the_api(as_user, writer, unit):
    client = as_user(writer)
    village = unit(VILLAGE)
    before = _tree_state()
    url = f"{UNITS}{village.pk}/"
    elsewhere = client.patch(url, {"parent": unit("YZ-XINBA").pk}, content_type="application/json")
    assert elsewhere.status_code == 400
    root = client.patch(url, {"parent": None}, content_type="application/json")
    assert root.status_code == 403
    assert _tree_state() == before


def test_it_lets_town_staff_rename_a_unit_of_theirs_on_the_api(as_user, writer, unit):
    village = unit(VILLAGE)
    response = as_user(writer).patch(
        f"{UNITS}{village.pk}/", {"name": "永胜村（改）"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert unit(VILLAGE).name == "永胜村（改）"


def test_it_answers_404_when_changing_a_unit_outside_the_subtree(as_user, writer, unit):
    town = unit("YZ-XINBA")
    client = as_user(writer)
    assert client.get(f"/org/units/{town.pk}/edit/").status_code == 404
    response = client.patch(f"{UNITS}{town.pk}/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 404
    assert unit("YZ-XINBA").name == "新坝镇"


@pytest.fixture
def user_writer(sanmao):
    """sanmao, with the town staff role allowed to change users."""
    role = Role.objects.get(code="town_staff")
    role.permissions.add(
        Permission.objects.get(content_type__app_label="org", codename="change_user")
    )
    return User.objects.get(pk=sanmao.pk)


def test_it_refuses_to_let_town_staff_grant_themselves_the_admin_role(as_user, user_writer):
    admin_role = Role.objects.get(code="admin")
    data = {
        "username": "sanmao",
        "display_name": user_writer.display_name,
        "unit": user_writer.unit_id,
        "roles": [r.pk for r in user_writer.roles.all()] + [admin_role.pk],
        "is_active": "on",
    }
    as_user(user_writer).post(f"/org/users/{user_writer.pk}/edit/", data)
    assert not user_writer.roles.filter(code="admin").exists()
