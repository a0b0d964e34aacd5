"""Login throttling (django-axes): five failures lock the user name out on that address."""

from django.test import Client

from mingzhu.org.personas import DEMO_PASSWORD


def _attempt(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_it_locks_a_user_name_out_after_five_failures(fgw, sanmao):
    client = Client()
    statuses = [_attempt(client, "fgw", "wrong").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    response = _attempt(client, "fgw", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "registration/lockout.html" in [t.name for t in response.templates]
    # Only that user name is locked: another one still signs in from the same address.
    assert _attempt(client, "sanmao", DEMO_PASSWORD).status_code == 302


def test_it_still_lets_in_after_four_failures(fgw):
    client = Client()
    for _ in range(4):
        _attempt(client, "fgw", "wrong")
    assert _attempt(client, "fgw", DEMO_PASSWORD).status_code == 302
