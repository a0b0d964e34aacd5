"""Who may open which page of the org module (and home, change log), allowed and denied."""

import pytest

from mingzhu.org.models import OrgUnit, User

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

SANMAO = "321182001000"
XINBA = "YZ-XINBA"


def _pages(kind: str, pk: int) -> list[str]:
    base = f"/org/{kind}/"
    return [
        base,
        f"{base}{pk}/",
        f"{base}{pk}/history/",
        f"{base}add/",
        f"{base}{pk}/edit/",
        f"{base}{pk}/delete/",
    ]


@pytest.fixture
def every_page(unit, sanmao):
    return ["/", "/changelog/", *_pages("units", unit(SANMAO).pk), *_pages("users", sanmao.pk)]


def test_it_sends_anonymous_visitors_to_login(client, every_page):
    for url in every_page:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_it_refuses_outsider_the_lists(as_user, outsider):
    client = as_user(outsider)
    for url in ["/org/units/", "/org/users/", "/changelog/"]:
        assert client.get(url).status_code == 403, url


def test_it_shows_outsider_home_without_business_menu(as_user, outsider):
    response = as_user(outsider).get("/")
    assert response.status_code == 200
    assert response.context["menu"] == []
    content = response.content.decode()
    assert 'id="no-role"' in content
    assert 'href="/org/units/"' not in content
    assert 'href="/changelog/"' not in content


def test_it_shows_leader_home_with_org_menu(as_user, leader):
    content = as_user(leader).get("/").content.decode()
    assert 'href="/org/units/"' in content
    assert 'href="/changelog/"' in content


def test_it_refuses_outsider_the_detail_pages(as_user, outsider, unit, sanmao):
    client = as_user(outsider)
    for url in [f"/org/units/{unit(SANMAO).pk}/", f"/org/users/{sanmao.pk}/"]:
        assert client.get(url).status_code in (403, 404), url


def test_it_refuses_enterprise_user_the_org_pages(as_user, enterprise_user, unit):
    client = as_user(enterprise_user)
    assert client.get("/org/units/").status_code == 403
    assert client.get("/org/users/").status_code == 403
    assert client.get(f"/org/units/{unit('YZ-CO-0001').pk}/").status_code in (403, 404)


@pytest.mark.parametrize("persona", ["leader", "supervisor"])
def test_it_shows_leader_and_supervisor_every_unit_and_user(request, as_user, persona, unit):
    client = as_user(request.getfixturevalue(persona))
    units = client.get("/org/units/")
    assert units.status_code == 200
    assert units.context["page_obj"].paginator.count == OrgUnit.objects.count()
    users = client.get("/org/users/")
    assert users.context["page_obj"].paginator.count == User.objects.count()
    assert client.get(f"/org/units/{unit(XINBA).pk}/").status_code == 200
    assert client.get(f"/org/units/{unit(SANMAO).pk}/history/").status_code == 200


def _listed_codes(response) -> set[str]:
    return {obj.code for obj, _values in response.context["rows"]}


def test_it_shows_fgw_only_its_department(as_user, fgw, unit):
    client = as_user(fgw)
    assert _listed_codes(client.get("/org/units/")) == {"YZ-DEPT-FGW"}
    assert client.get(f"/org/units/{unit('YZ-DEPT-FGW').pk}/").status_code == 200
    assert client.get(f"/org/units/{unit('321182000000').pk}/").status_code == 404
    assert client.get(f"/org/units/{unit('YZ-DEPT-DB').pk}/").status_code == 404


def test_it_shows_grid_worker_only_its_two_grids(as_user, grid_worker, unit):
    client = as_user(grid_worker)
    assert _listed_codes(client.get("/org/units/")) == {"YZ-XINBA-V02-G01", "YZ-XINBA-V02-G02"}
    assert client.get(f"/org/units/{unit('YZ-XINBA-V02-G01').pk}/").status_code == 200
    assert client.get(f"/org/units/{unit('YZ-XINBA-V02').pk}/").status_code == 404
    assert client.get("/org/users/").status_code == 403


def test_it_shows_sanmao_only_their_street(as_user, sanmao, unit):
    response = as_user(sanmao).get("/org/units/")
    codes = _listed_codes(response)
    assert SANMAO in codes and f"{SANMAO}-V01-G01" in codes
    assert all(code.startswith(SANMAO) for code in codes)


