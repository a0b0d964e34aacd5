"""Demo users (the documented password) sign in only on a demo server."""

import pytest
from django.test import Client

from mingzhu.org.models import User
from mingzhu.org.personas import DEMO_PASSWORD

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _login(username: str, password: str = DEMO_PASSWORD) -> tuple[Client, object]:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return client, response


def test_it_signs_demo_users_in_on_a_demo_server(fgw):
    client, response = _login("fgw")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_refuses_demo_users_when_demo_users_are_off(settings, fgw):
    settings.ALLOW_DEMO_USERS = False
    client, response = _login("fgw")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_it_ends_demo_sessions_when_demo_users_are_off(settings, as_user, fgw):
    client = as_user(fgw)
    assert client.get("/").status_code == 200
    settings.ALLOW_DEMO_USERS = False
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/org/units/").status_code in (401, 403)


def test_it_still_signs_in_real_users_when_demo_users_are_off(settings, unit):
    settings.ALLOW_DEMO_USERS = False
    User.objects.create_user("real", password="A-real-pass-phrase-9", unit=unit("YZ-DEPT-FGW"))
    _client, response = _login("real", "A-real-pass-phrase-9")
    assert response.status_code == 302
