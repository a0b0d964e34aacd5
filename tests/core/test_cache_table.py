"""The shared cache's table (core.cache_table.TableCache): every key of a write in one
statement after Django's count, read back as written, expired and culled as Django's
database cache does."""

import datetime as dt

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mingzhu.core.cache_table import TableCache
from mingzhu.org.models import OrgUnit

pytestmark = pytest.mark.tree


def rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute('SELECT COUNT(*) FROM "mingzhu_cache"')
        return cursor.fetchone()[0]


def test_the_shared_cache_is_the_table_cache():
    assert isinstance(caches["default"], TableCache)


def test_many_keys_are_written_in_one_statement_and_read_back(db):
    cache.clear()
    values = {f"k{i}": {"n": i, "text": "明珠"} for i in range(12)}
    with CaptureQueriesContext(connection) as seen:
        assert cache.set_many(values, timeout=60) == []
    # (The test runs inside a transaction: the write takes a savepoint of it.)
    written = [q["sql"] for q in seen.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(written) == 2 and written[0].startswith("SELECT COUNT(*)")
    assert written[1].startswith("INSERT") and "ON CONFLICT" in written[1]
    assert cache.get_many(list(values)) == values
    assert rows() == 12


def test_a_key_written_again_holds_the_new_value(db):
    cache.clear()
    cache.set("panel", [1, 2], timeout=60)
    cache.set_many({"panel": [3], "other": "x"}, timeout=60)
    assert cache.get("panel") == [3] and cache.get("other") == "x"
    assert rows() == 2


def test_an_expired_key_is_not_read_and_one_without_timeout_stays(db):
    cache.clear()
    cache.set("gone", 1, timeout=0)
    cache.set("kept", 2, timeout=None)
    assert cache.get("gone") is None
    assert cache.get("kept") == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM mingzhu_cache WHERE cache_key LIKE %s", ["%kept"])
        expires = cursor.fetchone()[0]
    assert (expires.year if isinstance(expires, dt.datetime) else int(expires[:4])) == 9999


def test_the_table_is_culled_past_its_maximum(db):
    cache.clear()
    small = TableCache("mingzhu_cache", {"OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2}})
    for i in range(12):
        small.set(f"entry-{i:02}", i, timeout=60)
    # Counted before each write: past five rows, half of them go before the next one.
    assert rows() <= 6
    assert small.get("entry-11") == 11


def test_a_failed_write_leaves_the_callers_transaction_usable(db):
    broken = TableCache("no_such_cache_table", {})
    with transaction.atomic():
        assert broken.set_many({"a": 1, "b": 2}) == ["a", "b"]
        # The transaction goes on: a later statement in it runs (PostgreSQL refuses any
        # after an error that no savepoint caught).
        assert OrgUnit.objects.exists()
