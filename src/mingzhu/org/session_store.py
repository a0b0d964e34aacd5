"""Django's database sessions, each request's session row read by a query compiled once.

Every signed-in request reads its session's row (``django.contrib.sessions.backends.db``
builds and compiles that query anew each time). Here the row is read by its key through
``core.prepared.fetch_values`` (the SQL kept per process), and its expiry compared here
rather than in the query: the same row, or none, as Django's own ``get`` with
``expire_date__gt=now``. Everything else is Django's.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from mingzhu.core.prepared import fetch_values


class SessionStore(DatabaseStore):
    def _get_session_from_db(self):
        model = self.model
        try:
            key = self.session_key
            rows = []
            if key:
                rows = fetch_values(
                    model,
                    ("session-by-key",),
                    lambda k: model.objects.filter(session_key=k).values_list(
                        "session_key", "session_data", "expire_date"
                    ),
                    texts=(key,),
                )
            now = timezone.now()
            alive = [row for row in rows if row[2] > now]
            if not alive:
                raise model.DoesNotExist
            session_key, session_data, expire_date = alive[0]
            return model(
                session_key=session_key, session_data=session_data, expire_date=expire_date
            )
        except (model.DoesNotExist, SuspiciousOperation) as e:
            if isinstance(e, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{e.__class__.__name__}")
                logger.warning(str(e))
            self._session_key = None
