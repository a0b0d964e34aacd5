"""Builds the input of services.unit_metrics from the database: one query."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from . import services
from .choices import EventAction


def metrics_for(tasks: QuerySet, start: dt.date, end: dt.date) -> list[dict]:
    in_period = Q(events__at__date__gte=start, events__at__date__lte=end)
    rows = (
        tasks.order_by()
        .values(
            "pk",
            "lead_unit_id",
            "status",
            "deadline",
            "original_deadline",
            "assigned_on",
            "accepted_on",
            "closed_on",
        )
        .annotate(
            requests=Count(
                "events", filter=in_period & Q(events__action=EventAction.REQUEST_CLOSURE)
            ),
            returns=Count("events", filter=in_period & Q(events__action=EventAction.RETURN)),
        )
    )
    facts = (
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
        )
        for r in rows
    )
    return services.unit_metrics(facts, start, end)
