"""Two people verifying the same task at the same moment, on real separate connections.

SQLite cannot stage this (it locks the whole database, SELECT ... FOR UPDATE is a no-op),
so the test runs on PostgreSQL only.
"""

import threading
import time

import pytest
from django.db import connection, connections

from mingzhu.core.testing import waiting_for_a_lock
from mingzhu.tasks import actions
from mingzhu.tasks.choices import EventAction, Status
from mingzhu.tasks.models import Task

from .conftest import FAR

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks, so two verifications cannot race",
)
@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_simultaneous_verifications_through(
    make_task, supervisor, as_user, monkeypatch
):
    task = make_task(Status.CLOSURE_REQUESTED)
    # The first verification holds the task's row lock until the second one is seen
    # waiting for it in PostgreSQL.
    locked, release = threading.Event(), threading.Event()
    update_parent = actions._update_parent

    def hold_the_lock(task):
        if not locked.is_set():
            locked.set()
            assert release.wait(timeout=10)
        update_parent(task)

    monkeypatch.setattr(actions, "_update_parent", hold_the_lock)
    responses = {}

    def verify(name):
        try:
            client = as_user(supervisor)
            responses[name] = client.post(f"/api/v1/tasks/{task.pk}/verify/", {"comment": name})
        finally:
            connections.close_all()

    first = threading.Thread(target=verify, args=("first",))
    second = threading.Thread(target=verify, args=("second",))
    first.start()
    assert locked.wait(timeout=10)
    second.start()
    deadline = time.monotonic() + 10
    while not waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert waiting_for_a_lock() == 1  # the second one is blocked on the row lock
    release.set()
    first.join(timeout=10)
    second.join(timeout=10)

    assert responses["first"].status_code == 200
    assert responses["second"].status_code == 409
    assert "already" in responses["second"].json()["detail"]
    assert Task.objects.get(pk=task.pk).status == Status.CLOSED
    verified = task.events.filter(action=EventAction.VERIFY)
    assert list(verified.values_list("comment", flat=True)) == ["first"]


@pytest.mark.django_db(transaction=True)
def test_it_finds_the_demo_data_again_after_a_transactional_test(supervisor, unit):
    # Transactional tests run last (pytest-django orders them so) and in file order:
    # this one follows the race above in the same worker, after its tables were
    # flushed, and still finds the personas and the org tree (tests/conftest.py).
    assert supervisor.has_perm("tasks.verify_task")
    assert unit("YZ-XINBA").name


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks, so two creations cannot race",
)
@pytest.mark.django_db(transaction=True)
def test_two_creations_under_one_prefix_take_consecutive_numbers(supervisor, unit):
    """The second creation waits on the prefix's counter until the first commits, then
    takes the next number: no clash, no retry, whatever the ledger holds."""
    from django.db import transaction

    fgw = unit("YZ-DEPT-FGW")
    created, release = {}, threading.Event()

    def create(name, hold):
        try:
            with transaction.atomic():
                created[name] = actions.create_task(
                    actor=supervisor, title=name, lead_unit=fgw, deadline=FAR
                ).code
                if hold:
                    assert release.wait(timeout=10)
        finally:
            connections.close_all()

    first = threading.Thread(target=create, args=("first", True))
    first.start()
    deadline = time.monotonic() + 10
    while "first" not in created and time.monotonic() < deadline:
        time.sleep(0.02)
    second = threading.Thread(target=create, args=("second", False))
    second.start()
    while not waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert waiting_for_a_lock() == 1  # the second one waits for the counter's row
    release.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert int(created["second"][-4:]) == int(created["first"][-4:]) + 1
    assert Task.objects.filter(code__in=created.values()).count() == 2
