import pytest

from mingzhu.grid.choices import Decision, EventStatus
from mingzhu.grid.services import status_of
from mingzhu.tasks.choices import Status


@pytest.mark.parametrize(
    ("decision", "task_status", "expected"),
    [
        (Decision.PENDING, None, EventStatus.REPORTED),
        (Decision.REJECTED, None, EventStatus.REJECTED),
        (Decision.FILED, Status.ASSIGNED, EventStatus.HANDLING),
        (Decision.FILED, Status.DEFERRED, EventStatus.HANDLING),
        (Decision.FILED, Status.CLOSURE_REQUESTED, EventStatus.AWAITING_RECHECK),
        (Decision.FILED, Status.RETURNED, EventStatus.RETURNED),
        (Decision.FILED, Status.CLOSED, EventStatus.CLOSED),
        (Decision.FILED, Status.CANCELLED, EventStatus.CANCELLED),
    ],
)
def test_it_derives_the_status(decision, task_status, expected):
    assert status_of(decision, task_status) == expected
