"""The daily supervision job: every active task's light on a day, and the sheets it has
earned (one per task per level, so running it again creates nothing); each new sheet is
told to the supervised unit's people (``notices.sheet_notices``).

Set-based, for a million tasks: the light rules (services.assess) are phrased in SQL
(filters.behind_q, the near limit), one query counts the lights, and one INSERT ...
SELECT per level adds the sheets earned and not yet issued. No task row travels to
Python. Tests hold the result equal to services.sheet_level task by task. The day before,
once past, has its lights recorded for the cockpit of that day (``lights.record_day``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from mingzhu.core.cache import bump

from . import history, services
from .choices import ACTIVE, SheetLevel
from .filters import behind_q
from .lights import record_day, recorded_days, stale_days
from .models import SupervisionSheet, Task
from .notices import sheet_notices

log = logging.getLogger("mingzhu.tasks")


def sheet_conditions(as_of: dt.date) -> dict[str, Q]:
    """For active tasks: the condition under which each sheet level is earned on
    ``as_of`` (red overdue, yellow behind schedule, blue near the deadline)."""
    pending = Q(deadline__gte=as_of)
    behind = behind_q(as_of)
    return {
        SheetLevel.RED: Q(deadline__lt=as_of),
        SheetLevel.YELLOW: pending & behind,
        SheetLevel.BLUE: pending & Q(deadline__lte=services.near_limit(as_of)) & ~behind,
    }


@transaction.atomic
def supervise(as_of: dt.date) -> dict[str, int]:
    active = Task.objects.filter(status__in=ACTIVE).order_by()
    conditions = sheet_conditions(as_of)
    counts = active.aggregate(
        **{str(level): Count("pk", filter=q) for level, q in conditions.items()}
    )
    counts = {"blue": counts["blue"], "yellow": counts["yellow"], "red": counts["red"]}
    created: Counter[tuple[int, str]] = Counter()
    new_sheets: list[int] = []
    sheets = SupervisionSheet._meta
    now = timezone.now()
    for level, q in conditions.items():
        has_sheet = SupervisionSheet.objects.filter(task=OuterRef("pk"), level=level)
        earned = (
            active.filter(q)
            .filter(~Exists(has_sheet))
            .values(sheet_task=F("pk"), sheet_unit=F("lead_unit_id"), sheet_issuer=F("issuer_id"))
        )
        select, params = earned.query.sql_with_params()
        # One INSERT ... SELECT per level; the unique constraint keeps a concurrent run
        # from duplicating a sheet, and RETURNING names only the sheets really created.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {sheets.db_table} (task_id, unit_id, lead_unit_id, issuer_id, "
                f"level, issued_on, created_at, updated_at) SELECT s.sheet_task, s.sheet_unit, "
                f"s.sheet_unit, s.sheet_issuer, %s, %s, %s, %s "
                f"FROM ({select}) s WHERE true ON CONFLICT DO NOTHING RETURNING id, unit_id",
                [
                    str(level),
                    sheets.get_field("issued_on").get_db_prep_value(as_of, connection),
                    *[sheets.get_field("created_at").get_db_prep_value(now, connection)] * 2,
                    *params,
                ],
            )
            rows = cursor.fetchall()
            created.update((unit_id, str(level)) for (_pk, unit_id) in rows)
            new_sheets += [pk for pk, _unit in rows]
    counts["created"] = sum(created.values())
    if new_sheets:  # written in SQL, no signal: the panels counting sheets are stale
        bump("tasks")
    # Each new sheet reaches the supervised unit's people as a notice (and its outbox).
    counts["notified"] = len(sheet_notices(new_sheets))
    for (unit_id, level), n in sorted(created.items()):
        log.info("%s new %s supervision sheets for unit %s", n, level, unit_id)
    # The day before, now past, has its lights recorded once for the cockpit (tasks.lights).
    counts["lights_recorded"] = None
    day = as_of - dt.timedelta(days=1)
    if history.is_past(day) and not recorded_days().filter(day=day).exists():
        rows = record_day(day)
        counts["lights_recorded"] = day.isoformat()
        log.info("lights of %s recorded: %s rows", day, rows)
    # The recorded days that an event written later with an earlier date outdated.
    again = stale_days(day)
    for outdated in again:
        rows = record_day(outdated)
        log.info("lights of %s recorded again: %s rows", outdated, rows)
    counts["lights_recorded_again"] = len(again)
    return counts
