"""Who may call which org endpoint of the API, allowed and denied."""

import pytest

from mingzhu.org.models import OrgUnit, User

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

SANMAO = "321182001000"
XINBA = "YZ-XINBA"
UNITS = "/api/v1/org/units/"
USERS = "/api/v1/org/users/"


def _codes(response) -> set[str]:
    return {row["code"] for row in response.json()["results"]}


def test_it_answers_401_to_anonymous_callers(client, unit, sanmao):
    pk = unit(SANMAO).pk
    calls = [
        client.get(UNITS),
        client.get(f"{UNITS}{pk}/"),
        client.post(UNITS, {"name": "x", "kind": "grid", "code": "X"}),
        client.patch(f"{UNITS}{pk}/", {"name": "x"}, content_type="application/json"),
        client.delete(f"{UNITS}{pk}/"),
        client.get(USERS),
        client.get(f"{USERS}{sanmao.pk}/"),
        client.get("/api/v1/schema/"),
        client.get("/api/v1/docs/"),
    ]
    assert [r.status_code for r in calls] == [401] * len(calls)
    assert calls[0].json()["code"] == "not_authenticated" and calls[0].json()["detail"]
    assert calls[0]["WWW-Authenticate"] == "Token"
    assert OrgUnit.objects.get(pk=pk).name == "三茅街道"


@pytest.mark.parametrize("persona", ["outsider", "enterprise_user"])
def test_it_answers_403_to_users_without_org_permission(request, as_user, persona, unit, sanmao):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(UNITS).status_code == 403
    assert client.get(USERS).status_code == 403
    assert client.get(f"{UNITS}{unit(SANMAO).pk}/").status_code == 403
    assert client.get(f"{USERS}{sanmao.pk}/").status_code == 403


def test_it_answers_403_to_grid_worker_on_users(as_user, grid_worker):
    assert as_user(grid_worker).get(USERS).status_code == 403


@pytest.mark.parametrize("persona", ["leader", "supervisor", "administrator"])
def test_it_lists_every_unit_and_user_for_city_wide_roles(request, as_user, persona):
    client = as_user(request.getfixturevalue(persona))
    units = client.get(UNITS).json()
    assert set(units) == {"count", "next", "previous", "results"}
    assert units["count"] == OrgUnit.objects.count()
    assert client.get(USERS).json()["count"] == User.objects.count()


def test_it_lists_only_fgw_department(as_user, fgw):
    response = as_user(fgw).get(UNITS)
    assert response.status_code == 200
    assert _codes(response) == {"YZ-DEPT-FGW"}
    assert {row["username"] for row in as_user(fgw).get(USERS).json()["results"]} == {"fgw"}


def test_it_lists_only_grid_worker_grids(as_user, grid_worker):
    assert _codes(as_user(grid_worker).get(UNITS)) == {"YZ-XINBA-V02-G01", "YZ-XINBA-V02-G02"}


def test_it_lists_only_sanmao_subtree(as_user, sanmao):
    response = as_user(sanmao).get(UNITS, {"page_size": 500})
    codes = _codes(response)
    assert SANMAO in codes
    assert all(code.startswith(SANMAO) for code in codes)


def test_it_answers_404_for_objects_outside_scope(as_user, sanmao, xinba, unit):
    client = as_user(sanmao)
    assert client.get(f"{UNITS}{unit(XINBA).pk}/").status_code == 404
    assert client.get(f"{USERS}{xinba.pk}/").status_code == 404
    assert client.get(f"{UNITS}{unit(SANMAO).pk}/").json()["code"] == SANMAO
    assert client.get(f"{USERS}{sanmao.pk}/").json()["roles"] == ["town_staff"]


@pytest.mark.parametrize("persona", ["leader", "supervisor", "fgw", "sanmao", "grid_worker"])
def test_it_refuses_writes_to_everyone_but_the_administrator(request, as_user, persona, unit):
    client = as_user(request.getfixturevalue(persona))
    grid = unit(f"{SANMAO}-V01-G01")
    created = client.post(
        UNITS, {"name": "x", "kind": "grid", "code": "X-1", "parent": grid.parent_id}
    )
    assert created.status_code == 403
    patched = client.patch(f"{UNITS}{grid.pk}/", {"name": "x"}, content_type="application/json")
    assert patched.status_code == 403
    assert client.delete(f"{UNITS}{grid.pk}/").status_code == 403
    grid.refresh_from_db()
    assert grid.name != "x"
    assert not OrgUnit.objects.filter(code="X-1").exists()


def test_it_lets_the_administrator_create_update_and_delete(as_user, administrator, unit):
    client = as_user(administrator)
    parent = unit(SANMAO)
    response = client.post(
        UNITS, {"name": "测试网格", "kind": "grid", "code": "T-1", "parent": parent.pk}
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["depth"] == parent.depth + 1
    response = client.patch(f"{UNITS}{pk}/", {"name": "改名"}, content_type="application/json")
    assert response.status_code == 200
    assert OrgUnit.objects.get(pk=pk).name == "改名"
    assert client.delete(f"{UNITS}{pk}/").status_code == 204
    assert not OrgUnit.objects.filter(pk=pk).exists()


def test_it_answers_409_when_deleting_a_unit_with_children(as_user, administrator, unit):
    response = as_user(administrator).delete(f"{UNITS}{unit(SANMAO).pk}/")
    assert response.status_code == 409
    assert "detail" in response.json()
    assert OrgUnit.objects.filter(code=SANMAO).exists()


def test_it_answers_400_with_a_message_per_field(as_user, administrator):
    response = as_user(administrator).post(UNITS, {"name": "", "kind": "nonsense", "code": "a b"})
    assert response.status_code == 400
    assert {"name", "kind", "code"} <= set(response.json())


def test_it_keeps_the_users_endpoint_read_only(as_user, administrator, sanmao):
    client = as_user(administrator)
    assert client.post(USERS, {"username": "new"}).status_code == 405
    assert client.delete(f"{USERS}{sanmao.pk}/").status_code == 405
    assert User.objects.filter(pk=sanmao.pk).exists()


@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/"])
def test_it_serves_schema_and_docs_to_signed_in_users(as_user, leader, url):
    assert as_user(leader).get(url).status_code == 200
