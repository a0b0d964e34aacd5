"""Demo results: the towns' flags computed from the demo projects and published for the
last six quarters, and the departments' assessment (published for the quarter before
last, a draft for the last). Illustrative (示例) like the projects they are computed
from. A second load changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from mingzhu.demo.kit import past_quarter, run
from mingzhu.org.models import User

from . import actions
from .choices import DEPARTMENT_SCHEME, TOWN_SCHEME
from .models import AppraisalResult

TOWN_QUARTERS = 6


def load(as_of: dt.date | None = None, audit: bool = False) -> int:
    """Compute and publish the demo results (idempotent); returns the results created."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> int:
    from .defaults import create_defaults
    from .models import Scheme, SchemeItem, SchemeRule

    # The default schemes come with the migrations; a flushed database (a transactional
    # test) has lost them, so the demo makes sure they are there.
    create_defaults(Scheme, SchemeItem, SchemeRule)
    office = User.objects.filter(username="supervisor").select_related("unit").first()
    if office is None or AppraisalResult.objects.filter(is_illustrative=True).exists():
        return 0
    plan = [(TOWN_SCHEME, *past_quarter(today, back), True) for back in range(TOWN_QUARTERS, 0, -1)]
    plan += [
        (DEPARTMENT_SCHEME, *past_quarter(today, 2), True),
        (DEPARTMENT_SCHEME, *past_quarter(today, 1), False),
    ]
    created = 0
    for code, year, quarter, publish in plan:
        start = dt.datetime(year, 3 * quarter, 1) + dt.timedelta(days=40)
        at = timezone.make_aware(start)
        result = actions.compute_result(
            actor=office,
            scheme_code=code,
            year=year,
            quarter=quarter,
            at=at,
            is_illustrative=True,
        )
        if publish:
            actions.publish_result(result.pk, actor=office, at=at + dt.timedelta(days=2))
        created += 1
    return created
