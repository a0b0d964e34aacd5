"""The active tasks' lights on a day, counted in the database: per lead unit for the
cockpit and, for past days, recorded once by the daily supervision job.

Today a task's light is read from its row; on a past day from its events
(``tasks.history``): a correlated read of every task of the scope, seconds in a ledger of a
million. The job records each day's lights, per lead unit and issuing unit, the morning
after (``record_day``: one such read, in the worker), and a past day's cockpit counts
those rows (``recorded_lights``) for the parts of a scope they can answer (the lead unit
and the issuer); a day not recorded is read from the events as before, and so is a
recorded day that an event written later with a date on or before it outdated (``outdate``,
by the task engine), until the job records it again.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from mingzhu.core.scope import scope_parts, sums_in_parts

from . import history
from . import services as task_services
from .choices import ACTIVE, Status
from .filters import behind_q
from .models import DayLights, LightsDay, Task

LIGHTS = ("red", "yellow", "green")
# The fields of a scope that the recorded rows carry (``Task.scope_fields`` less co-units).
RECORDED_FIELDS = ("lead_unit__in", "issuer__in")


def light_aggregates(as_of: dt.date) -> dict[str, Count]:
    """The task engine's light rules phrased in SQL (tasks.filters ``light_filter``) on the
    state of ``as_of``: red is overdue, yellow is near the deadline or behind schedule,
    green the rest of the active tasks (``lit``: every one carries one light, its
    deadline, start and progress being never empty), so that the schedule test is
    written once."""
    deadline = history.DEADLINE
    pending = Q(**{f"{deadline}__gte": as_of})
    near = Q(**{f"{deadline}__lte": task_services.near_limit(as_of)})
    behind = behind_q(as_of, history.PROGRESS, deadline)
    return {
        "red": Count("pk", filter=Q(**{f"{deadline}__lt": as_of})),
        "yellow": Count("pk", filter=pending & (near | behind)),
        "active": Count("pk"),
    }


def lit(row: dict) -> dict[str, int]:
    """{"red": n, "yellow": n, "green": n} of a row counted by ``light_aggregates``."""
    return {
        "red": row["red"],
        "yellow": row["yellow"],
        "green": row["active"] - row["red"] - row["yellow"],
    }


def active_on(tasks, as_of: dt.date):
    """The tasks that were active (carried a light) at the end of ``as_of``.

    On a past day, a task closed now and closed on or before that day was closed then
    (its closure is its last change of status, made that day): it is left out before its
    events are read, which in a ledger of several years is most of it."""
    if history.is_past(as_of):
        tasks = tasks.exclude(status=Status.CLOSED, closed_on__lte=as_of)
    return history.tasks_on(tasks, as_of).filter(**{f"{history.STATUS}__in": ACTIVE})


def light_totals(tasks, as_of: dt.date) -> dict[str, int]:
    """The active tasks by light at the end of ``as_of``, in one query over the whole
    scope: {"red": n, "yellow": n, "green": n}."""
    return lit(active_on(tasks, as_of).order_by().aggregate(**light_aggregates(as_of)))


def lights_by_unit(tasks, as_of: dt.date) -> dict[int | None, dict[str, int]]:
    """The active tasks by light at the end of ``as_of``, per lead unit:
    {lead unit id: {"red": n, "yellow": n, "green": n}}.

    The tasks are taken as they stood then (tasks.history: those that existed, with the
    status, progress and deadline of that day); today that is their row. A scope of
    several fields (lead unit, issuer, co-units) is counted in its disjoint parts
    (core.scope ``sums_in_parts``: one query, a grouped part each): on PostgreSQL the lead
    unit's part reads the index of active tasks alone (``task_active_cover``), whatever
    the ledger's size."""
    found = sums_in_parts(active_on(tasks, as_of), ("lead_unit_id",), **light_aggregates(as_of))
    return {key[0]: lit(sums) for key, sums in found.items()}


def _add(rows: dict, grouped) -> None:
    for row in grouped:
        counts = rows.setdefault(row["lead_unit_id"], dict.fromkeys(LIGHTS, 0))
        for light in LIGHTS:
            counts[light] += row[light]


