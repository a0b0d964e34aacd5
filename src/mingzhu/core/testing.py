"""Helpers the test suite shares (not used by the running platform)."""

from django.db import connection


def waiting_for_a_lock() -> int:
    """How many sessions of this PostgreSQL database wait for a lock right now: a race
    test holds one transaction open until the other is seen waiting."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]
