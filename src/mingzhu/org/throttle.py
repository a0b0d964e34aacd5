"""Login throttling on django-axes, with two limits.

``AXES_LOCKOUT_PARAMETERS`` counts failures per user name and address, and per address
across user names. django-axes compares both counts with one limit; this handler scales
the address count so that the pair is locked after ``AXES_FAILURE_LIMIT`` failures (5)
and the address after ``LOGIN_ADDRESS_FAILURE_LIMIT`` (20) whatever names it tries: a
spray of a few guesses over many users is stopped, while one office behind a shared
address is not locked out by a handful of typing errors. A successful sign-in clears only
that user name's failures from that address: those against other names still count (an
attacker with one valid account cannot reset the address's count).
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LoginThrottle(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        per_pair, *per_address = self.get_user_attempts(request, credentials)
        counts = [_failures(per_pair)]
        limit = settings.AXES_FAILURE_LIMIT
        address_limit = max(settings.LOGIN_ADDRESS_FAILURE_LIMIT, 1)
        for attempts in per_address:
            # In units of the pair's limit: the address reaches it at its own limit.
            counts.append(_failures(attempts) * limit // address_limit)
        return max(counts)

    def reset_user_attempts(self, request, credentials=None) -> int:
        per_pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_pair.delete()
        return count


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
