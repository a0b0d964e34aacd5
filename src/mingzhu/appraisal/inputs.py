"""The input tables of the two default schemes.

Towns: pure ``town_items`` over plain project rows; ``town_inputs`` reads them from the
database in a handful of queries. Departments: the task engine's metrics
(``tasks.metrics``) over the tasks of factor requests and enterprise demands led by a
department, with the satisfaction of the answers where the source module records it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from mingzhu.core.periods import quarter_bounds
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.choices import SourceKind, Status
from mingzhu.tasks.metrics import metrics_for
from mingzhu.tasks.models import Task

from .scoring import UnitInput

YI = Decimal(10_000)  # 万元 in 1 亿元
THIRTY_YI = Decimal(300_000)
FIFTY_YI = Decimal(500_000)
COMPLETION_CAP = 1.5

TOWN_ITEMS = (
    "signed_investment",
    "signed_major_count",
    "started_major_count",
    "investment_completion",
    "completed_count",
    "inspection_score",
)
TOWN_COUNTS = ("signed_30yi_count", "signed_50yi_count")
DEPARTMENT_ITEMS = ("on_time_rate", "satisfaction_rate", "acceptance_rate", "rework_rate")
DEPARTMENT_SOURCES = (SourceKind.FACTOR_REQUEST, SourceKind.DEMAND)


@dataclass(frozen=True)
class ProjectRow:
    town: str  # the town's code
    total: Decimal  # 万元
    signed_on: dt.date | None = None
    started_on: dt.date | None = None
    completed_on: dt.date | None = None


def town_items(
    towns: Iterable[tuple[str, str]],
    projects: Iterable[ProjectRow],
    planned: dict[str, Decimal],
    completed: dict[str, Decimal],
    inspection_scores: Iterable[tuple[str, Decimal]],
    year: int,
    quarter: int,
) -> list[UnitInput]:
    """The items of the towns' scheme for one quarter.

    ``planned``: each town's planned investment for the year (万元); ``completed``: what
    its projects completed from January to the quarter's last month; year-to-date plan
    is the annual plan times the months elapsed over 12. ``inspection_scores``: (town,
    score) of every project scored on an inspection in the quarter.
    """
    start, end = quarter_bounds(year, quarter)
    in_q = lambda day: day is not None and start <= day <= end  # noqa: E731
    items: dict[str, dict[str, float]] = {}
    counts: dict[str, dict[str, float]] = {}
    names = dict(towns)
    for code in names:
        items[code] = dict.fromkeys(TOWN_ITEMS, 0.0)
        counts[code] = dict.fromkeys(TOWN_COUNTS, 0.0)
    signed_total: dict[str, Decimal] = defaultdict(Decimal)
    for p in projects:
        if p.town not in names:
            continue
        row, count = items[p.town], counts[p.town]
        if in_q(p.signed_on):
            signed_total[p.town] += p.total
            if p.total >= YI:
                row["signed_major_count"] += 1
            if THIRTY_YI <= p.total < FIFTY_YI:
                count["signed_30yi_count"] += 1
            elif p.total >= FIFTY_YI:
                count["signed_50yi_count"] += 1
        if in_q(p.started_on) and p.total >= YI:
            row["started_major_count"] += 1
        if in_q(p.completed_on):
            row["completed_count"] += 1
    scores: dict[str, list[Decimal]] = defaultdict(list)
    for town, value in inspection_scores:
        scores[town].append(Decimal(value))
    months = 3 * quarter
    for code in names:
        items[code]["signed_investment"] = float(round(signed_total[code] / YI, 4))
        plan = Decimal(planned.get(code) or 0) * months / 12
        done = Decimal(completed.get(code) or 0)
        items[code]["investment_completion"] = float(round(done / plan, 4)) if plan > 0 else 0.0
        if scores[code]:
            items[code]["inspection_score"] = float(round(sum(scores[code]) / len(scores[code]), 2))
    return [UnitInput(code, names[code], items[code], counts[code]) for code in names]


def towns() -> QuerySet:
    return OrgUnit.objects.filter(kind__in=TOWN_KINDS, is_active=True).order_by(
        "sort_order", "code"
    )


def town_inputs(year: int, quarter: int) -> list[UnitInput]:
    """Read the towns' items for the quarter from the project records."""
    from django.db.models import Q, Sum

    from mingzhu.projects.models import InspectionScore, InvestmentPlan, MonthlyInvestment, Project

    start, end = quarter_bounds(year, quarter)
    units = list(towns().values_list("pk", "code", "name"))
    code_of = {pk: code for pk, code, _name in units}
    rows = [
        ProjectRow(code_of.get(t), total, s, st, c)
        for t, total, s, st, c in Project.objects.filter(town__in=list(code_of))
        .filter(
            Q(signed_on__range=(start, end))
            | Q(started_on__range=(start, end))
            | Q(completed_on__range=(start, end))
        )
        .values_list("town_id", "total_investment", "signed_on", "started_on", "completed_on")
    ]
    planned = {
        code_of[t]: v
        for t, v in InvestmentPlan.objects.filter(year=year, project__town__in=list(code_of))
        .values_list("project__town")
        .annotate(v=Sum("planned"))
        .order_by()
    }
    completed = {
        code_of[t]: v
        for t, v in MonthlyInvestment.objects.filter(
            year=year, month__lte=3 * quarter, project__town__in=list(code_of)
        )
        .values_list("project__town")
        .annotate(v=Sum("completed"))
        .order_by()
    }
    scores = [
        (code_of[t], s)
        for t, s in InspectionScore.objects.filter(
            inspection__date__gte=start, inspection__date__lte=end, project__town__in=list(code_of)
        ).values_list("project__town", "score")
    ]
    return town_items(
        [(code, name) for _pk, code, name in units],
        rows,
        planned,
        completed,
        scores,
        year,
        quarter,
    )