def record_day(day: dt.date) -> int:
    """Record the lights of every active task at the end of ``day`` (a past day), per lead
    unit and issuing unit, replacing an earlier record of the day: one read of the tasks'
    events (the same rules as ``lights_by_unit``) and one insert. Returns the number of
    rows. All or nothing."""
    if not history.is_past(day):
        raise ValueError(f"{day} is not a past day: its lights are still changing")
    grouped = (
        active_on(Task._base_manager.all(), day)
        .order_by()
        .values("lead_unit_id", "issuer_id")
        .annotate(**light_aggregates(day))
    )
    rows = [
        DayLights(
            day=day,
            lead_unit_id=row["lead_unit_id"],
            issuer_id=row["issuer_id"],
            **lit(row),
        )
        for row in grouped
    ]
    with transaction.atomic():
        DayLights.objects.filter(day=day).delete()
        DayLights.objects.bulk_create(rows, batch_size=1000)
        LightsDay.objects.update_or_create(
            day=day, defaults={"recorded_at": timezone.now(), "stale": False}
        )
    return len(rows)


def recorded_days():
    """The days whose record still says what their events say (recorded, not outdated)."""
    return LightsDay.objects.filter(stale=False)


def outdate(since: dt.date) -> int:
    """Mark the recorded days from ``since`` on as outdated: an event dated ``since`` was
    written after they were recorded, so their lights are read from the events again until
    the daily job records them anew (``stale_days``). Returns the number of days."""
    return LightsDay.objects.filter(day__gte=since, stale=False).update(stale=True)


def stale_days(before: dt.date) -> list[dt.date]:
    """The recorded days before ``before`` that a later event outdated."""
    return list(
        LightsDay.objects.filter(stale=True, day__lt=before)
        .order_by("day")
        .values_list("day", flat=True)
    )


def recorded_lights(tasks, as_of: dt.date) -> dict[int | None, dict[str, int]] | None:
    """``lights_by_unit`` of a past day from its record (``record_day``), or None when the
    day is not recorded or the scope has a part the record cannot answer.

    A scope of everything reads every row of the day. A scope by unit is split as
    ``lights_by_unit`` splits it: the lead unit's and the issuer's parts are read from the
    rows (the issuer's part without the rows whose lead unit is in scope), and the
    co-units' part, which the rows do not carry, is counted from the events as before
    (only the tasks whose co-unit is in scope while neither their lead unit nor their
    issuer is)."""
    if not history.is_past(as_of) or tasks.query.is_empty():
        return None
    if not recorded_days().filter(day=as_of).exists():
        return None
    carried = getattr(tasks, "_scope_count", None)
    # The record knows the scope and nothing else: any other filter is not for it.
    if len(tasks.query.where.children) != (0 if carried is None else 1):
        return None
    recorded = DayLights.objects.filter(day=as_of).order_by()
    light_sums = {light: Sum(light) for light in LIGHTS}
    rows: dict[int | None, dict[str, int]] = {}
    if carried is None:
        _add(rows, recorded.values("lead_unit_id").annotate(**light_sums))
        return rows
    branches = carried.branches()
    parts = scope_parts(active_on(tasks, as_of))
    answered = [_recorded_field(branch) for branch in branches]
    # The rows answer the parts they carry only ahead of the others: a later part excludes
    # the earlier ones, which the rows could not do for a part they do not carry.
    if parts is None or len(parts) != len(branches) or answered != sorted(answered, reverse=True):
        return None
    done = Q(pk__in=[])
    for branch, part, from_record in zip(branches, parts, answered, strict=True):
        if from_record:
            found = recorded.filter(branch & ~done).values("lead_unit_id").annotate(**light_sums)
            done |= branch
        else:
            grouped = part.order_by().values("lead_unit_id").annotate(**light_aggregates(as_of))
            found = ({"lead_unit_id": row["lead_unit_id"], **lit(row)} for row in grouped)
        _add(rows, found)
    return rows


def _recorded_field(branch: Q) -> bool:
    """Whether a scope branch is a condition on a field the recorded rows carry."""
    return (
        len(branch.children) == 1
        and isinstance(branch.children[0], tuple)
        and branch.children[0][0] in RECORDED_FIELDS
    )
