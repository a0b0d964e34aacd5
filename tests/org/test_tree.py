"""The org tree: moving a unit carries its subtree; no unit goes under its own descendant."""

import pytest
from django.core.exceptions import ValidationError

from mingzhu.core.scope import restrict
from mingzhu.org.models import OrgUnit, unit_names

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

SANMAO = "321182001000"
XINBA = "YZ-XINBA"
XINBA_GRID = "YZ-XINBA-V02-G01"


def form_data(obj: OrgUnit, **changes) -> dict:
    data = {
        "name": obj.name,
        "short_name": obj.short_name,
        "kind": obj.kind,
        "code": obj.code,
        "parent": obj.parent_id or "",
        "sort_order": obj.sort_order,
        "source": obj.source,
    }
    if obj.is_active:
        data["is_active"] = "on"
    if obj.is_illustrative:
        data["is_illustrative"] = "on"
    return {**data, **changes}


def _paths(root: OrgUnit) -> dict[str, tuple[str, int]]:
    return {u.code: (u.path, u.depth) for u in root.descendants()}


def test_it_carries_the_subtree_along_when_a_unit_moves(unit, sanmao):
    town, street = unit(XINBA), unit(SANMAO)
    grid_depth = unit(XINBA_GRID).depth
    town.parent = street
    town.save()
    grid = unit(XINBA_GRID)
    assert town.path.startswith(street.path)
    assert grid.path.startswith(town.path)
    assert grid.depth == grid_depth + 1
    assert {u.pk for u in grid.ancestors()} >= {street.pk, town.pk}
    assert restrict(OrgUnit.objects.filter(pk=grid.pk), sanmao, "view").exists()


def test_it_moves_a_unit_through_the_edit_page(as_user, administrator, unit):
    town, street = unit(XINBA), unit(SANMAO)
    response = as_user(administrator).post(
        f"/org/units/{town.pk}/edit/", form_data(town, parent=street.pk)
    )
    assert response.status_code == 302
    assert unit(XINBA_GRID).path.startswith(street.path + f"{town.pk:08d}/")


@pytest.mark.parametrize("target", [XINBA, XINBA_GRID])
def test_it_refuses_a_parent_inside_the_unit_on_the_form(as_user, administrator, unit, target):
    town = unit(XINBA)
    before = _paths(town)
    response = as_user(administrator).post(
        f"/org/units/{town.pk}/edit/", form_data(town, parent=unit(target).pk)
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert unit(XINBA).parent == unit("321182000000")
    assert _paths(unit(XINBA)) == before


@pytest.mark.parametrize("target", [XINBA, XINBA_GRID])
def test_it_refuses_a_parent_inside_the_unit_on_the_api(as_user, administrator, unit, target):
    town = unit(XINBA)
    before = _paths(town)
    response = as_user(administrator).patch(
        f"/api/v1/org/units/{town.pk}/",
        {"parent": unit(target).pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "parent" in response.json()
    assert _paths(unit(XINBA)) == before


def test_it_refuses_a_parent_inside_the_unit_on_save(unit):
    town = unit(XINBA)
    before = _paths(town)
    town.parent = unit(XINBA_GRID)
    with pytest.raises(ValidationError):
        town.save()
    assert _paths(unit(XINBA)) == before


def test_it_keeps_peer_counties_outside_the_tree(as_user, administrator, unit):
    peer = unit("320281000000")
    response = as_user(administrator).post(
        f"/org/units/{peer.pk}/edit/", form_data(peer, parent=unit(SANMAO).pk)
    )
    assert "parent" in response.context["form"].errors
    assert unit("320281000000").parent is None


def test_unit_names_name_the_units_by_id(unit):
    xinba, fgw = unit("YZ-XINBA"), unit("YZ-DEPT-FGW")
    missing = OrgUnit.objects.order_by("-pk").first().pk + 1
    names = unit_names(iter([xinba.pk, fgw.pk, xinba.pk, missing]))
    assert names == {xinba.pk: xinba.name, fgw.pk: "发展和改革委员会"}
    assert unit_names([]) == {}