# How satisfied the answering side left the requester, per source kind: a function of
# (tasks, start, end) giving (lead unit id, satisfied?) for each rated task closed in the
# period. The projects module's factor requests are read here; a module whose tasks carry
# a rating of their own (enterprise demands) registers its reader in its AppConfig.ready().
SATISFACTION_SOURCES: dict[str, Callable[[QuerySet, dt.date, dt.date], list[tuple[int, bool]]]] = {}


def _factor_request_ratings(tasks: QuerySet, start: dt.date, end: dt.date):
    from mingzhu.projects.choices import Satisfaction
    from mingzhu.projects.models import FactorRequest

    rows = FactorRequest.objects.filter(
        task__in=tasks, task__closed_on__gte=start, task__closed_on__lte=end
    ).exclude(satisfaction="")
    return [
        (unit, s != Satisfaction.UNSATISFIED)
        for unit, s in rows.values_list("task__lead_unit", "satisfaction")
    ]


SATISFACTION_SOURCES[SourceKind.FACTOR_REQUEST] = _factor_request_ratings


def department_items(
    metrics: Iterable[dict],
    ratings: Iterable[tuple[int, bool]],
    units: dict[int, tuple[str, str]],
) -> list[UnitInput]:
    """The departments' items from the engine's unit metrics and the (unit, satisfied)
    ratings; a department without any assigned, due or rated task is left out."""
    satisfied: dict[int, list[bool]] = defaultdict(list)
    for unit, ok in ratings:
        satisfied[unit].append(bool(ok))
    by_unit = {m["unit"]: m for m in metrics}
    result = []
    for pk in sorted(set(by_unit) | set(satisfied), key=lambda k: units.get(k, ("", ""))[0]):
        if pk not in units:
            continue
        m = by_unit.get(pk, {})
        if not (m.get("assigned") or m.get("due") or satisfied.get(pk)):
            continue
        rated = satisfied.get(pk, [])
        code, name = units[pk]
        result.append(
            UnitInput(
                code,
                name,
                {
                    "on_time_rate": m.get("on_time_rate"),
                    "satisfaction_rate": round(sum(rated) / len(rated), 4) if rated else None,
                    "acceptance_rate": m.get("acceptance_rate"),
                    "rework_rate": m.get("rework_rate"),
                },
            )
        )
    return result


def department_tasks() -> QuerySet:
    return Task.objects.filter(
        source_kind__in=DEPARTMENT_SOURCES, lead_unit__kind=UnitKind.DEPARTMENT
    ).exclude(status__in=[Status.DRAFT, Status.CANCELLED])


def department_inputs(year: int, quarter: int) -> list[UnitInput]:
    start, end = quarter_bounds(year, quarter)
    tasks = department_tasks()
    metrics = metrics_for(tasks, start, end)
    ratings = []
    for kind in DEPARTMENT_SOURCES:
        reader = SATISFACTION_SOURCES.get(kind)
        if reader is not None:
            ratings += reader(tasks.filter(source_kind=kind), start, end)
    units = {
        pk: (code, name)
        for pk, code, name in OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT).values_list(
            "pk", "code", "name"
        )
    }
    return department_items(metrics, ratings, units)
