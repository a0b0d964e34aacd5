"""The daily supervision job: every active task's light on a day, and the sheets it has
earned (one per task per level, so running it again creates nothing)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from . import services
from .choices import ACTIVE
from .models import SupervisionSheet, Task

BATCH = 2000
log = logging.getLogger("mingzhu.tasks")


@transaction.atomic
def supervise(as_of: dt.date) -> dict[str, int]:
    counts = {"blue": 0, "yellow": 0, "red": 0, "created": 0}
    existing = set(
        SupervisionSheet.objects.filter(task__status__in=ACTIVE).values_list("task_id", "level")
    )
    new: list[SupervisionSheet] = []
    rows = (
        Task.objects.filter(status__in=ACTIVE)
        .order_by()
        .values_list(
            "pk", "status", "deadline", "progress", "assigned_on", "created_at", "lead_unit_id"
        )
    )
    for pk, status, deadline, progress, assigned_on, created_at, unit_id in rows.iterator(
        chunk_size=BATCH
    ):
        level = services.sheet_level(
            status=status,
            deadline=deadline,
            progress=progress,
            start=assigned_on or timezone.localdate(created_at),
            as_of=as_of,
        )
        if level is None:
            continue
        counts[level] += 1
        if (pk, level) not in existing:
            new.append(SupervisionSheet(task_id=pk, level=level, issued_on=as_of, unit_id=unit_id))
    # Bulk insert for the million-task batch; the unique constraint keeps a concurrent
    # run from duplicating a sheet.
    SupervisionSheet.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    counts["created"] = len(new)
    for sheet in new:
        log.info(
            "supervision sheet %s for task %s (unit %s)", sheet.level, sheet.task_id, sheet.unit_id
        )
    return counts
