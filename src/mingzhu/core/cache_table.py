"""The shared cache's table, written in one statement.

Django's database cache writes each key in five statements (a count of the whole table to
decide whether to cull it, then a transaction that reads the key and updates or inserts
it), and ``set_many`` does that once per key. Every write of the task engine bumps a few
topics (core.cache) and every cockpit panel computed is written back, so these statements
come on every write and every page computed again; the count reads the whole table
(up to ``MAX_ENTRIES`` rows) each time.

``TableCache`` writes any number of keys in one ``INSERT … ON CONFLICT DO UPDATE``
(PostgreSQL and SQLite alike), keys in sorted order so that two processes writing the same
keys lock them in the same order, after the count Django makes (and its culling: the
expired rows, then the oldest part, when the table holds more than ``MAX_ENTRIES``): two
statements per write, whatever the number of keys. Reading, ``add``, ``touch`` and
deleting are Django's.
"""

from __future__ import annotations

import base64
import pickle
from contextlib import nullcontext
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now


class TableCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Every key of ``data`` in one statement; [] when written, else the keys (as
        Django's backends answer: a failed write of the cache is no error of the page)."""
        if not data:
            return []
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in ("postgresql", "sqlite"):
            return super().set_many(data, timeout=timeout, version=version)
        rows = sorted(
            (self.make_and_validate_key(key, version=version), value) for key, value in data.items()
        )
        expires = connection.ops.adapt_datetimefield_value(self._expires(timeout))
        params = []
        for key, value in rows:
            pickled = pickle.dumps(value, self.pickle_protocol)
            params += [key, base64.b64encode(pickled).decode("latin1"), expires]
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(self._table)} "
            f"({quote('cache_key')}, {quote('value')}, {quote('expires')}) "
            f"VALUES {', '.join(['(%s, %s, %s)'] * len(rows))} "
            f"ON CONFLICT ({quote('cache_key')}) DO UPDATE SET "
            f"{quote('value')} = excluded.{quote('value')}, "
            f"{quote('expires')} = excluded.{quote('expires')}"
        )
        # Inside the caller's transaction, a savepoint: a failed write must not break it.
        block = transaction.atomic(using=db) if connection.in_atomic_block else nullcontext()
        try:
            with block, connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {quote(self._table)}")
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, tz_now().replace(microsecond=0), count)
                cursor.execute(sql, params)
        except DatabaseError:
            return list(data)
        return []

    def _expires(self, timeout) -> datetime:
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return datetime.max.replace(microsecond=0)  # as Django's: never
        tz = UTC if settings.USE_TZ else None
        return datetime.fromtimestamp(timeout, tz=tz).replace(microsecond=0)
