"""Builds the input of services.unit_metrics from the database: one query."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from mingzhu.org.models import unit_names

from . import services
from .choices import EventAction, Status

FACT_FIELDS = (
    "pk",
    "lead_unit_id",
    "status",
    "deadline",
    "original_deadline",
    "assigned_on",
    "accepted_on",
    "closed_on",
)


# Sent back for rework: by the reviewer, or by the requester's first dissatisfied rating.
RETURNS = Q(events__action=EventAction.RETURN) | Q(
    events__action=EventAction.RATE, events__to_status=Status.RETURNED
)


def task_facts(
    tasks: QuerySet, start: dt.date, end: dt.date, extra: tuple[str, ...] = ()
) -> list[tuple[dict, services.TaskFacts]]:
    """The facts of each task for the period, with the values of ``extra`` lookups (for
    grouping by something else than the lead unit, e.g. a grid event's campaign)."""
    in_period = Q(events__at__date__gte=start, events__at__date__lte=end)
    rows = (
        tasks.order_by()
        .values(*FACT_FIELDS, *extra)
        .annotate(
            requests=Count(
                "events", filter=in_period & Q(events__action=EventAction.REQUEST_CLOSURE)
            ),
            returns=Count("events", filter=in_period & RETURNS),
        )
    )
    return [
        (
            {name: r[name] for name in extra},
            services.TaskFacts(
                unit_id=r["lead_unit_id"],
                status=r["status"],
                deadline=r["deadline"],
                original_deadline=r["original_deadline"],
                assigned_on=r["assigned_on"],
                accepted_on=r["accepted_on"],
                closed_on=r["closed_on"],
                closure_requests=r["requests"],
                returns=r["returns"],
            ),
        )
        for r in rows
    ]


def metrics_for(tasks: QuerySet, start: dt.date, end: dt.date) -> list[dict]:
    facts = (f for _extra, f in task_facts(tasks, start, end))
    return services.unit_metrics(facts, start, end)


def named_metrics(tasks: QuerySet, start: dt.date, end: dt.date) -> list[dict]:
    """``metrics_for``, each unit's row with its ``unit_name`` ("" for a unit not found)."""
    rows = metrics_for(tasks, start, end)
    names = unit_names(r["unit"] for r in rows)
    for row in rows:
        row["unit_name"] = names.get(row["unit"], "")
    return rows
