"""Shared fixtures: the Yangzhong org tree and the personas of STYLE.md, loaded once per
test database, and a logged-in client for any of them."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from mingzhu.demo.loader import load
from mingzhu.org.models import OrgUnit, User


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (``django_db(transaction=True)``, real commits, e.g. two
    connections racing) empties every table when its fixtures are torn down, the
    personas and org tree that tests/conftest.py loaded once per session included.
    Load them again once that is done, so that the tests after it in the same worker
    find them."""
    result = yield
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        with item.config.stash[blocking_manager_key].unblock():
            load()
    return result


@pytest.fixture(autouse=True)
def _demo_users_may_sign_in(settings):
    # The personas are demo users; tests run as a demo server would. One test turns
    # this off to prove production refuses them.
    settings.ALLOW_DEMO_USERS = True


def _persona(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def leader(db):
    return _persona("leader")


@pytest.fixture
def supervisor(db):
    return _persona("supervisor")


@pytest.fixture
def fgw(db):
    return _persona("fgw")


@pytest.fixture
def sanmao(db):
    return _persona("sanmao")


@pytest.fixture
def xinba(db):
    return _persona("xinba")


@pytest.fixture
def grid_worker(db):
    return _persona("wangge")


@pytest.fixture
def enterprise_user(db):
    return _persona("qiye")


@pytest.fixture
def administrator(db):
    return _persona("admin")


@pytest.fixture
def outsider(db):
    return _persona("outsider")


@pytest.fixture
def gxj(db):
    """industry bureau"""
    return _persona("gxj")


@pytest.fixture
def czj(db):
    """finance bureau"""
    return _persona("czj")


@pytest.fixture
def rexian(db):
    """intake desk"""
    return _persona("rexian")


@pytest.fixture
def nyj(db):
    """agriculture bureau"""
    return _persona("nyj")


@pytest.fixture
def zzb(db):
    """organisation department"""
    return _persona("zzb")


@pytest.fixture
def wmb(db):
    """civilisation office"""
    return _persona("wmb")


@pytest.fixture
def lixin(db):
    """village staff of 立新村"""
    return _persona("lixin")


def delete_all(model, seen=None):
    """Delete every row of the model and of every model that points to it, whichever
    module it belongs to. Raw deletes: the engine's records refuse to be deleted one by
    one, and a test database may drop them wholesale (constraints are checked at the end
    of the test, when nothing points to a deleted row any more)."""
    seen = set() if seen is None else seen
    if model in seen:
        return
    seen.add(model)
    for rel in model._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            delete_all(rel.related_model, seen)
    model._base_manager.all()._raw_delete(model._base_manager.db)


@pytest.fixture
def wipe(db):
    """wipe(Model): no rows of the model, nor of anything pointing to it, in this test."""
    return delete_all


@pytest.fixture
def as_user(db):
    """as_user(user) -> a test client logged in as that user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
        return client

    return make


@pytest.fixture
def unit(db):
    """unit(code) -> the OrgUnit with that code."""
    return lambda code: OrgUnit.objects.get(code=code)
