"""Each request's session row and signed-in user are read by queries compiled once per
process (org.session_store, org.backends.RoleBackend.get_user): the same answers as
Django's own reads, an expired session, a missing one, an inactive user or a demo user
outside demo mode included."""

import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from mingzhu.org.backends import RoleBackend
from mingzhu.org.session_store import SessionStore

pytestmark = pytest.mark.django_db


def stored(data: dict, *, expires_in: dt.timedelta) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + expires_in
    )
    return store.session_key


def test_a_live_session_is_read():
    key = stored({"colour": "红"}, expires_in=dt.timedelta(hours=1))
    assert SessionStore(key).load() == {"colour": "红"}
    assert SessionStore(key).load() == {"colour": "红"}  # the kept query, again


def test_an_expired_or_unknown_session_is_empty():
    expired = stored({"colour": "蓝"}, expires_in=-dt.timedelta(seconds=1))
    store = SessionStore(expired)
    assert store.load() == {}
    assert store.session_key is None  # as Django forgets it
    assert SessionStore("x" * 32).load() == {}
    assert SessionStore("50%_off\\key0123456789abcdef").load() == {}  # a LIKE character


def test_a_page_reads_its_session(as_user, sanmao):
    client = as_user(sanmao)
    assert client.get("/tasks/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/tasks/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_signed_in_user_is_read_as_django_reads_it(sanmao, settings):
    backend = RoleBackend()
    user = backend.get_user(sanmao.pk)
    assert user == sanmao and user.unit_id == sanmao.unit_id
    assert user._state.adding is False and user._state.db == "default"
    assert backend.get_user(str(sanmao.pk)) == sanmao
    assert backend.get_user(987_654_321) is None
    assert backend.get_user("not a number") is None
    type(sanmao).objects.filter(pk=sanmao.pk).update(is_active=False)
    assert backend.get_user(sanmao.pk) is None


def test_a_demo_user_outside_demo_mode_is_nobody(sanmao, settings):
    type(sanmao).objects.filter(pk=sanmao.pk).update(is_demo=True)
    settings.ALLOW_DEMO_USERS = False
    assert RoleBackend().get_user(sanmao.pk) is None
    settings.ALLOW_DEMO_USERS = True
    assert RoleBackend().get_user(sanmao.pk) == sanmao


def test_the_session_names_the_user(as_user, sanmao):
    client = as_user(sanmao)
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load()[SESSION_KEY] == str(sanmao.pk)
