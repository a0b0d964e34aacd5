"""The cockpit panels of the task engine and of the grid, registered on import
(CockpitConfig.ready).

Each reads only through ``restrict(user, "view")`` and answers in a fixed number of
queries whatever the number of rows: counts are aggregated in the database, and only the
few grouped rows (lights per unit, sheet levels, event statuses) come back to Python.
A panel is None for a user without the module's view permission, and empty (with a
message saying so) when the user's scope holds no data of the module.
"""

from __future__ import annotations

import datetime as dt

from django.db import connections
from django.db.models import Case, Count, F, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.periods import quarter_of, quarter_start
from mingzhu.core.scope import count_by_in_parts, exists_in_parts
from mingzhu.grid import services as grid_services
from mingzhu.grid.choices import Decision, EventStatus
from mingzhu.grid.models import GridEvent
from mingzhu.tasks import history
from mingzhu.tasks import services as task_services
from mingzhu.tasks.choices import Light, SheetLevel
from mingzhu.tasks.lights import (
    LIGHTS,
    active_on,
    light_totals,
    lights_by_unit,
    recorded_lights,
)
from mingzhu.tasks.models import SupervisionSheet, Task

from .panels import Panel, register

LIGHT_COLOURS = {Light.RED: "#dc3545", Light.YELLOW: "#ffc107", Light.GREEN: "#198754"}
TOP_UNITS = 5


def light_counts(tasks, as_of: dt.date) -> dict[str, int]:
    """The active tasks by light at the end of ``as_of``: ``lights_by_unit`` summed where
    the database reads them from its index (``per_unit``), else one query over the whole
    scope."""
    if per_unit(tasks):
        return _totals(lights_by_unit(tasks, as_of))
    return light_totals(tasks, as_of)


def per_unit(tasks) -> bool:
    """Whether the lights are best counted per unit and scope part: where the database
    has covering indexes (PostgreSQL) the index of active tasks answers each part alone;
    without them (SQLite) each grouped part reads the rows again, and one query over the
    scope is quicker."""
    return connections[tasks.db].features.supports_covering_indexes


def _totals(by_unit: dict[int | None, dict[str, int]]) -> dict[str, int]:
    return {light: sum(c[light] for c in by_unit.values()) for light in LIGHTS}


def overdue_by_unit(tasks, as_of: dt.date) -> dict[int | None, dict[str, int]]:
    """The overdue active tasks per lead unit, {lead unit id: {"red": n}}, in one query."""
    overdue = active_on(tasks, as_of).filter(**{f"{history.DEADLINE}__lt": as_of})
    grouped = overdue.order_by().values_list("lead_unit_id").annotate(n=Count("pk"))
    return {unit: {"red": n} for unit, n in grouped}


def most_overdue(by_unit: dict[int | None, dict[str, int]], n: int = TOP_UNITS) -> list[dict]:
    """The ``n`` lead units with the most overdue tasks (``lights_by_unit`` or
    ``overdue_by_unit``), ties by name: one query for the names of the units that can be
    among them."""
    from mingzhu.org.models import OrgUnit

    overdue = sorted(
        ((c["red"], unit) for unit, c in by_unit.items() if c["red"] and unit is not None),
        reverse=True,
    )
    if not overdue:
        return []
    least = overdue[min(n, len(overdue)) - 1][0]  # units tied with the n-th can be in
    candidates = {unit: red for red, unit in overdue if red >= least}
    names = dict(OrgUnit.objects.filter(pk__in=candidates).values_list("pk", "name"))
    ranked = sorted(candidates.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    return [{"name": names.get(unit, ""), "overdue": red} for unit, red in ranked[:n]]


def pie(series_name: str, slices: list[tuple[str, int, str | None]]) -> dict:
    """An ECharts option for a pie of (label, value, colour) slices."""
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}: {c} ({d}%)"},
        # The figures are listed beside the chart: the legend names the slices.
        "legend": {"bottom": 0, "type": "scroll"},
        "series": [
            {
                "name": series_name,
                "type": "pie",
                "radius": ["35%", "65%"],
                "center": ["50%", "44%"],
                "label": {"show": False},
                "data": [
                    {"name": label, "value": value, **({"itemStyle": {"color": c}} if c else {})}
                    for label, value, c in slices
                ],
            }
        ],
    }


