"""The connections' own settings on PostgreSQL."""

import pytest
from django.db import connection


@pytest.mark.tree
@pytest.mark.django_db
def test_postgresqls_jit_is_off_for_the_platforms_queries():
    """Compiling a query the planner estimates costly (a past day's correlated reads of the
    tasks) cost far more than running it: the connections turn the JIT compiler off."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no JIT compiler")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
