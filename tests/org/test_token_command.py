"""`mingzhu token USERNAME` prints a token that signs in to the API."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _token(*args) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def test_it_prints_a_token_that_authenticates(fgw):
    key = _token("fgw")
    response = Client().get("/api/v1/org/units/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["YZ-DEPT-FGW"]


def test_it_prints_a_new_token_each_time_and_reset_revokes_the_earlier(fgw):
    first = _token("fgw")
    second = _token("fgw")
    assert second != first
    fresh = _token("fgw", "--reset")
    for old in (first, second):
        response = Client().get("/api/v1/org/units/", headers={"Authorization": f"Token {old}"})
        assert response.status_code == 401
    response = Client().get("/api/v1/org/units/", headers={"Authorization": f"Token {fresh}"})
    assert response.status_code == 200


def test_it_refuses_a_wrong_token(db):
    response = Client().get("/api/v1/org/units/", headers={"Authorization": "Token nonsense"})
    assert response.status_code == 401


def test_it_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="nobody"):
        _token("nobody")


def test_it_refuses_an_inactive_user(fgw):
    fgw.is_active = False
    fgw.save()
    with pytest.raises(CommandError):
        _token("fgw")