@register("tasks", 30, topics=("tasks",))
def tasks_panel(user, as_of: dt.date) -> Panel | None:
    """Open tasks by light, the overdue count, this quarter's supervision sheets by level
    and the units with the most overdue tasks, in a fixed number of queries: the lights
    per lead unit (one query for each part of a scope of several fields, see
    ``lights_by_unit``; without covering indexes, the lights in one query and the overdue
    tasks per unit in another); whether any task exists, only when none is open; the
    names of the units with the most overdue tasks, only when some are; the sheets, only
    for those who may read them, again one query a part (core.scope.count_by_in_parts).

    On a past ``as_of`` the tasks are those that existed at the end of that day, in the
    state they were in then (tasks.history: read from their events), lit by the rules on
    that day; the sheets are those issued in that day's quarter up to the day.

    Those who only follow the tasks raised for them (``tasks.view_task`` without
    ``change_task``: an enterprise, a grid worker; the task ledger is not in their menu)
    see the panel only when their scope holds tasks: an empty box of lights says nothing
    to them."""
    if not user.has_perm("tasks.view_task"):
        return None
    panel = Panel(
        key="tasks",
        title=_("Task lights"),
        template="cockpit/panels/tasks.html",
        link=reverse("tasks:task_list"),
    )
    tasks = Task.objects.restrict(user, "view")
    # The totals and the units with most overdue tasks from the same rows per unit (a past
    # day's record, where it answers the scope); else (per_unit) the totals in one query
    # and the overdue tasks per unit only when some are.
    by_unit = recorded_lights(tasks, as_of)
    if by_unit is None and per_unit(tasks):
        by_unit = lights_by_unit(tasks, as_of)
    counts = _totals(by_unit) if by_unit is not None else light_counts(tasks, as_of)
    if not any(counts.values()) and not exists_in_parts(history.existed(tasks, as_of)):
        if not user.has_perm("tasks.change_task"):
            return None
        panel.empty = True
        panel.empty_message = _("No tasks in your scope yet.")
        return panel
    lights = [
        (Light.RED, counts["red"]),
        (Light.YELLOW, counts["yellow"]),
        (Light.GREEN, counts["green"]),
    ]
    top_units = []
    if counts["red"]:
        top_units = most_overdue(by_unit if by_unit is not None else overdue_by_unit(tasks, as_of))
    sheets = None
    if user.has_perm("tasks.view_supervisionsheet"):
        # A town reads the sheets of tasks it leads or issued: an OR that no index
        # answers, counted in its two disjoint parts instead (one query each).
        by_level = count_by_in_parts(
            SupervisionSheet.objects.restrict(user, "view").filter(
                issued_on__gte=quarter_start(as_of), issued_on__lte=as_of
            ),
            "level",
        )
        sheets = [(level, level.label, by_level.get(level.value, 0)) for level in SheetLevel]
    panel.context = {
        "as_of": as_of,
        "quarter": quarter_of(as_of),
        "open": sum(n for _light, n in lights),
        "overdue": counts["red"],
        "lights": [(light, light.label, n) for light, n in lights],
        "sheets": sheets,
        "top_units": top_units,
        "chart": pie(
            _("Open tasks"),
            [(str(light.label), n, LIGHT_COLOURS[light]) for light, n in lights],
        ),
    }
    return panel


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def day_begins(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day``, local time (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@register("grid", 40, topics=("grid", "tasks"))
def grid_panel(user, as_of: dt.date) -> Panel | None:
    """Grid events reported this month (up to ``as_of``) by derived status, and the
    on-time closure rate of the cases due this month: two queries, a third only to tell
    "nothing this month" from "nothing at all".

    The status is the event's status at the end of ``as_of``: its filing decision if it
    was taken by then (else awaiting filing) and its task's status then (tasks.history).
    The rate is the task engine's (tasks.services.unit_metrics: closed on time / (due in
    the period − deferred)) over the tasks as they stood on ``as_of``.
    """
    if not user.has_perm("grid.view_gridevent"):
        return None
    panel = Panel(
        key="grid",
        title=_("Grid events this month"),
        template="cockpit/panels/grid.html",
        link=reverse("grid:gridevent_list"),
    )
    events = GridEvent.objects.restrict(user, "view")
    start = month_start(as_of)
    until = day_begins(as_of + dt.timedelta(days=1))
    task = history.state_expressions(as_of, "task__")
    decision = (
        Case(
            When(decided_at__gte=until, then=Value(Decision.PENDING)),
            default=F("decision"),
        )
        if history.is_past(as_of)
        else F("decision")
    )
    # A range on the column itself (not its date): the database compares, no function
    # runs per row.
    groups = (
        events.filter(reported_at__gte=day_begins(start), reported_at__lt=until)
        .annotate(decision_then=decision, task_status_then=task[history.STATUS])
        .order_by()
        .values_list("decision_then", "task_status_then")
        .annotate(n=Count("pk"))
    )
    by_status = dict.fromkeys(EventStatus, 0)
    for decision_then, task_status, n in groups:
        by_status[EventStatus(grid_services.status_of(decision_then, task_status))] += n
    reported = sum(by_status.values())
    if not reported:
        panel.empty = True
        panel.empty_message = (
            _("No grid events reported this month.")
            if events.filter(reported_at__lt=until).exists()
            else _("No grid events in your scope yet.")
        )
        return panel
    original, deadline = task[history.ORIGINAL_DEADLINE], task[history.DEADLINE]
    cases = (
        events.annotate(
            status_then=task[history.STATUS],
            deadline_then=deadline,
            original_then=original,
            closed_then=task[history.CLOSED_ON],
        )
        .filter(status_then__isnull=False)
        # Due in the month: by the original deadline when it was extended, else by the
        # deadline; one range on their COALESCE, which today an index answers
        # (``task_due_on``) instead of a read of every task.
        .alias(due_then=Coalesce(original, deadline))
        .filter(due_then__gte=start, due_then__lte=as_of)
        .values_list("status_then", "deadline_then", "original_then", "closed_then")
    )
    facts = (
        task_services.TaskFacts(
            unit_id=0,
            status=status,
            deadline=deadline,
            original_deadline=original,
            closed_on=closed_on,
        )
        for status, deadline, original, closed_on in cases.order_by()
    )
    metrics = task_services.unit_metrics(facts, start, as_of)
    panel.context = {
        "month": start,
        "reported": reported,
        "statuses": [(s, s.label, n) for s, n in by_status.items() if n],
        "due": metrics[0]["due"] if metrics else 0,
        "on_time_rate": metrics[0]["on_time_rate"] if metrics else None,
        "metrics_url": reverse("grid:metrics") + f"?from={start}&to={as_of}",
        "chart": pie(
            _("Grid events"), [(str(s.label), n, None) for s, n in by_status.items() if n]
        ),
    }
    return panel
