"""Login throttling (django-axes): five failures lock the user name out on that address,
twenty over any names lock the address."""

import pytest
from django.test import Client

from mingzhu.org.personas import DEMO_PASSWORD

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


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


SPRAYED = ["fgw", "sanmao", "xinba", "leader", "supervisor"]


def _spray(client: Client, **headers) -> list[int]:
    """Four wrong guesses for each of five names: 20 failures from one address."""
    return [
        client.post(
            "/accounts/login/", {"username": name, "password": "wrong"}, headers=headers
        ).status_code
        for name in SPRAYED
        for _ in range(4)
    ]


def test_it_locks_an_address_that_sprays_guesses_over_many_names(db):
    client = Client()
    statuses = _spray(client)
    assert statuses[:19] == [200] * 19  # no name reached its own limit of five
    assert statuses[19] == 429  # the address reached twenty
    # Locked for every name, the right password of an untried one included.
    assert _attempt(client, "grid_worker_x", "wrong").status_code == 429
    assert _attempt(Client(), "wangge", DEMO_PASSWORD).status_code == 429


def test_it_ignores_a_forged_forwarded_address_without_the_proxy(db):
    client = Client()
    statuses = [
        client.post(
            "/accounts/login/",
            {"username": name, "password": "wrong"},
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i, name in enumerate(n for n in SPRAYED for _ in range(4))
    ]
    assert statuses[19] == 429  # one address (the connection's), whatever the header says


def test_it_uses_the_forwarded_address_from_the_trusted_proxy(settings, db):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    attacker = {"X-Forwarded-For": "198.51.100.7, 203.0.113.66"}
    assert _spray(Client(), **attacker)[19] == 429
    # Somebody else behind the same proxy still signs in: the lock is the attacker's.
    colleague = {"X-Forwarded-For": "203.0.113.5"}
    response = Client().post(
        "/accounts/login/", {"username": "wangge", "password": DEMO_PASSWORD}, headers=colleague
    )
    assert response.status_code == 302


def test_a_successful_sign_in_does_not_clear_the_addresss_count(db):
    client = Client()
    for name in SPRAYED[:4]:
        for _ in range(4):
            _attempt(client, name, "wrong")  # 16 failures
    assert _attempt(client, "wangge", DEMO_PASSWORD).status_code == 302
    for _ in range(4):
        last = _attempt(Client(), "qiye", "wrong").status_code
    assert last == 429
