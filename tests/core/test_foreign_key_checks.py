"""On SQLite a test's foreign keys are checked after it over the tables it wrote to and
those pointing at a table it deleted from (tests/conftest.py), not the whole database:
a row left pointing nowhere is still found, whichever way the test made it."""

import pytest
from django.db import IntegrityError, connection, transaction

from mingzhu.org.models import OrgUnit, User

pytestmark = [
    pytest.mark.tree,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="PostgreSQL checks the deferred keys itself (SET CONSTRAINTS ALL IMMEDIATE)",
    ),
]


def _violations() -> str:
    with pytest.raises(IntegrityError) as caught:
        connection.check_constraints()
    # The rows stay wrong until the test's rollback: the check after the test is skipped.
    transaction.set_rollback(True)
    return str(caught.value)


@pytest.mark.django_db
def test_a_row_written_to_point_nowhere_is_found():
    unit = OrgUnit.objects.exclude(parent=None).first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE org_orgunit SET parent_id = %s WHERE id = %s", [987654, unit.pk])
    assert "org_orgunit" in _violations()


@pytest.mark.django_db
def test_rows_left_pointing_at_a_deleted_row_are_found():
    # A unit without units under it: the rows left wrong are only in other tables.
    user = User.objects.exclude(unit=None).filter(unit__children=None).first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM org_orgunit WHERE id = %s", [user.unit_id])
    found = _violations()
    assert "org_orgunit.id" in found and "table 'org_orgunit'" not in found


@pytest.mark.django_db
def test_a_test_that_wrote_nothing_checks_nothing(django_assert_num_queries):
    assert OrgUnit.objects.exists()
    with django_assert_num_queries(0):
        connection.check_constraints()
