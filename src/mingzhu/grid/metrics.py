"""按期结案率, 结案率 and 返工率 of grid events, per responsible unit and per campaign.

The rules are the task engine's (tasks.services.unit_metrics): an event's case is its task.
One query builds the facts; the pure function groups them twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Count, Q, QuerySet

from mingzhu.org.models import OrgUnit
from mingzhu.tasks.choices import EventAction
from mingzhu.tasks.models import Task
from mingzhu.tasks.services import TaskFacts, unit_metrics

from .models import Campaign


def _facts(events: QuerySet, start: dt.date, end: dt.date) -> list[tuple[int | None, TaskFacts]]:
    in_period = Q(events__at__date__gte=start, events__at__date__lte=end)
    rows = (
        Task.objects.filter(grid_event__in=events.values("pk"))
        .order_by()
        .values(
            "pk",
            "lead_unit_id",
            "status",
            "deadline",
            "original_deadline",
            "assigned_on",
            "accepted_on",
            "closed_on",
            "grid_event__campaign_id",
        )
        .annotate(
            requests=Count(
                "events", filter=in_period & Q(events__action=EventAction.REQUEST_CLOSURE)
            ),
            returns=Count("events", filter=in_period & Q(events__action=EventAction.RETURN)),
        )
    )
    return [
        (
            r["grid_event__campaign_id"],
            TaskFacts(
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


def _named(rows: list[dict], names: dict[int, str], key: str) -> list[dict]:
    out = []
    for row in rows:
        pk = row.pop("unit")
        out.append({key: pk, "name": names.get(pk, ""), **row})
    out.sort(key=lambda r: (-(r["on_time_rate"] or 0), r["name"]))
    return out


def event_metrics(events: QuerySet, start: dt.date, end: dt.date) -> dict[str, list[dict]]:
    """{"units": [...], "campaigns": [...]} for the events given (already restricted)."""
    facts = _facts(events, start, end)
    by_unit = unit_metrics((f for _c, f in facts), start, end)
    by_campaign = unit_metrics(
        (dataclasses.replace(f, unit_id=campaign) for campaign, f in facts if campaign is not None),
        start,
        end,
    )
    unit_names = dict(
        OrgUnit.objects.filter(pk__in=[r["unit"] for r in by_unit]).values_list("pk", "name")
    )
    campaign_names = dict(
        Campaign.objects.filter(pk__in=[r["unit"] for r in by_campaign]).values_list("pk", "name")
    )
    return {
        "units": _named(by_unit, unit_names, "unit"),
        "campaigns": _named(by_campaign, campaign_names, "campaign"),
    }
