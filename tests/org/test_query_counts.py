"""List pages and API lists use a fixed number of queries, whatever the number of rows."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.org.models import OrgUnit, Role, User

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

_numbers = itertools.count(1)


@pytest.fixture
def branch(unit):
    """A fresh town under the city; grow(n) adds n child units, each with a user."""
    root = OrgUnit.objects.create(
        name="测试镇", kind="town", code="T-BRANCH", parent=unit("321182000000")
    )
    role = Role.objects.get(code="town_staff")

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(_numbers)
            child = OrgUnit.objects.create(
                name=f"网格{i}", kind="grid", code=f"T-G{i}", parent=root
            )
            user = User.objects.create(username=f"t{i}", unit=child)
            user.roles.add(role)

    root.grow = grow
    return root


def _count(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "param", "rows"),
    [
        ("/org/units/", "under", lambda r: r.context["rows"]),
        ("/org/users/", "unit", lambda r: r.context["rows"]),
        ("/api/v1/org/units/", "under", lambda r: r.json()["results"]),
        ("/api/v1/org/users/", "unit", lambda r: r.json()["results"]),
    ],
)
def test_it_lists_with_a_fixed_number_of_queries(as_user, leader, branch, url, param, rows):
    client = as_user(leader)
    params = {param: branch.pk}
    branch.grow(5)
    client.get(url, params)  # warm up the session and content type caches
    few = _count(client, url, params)
    branch.grow(40)
    many = _count(client, url, params)
    assert len(rows(client.get(url, params))) >= 40
    assert many == few
    assert few <= 12
