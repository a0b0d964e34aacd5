"""A demand's derived status, and the three rates per department built from the task
engine's tasks (one query) for the pure ``services.demand_rates``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, OuterRef, Q, QuerySet, Subquery, Value, When

from mingzhu.org.models import unit_names
from mingzhu.tasks.backed import reopened_expression
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.services import add_working_days

from . import services
from .choices import DemandStatus, Rating

HANDLING = (T.ACCEPTED, T.IN_PROGRESS, T.DEFERRED, T.RETURNED)
# The task states in which a reopened demand shows as reopened.
OPEN = (T.DRAFT, T.ASSIGNED, *HANDLING)


def status_of(task_status: str | None, reopened: bool) -> str:
    if task_status is None:
        return DemandStatus.PENDING
    if task_status in (T.DRAFT, T.ASSIGNED):
        return DemandStatus.REOPENED if reopened else DemandStatus.ASSIGNED
    if task_status in HANDLING:
        return DemandStatus.REOPENED if reopened else DemandStatus.HANDLING
    if task_status == T.CLOSURE_REQUESTED:
        return DemandStatus.REPLIED
    if task_status == T.CLOSED:
        return DemandStatus.CLOSED
    return DemandStatus.CANCELLED


def status_expression():
    """``status_of`` in SQL, for ``Demand.objects.with_status``; whether the demand was
    reopened is read from its task's rating events."""
    return Case(
        When(task__isnull=True, then=Value(DemandStatus.PENDING)),
        When(Q(reopened_expression(), task__status__in=OPEN), then=Value(DemandStatus.REOPENED)),
        When(task__status__in=(T.DRAFT, T.ASSIGNED), then=Value(DemandStatus.ASSIGNED)),
        When(task__status__in=HANDLING, then=Value(DemandStatus.HANDLING)),
        When(task__status=T.CLOSURE_REQUESTED, then=Value(DemandStatus.REPLIED)),
        When(task__status=T.CLOSED, then=Value(DemandStatus.CLOSED)),
        default=Value(DemandStatus.CANCELLED),
        output_field=CharField(),
    )


def status_filter(queryset: QuerySet, status: str) -> QuerySet:
    """Demands whose derived status is ``status`` (one condition)."""
    return queryset.with_status(status)


def respond_within(day: dt.date) -> dt.date:
    return add_working_days(day, 1)


def demand_rates(demands: QuerySet, start: dt.date, end: dt.date) -> list[dict]:
    """The three rates per department for the demands given (already restricted), with
    the department's name; best satisfaction first."""
    from mingzhu.tasks import history

    from .models import DemandRating

    # As known at the end of ``end``: the ratings given by then, the tasks' state then.
    latest = DemandRating.objects.filter(
        demand=OuterRef("pk"), rated_at__lt=history.day_ends(end)
    ).order_by("-round", "-pk")
    state = history.state_expressions(end, "task__")
    rows = (
        demands.filter(task__isnull=False, task__assigned_on__range=(start, end))
        .order_by()
        .annotate(
            status_then=state[history.STATUS],
            closed_then=state[history.CLOSED_ON],
            rating=Subquery(latest.values("rating")[:1]),
        )
        .values(
            "task__lead_unit_id",
            "task__assigned_on",
            "task__accepted_on",
            "closed_then",
            "status_then",
            "rating",
        )
    )
    facts = [
        services.DemandFacts(
            department_id=r["task__lead_unit_id"],
            assigned_on=r["task__assigned_on"],
            accepted_on=r["task__accepted_on"],
            closed_on=r["closed_then"],
            status=r["status_then"],
            rating=r["rating"],
        )
        for r in rows
    ]
    result = services.demand_rates(facts, start, end, respond_within=respond_within)
    names = unit_names(r["department"] for r in result)
    for r in result:
        r["name"] = names.get(r["department"], "")
    result.sort(key=lambda r: (-(r["satisfaction_rate"] or 0), r["name"]))
    return result


def assessment_ratings(tasks: QuerySet, start: dt.date, end: dt.date) -> list[tuple[int, bool]]:
    """The department assessment's reader of demand ratings (registered in the AppConfig
    in ``appraisal.inputs.SATISFACTION_SOURCES``): (lead unit id, satisfied?) for every
    demand among ``tasks`` whose task closed in start..end with a rating, by its last
    rating (a demand reopened once is rated twice); 满意 and 基本满意 count as satisfied,
    as on the demands' rates page."""
    from .models import Demand, DemandRating

    latest = DemandRating.objects.filter(demand=OuterRef("pk")).order_by("-round", "-pk")
    rows = (
        Demand.objects.filter(task__in=tasks, task__closed_on__range=(start, end))
        .annotate(rating=Subquery(latest.values("rating")[:1]))
        .filter(rating__isnull=False)
        .order_by("pk")
        .values_list("task__lead_unit", "rating")
    )
    return [(unit, rating != Rating.DISSATISFIED) for unit, rating in rows]


def totals(rows: list[dict]) -> dict:
    """The city's (or the caller's scope's) overall rates over the department rows."""
    keys = ("assigned", "responded", "resolved", "rated", "satisfied")
    sums = {k: sum(r[k] for r in rows) for k in keys}

    def rate(a, b):
        return round(sums[a] / sums[b], 4) if sums[b] else None

    return {
        **sums,
        "response_rate": rate("responded", "assigned"),
        "resolution_rate": rate("resolved", "assigned"),
        "satisfaction_rate": rate("satisfied", "rated"),
    }