def test_it_answers_404_for_units_and_users_outside_scope(as_user, sanmao, xinba, unit):
    client = as_user(sanmao)
    xinba_unit = unit(XINBA).pk
    for url in [
        f"/org/units/{xinba_unit}/",
        f"/org/units/{xinba_unit}/history/",
        f"/org/users/{xinba.pk}/",
        f"/org/users/{xinba.pk}/history/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/org/units/{unit(SANMAO).pk}/").status_code == 200
    assert client.get(f"/org/users/{sanmao.pk}/").status_code == 200
    assert client.get(f"/org/users/{sanmao.pk}/history/").status_code == 200


def test_it_answers_404_for_a_unit_that_does_not_exist(as_user, leader):
    assert as_user(leader).get("/org/units/999999/").status_code == 404


@pytest.mark.parametrize(
    "persona", ["leader", "supervisor", "fgw", "sanmao", "xinba", "grid_worker", "outsider"]
)
def test_it_lets_no_one_but_the_administrator_add_edit_or_delete(
    request, as_user, persona, unit, sanmao
):
    user = request.getfixturevalue(persona)
    client = as_user(user)
    grid = unit(f"{SANMAO}-V01-G01")
    name = grid.name
    assert client.get("/org/units/add/").status_code == 403
    assert client.get("/org/users/add/").status_code == 403
    for url in [
        f"/org/units/{grid.pk}/edit/",
        f"/org/units/{grid.pk}/delete/",
        f"/org/users/{sanmao.pk}/edit/",
        f"/org/users/{sanmao.pk}/delete/",
    ]:
        assert client.get(url).status_code in (403, 404), url
    client.post(f"/org/units/{grid.pk}/delete/")
    client.post(f"/org/units/{grid.pk}/edit/", {"name": "x", "kind": "grid", "code": "X1"})
    client.post(f"/org/users/{sanmao.pk}/delete/")
    grid.refresh_from_db()
    assert (grid.name, grid.code) == (name, f"{SANMAO}-V01-G01")
    assert User.objects.filter(pk=sanmao.pk).exists()


def test_it_lets_the_administrator_open_add_edit_and_delete(as_user, administrator, unit, sanmao):
    client = as_user(administrator)
    grid = unit(f"{SANMAO}-V01-G01")
    for url in [*_pages("units", grid.pk), *_pages("users", sanmao.pk)]:
        assert client.get(url).status_code == 200, url


def test_it_lets_the_administrator_add_and_delete_a_unit(as_user, administrator, unit):
    client = as_user(administrator)
    parent = unit(SANMAO)
    response = client.post(
        "/org/units/add/",
        {
            "name": "测试网格",
            "kind": "grid",
            "code": "T-GRID-1",
            "parent": parent.pk,
            "sort_order": 0,
        },
    )
    created = OrgUnit.objects.get(code="T-GRID-1")
    assert response.status_code == 302
    assert response["Location"] == f"/org/units/{created.pk}/"
    assert created.path.startswith(parent.path)
    response = client.post(f"/org/units/{created.pk}/delete/")
    assert response.status_code == 302
    assert not OrgUnit.objects.filter(code="T-GRID-1").exists()


def test_it_refuses_to_delete_a_unit_that_has_children(as_user, administrator, unit):
    response = as_user(administrator).post(f"/org/units/{unit(SANMAO).pk}/delete/", follow=True)
    assert response.status_code == 200
    assert OrgUnit.objects.filter(code=SANMAO).exists()


def test_it_lets_the_administrator_add_a_user(as_user, administrator, unit):
    response = as_user(administrator).post(
        "/org/users/add/",
        {
            "username": "zhangsan",
            "display_name": "张三",
            "unit": unit(SANMAO).pk,
            "new_password": "A-long-pass-phrase-42",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="zhangsan")
    assert created.check_password("A-long-pass-phrase-42")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("leader", 200),
        ("supervisor", 200),
        ("administrator", 200),
        ("fgw", 403),
        ("sanmao", 403),
        ("grid_worker", 403),
        ("enterprise_user", 403),
        ("outsider", 403),
    ],
)
def test_it_shows_the_change_log_only_to_those_allowed(request, as_user, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/changelog/").status_code == status


@pytest.mark.parametrize("persona", ["grid_worker", "enterprise_user", "outsider"])
def test_it_lets_every_user_open_their_own_account(request, as_user, persona):
    # Every page's user menu links to "My account" (base.html), whatever the user's roles.
    user = request.getfixturevalue(persona)
    response = as_user(user).get("/")
    assert f'href="/org/users/{user.pk}/"' in response.content.decode()
    assert as_user(user).get(f"/org/users/{user.pk}/").status_code == 200
