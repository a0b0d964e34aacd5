"""Builds the input of the pure computations (services) from the database for the
summary pages: volunteer hours and the creation campaign's task lists."""

from __future__ import annotations

import datetime as dt

from mingzhu.org.models import unit_names
from mingzhu.tasks.choices import Light
from mingzhu.tasks.models import TaskList

from . import services
from .cockpit import campaign_tasks


def volunteer_hours(participations, year: int) -> dict:
    """Hours per person and per unit (each with its ``unit_name``) of the participations
    given (the user's) in activities of ``year``, and whether any is illustrative."""
    rows = participations.filter(activity__held_on__year=year)
    totals = services.volunteer_totals(rows.values_list("volunteer", "unit_id", "hours"))
    names = unit_names(p["unit"] for p in totals["people"])
    for row in (*totals["people"], *totals["units"]):
        row["unit_name"] = names.get(row["unit"], "")
    illustrative = rows.filter(activity__is_illustrative=True).exists()
    return {"totals": totals, "illustrative": illustrative}


def campaign(user, as_of: dt.date) -> dict:
    """The creation campaign's task lists the user may see, their tasks with the light on
    ``as_of``, a summary per list and of all; the lists without a visible task apart."""
    tasks = list(
        campaign_tasks(user)
        .select_related("lead_unit", "task_list")
        .order_by("task_list__name", "deadline", "code")
    )
    for task in tasks:
        task.light = task.light_on(as_of)
        task.light_label = Light(task.light).label if task.light else ""
    lists = services.campaign_lists(tasks)
    visible_lists = (
        TaskList.objects.restrict(user)
        .filter(kind="civilised_city")
        .exclude(pk__in={t.task_list_id for t in tasks})
    )
    return {
        "lists": lists,
        "empty_lists": visible_lists,
        "summary": services.campaign_summary((t.status, t.light) for t in tasks),
    }
