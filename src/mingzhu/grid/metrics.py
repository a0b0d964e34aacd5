"""按期结案率, 结案率 and 返工率 of grid events, per responsible unit and per campaign.

The rules are the task engine's (tasks.services.unit_metrics): an event's case is its task.
One query builds the facts; the pure function groups them twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import QuerySet

from mingzhu.org.models import unit_names
from mingzhu.tasks.metrics import task_facts
from mingzhu.tasks.models import Task
from mingzhu.tasks.services import TaskFacts, unit_metrics

from .models import Campaign


def _facts(events: QuerySet, start: dt.date, end: dt.date) -> list[tuple[int | None, TaskFacts]]:
    tasks = Task.objects.filter(grid_event__in=events.values("pk"))
    campaign = "grid_event__campaign_id"
    return [(extra[campaign], f) for extra, f in task_facts(tasks, start, end, (campaign,))]


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
    names = unit_names(r["unit"] for r in by_unit)
    campaign_names = dict(
        Campaign.objects.filter(pk__in=[r["unit"] for r in by_campaign]).values_list("pk", "name")
    )
    return {
        "units": _named(by_unit, names, "unit"),
        "campaigns": _named(by_campaign, campaign_names, "campaign"),
    }
