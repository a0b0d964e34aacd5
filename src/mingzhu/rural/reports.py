"""Builds the input of the pure computations (services) from the database, a fixed
number of queries each, and names the results for pages, the API and the notice."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Sum

from mingzhu.core import periods
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit, unit_names
from mingzhu.tasks import history

from . import services
from .models import (
    Facility,
    FacilityFault,
    Remediation,
    RemediationProgramme,
    ScoringItem,
    VillageInspection,
)


def _as_dict(row: services.RankRow, names: dict) -> dict:
    return {
        "id": row.unit_id,
        "name": names.get(row.unit_id, ""),
        "score": row.score,
        "rank": row.rank,
        "inspections": row.inspections,
    }


def quarterly_ranking(year: int, quarter: int, user=None, until: dt.date | None = None) -> dict:
    """The quarter's ranking of every village and town of the city (the notice ranks
    them all); with a user, only the rows in the user's scope are returned, with their
    city-wide ranks. With ``until``: only the inspections made by that day."""
    start, end = periods.quarter_bounds(year, quarter)
    if until is not None:
        end = min(end, until)
    villages = list(
        OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True)
        .order_by("path")
        .values_list("pk", "parent_id")
    )
    maxima = dict(
        ScoringItem.objects.values("sheet").annotate(m=Sum("points")).values_list("sheet", "m")
    )
    inspections = _per_inspection(start, end, maxima)
    village_rows, town_rows = services.rank_villages(villages, inspections)
    names = unit_names([v for v, _t in villages] + [t for _v, t in villages])
    town_of = dict(villages)
    result_villages = [
        {**_as_dict(r, names), "town": names.get(town_of[r.unit_id], "")} for r in village_rows
    ]
    result_towns = [_as_dict(r, names) for r in town_rows]
    if user is not None:
        visible = set(
            units_in_scope(user, "rural.view_villageinspection").values_list("pk", flat=True)
        )
        result_villages = [r for r in result_villages if r["id"] in visible]
        result_towns = [r for r in result_towns if r["id"] in visible]
    return {
        "year": year,
        "quarter": quarter,
        "start": start,
        "end": end,
        "villages": result_villages,
        "towns": result_towns,
    }


def _per_inspection(start, end, maxima) -> list[services.InspectionRow]:
    rows = (
        VillageInspection.objects.filter(inspected_on__range=(start, end))
        .order_by()
        .values("pk", "village_id", "sheet_id")
        .annotate(total=Sum("scores__score"))
    )
    return [
        services.InspectionRow(r["village_id"], r["total"] or 0, maxima[r["sheet_id"]])
        for r in rows
        if maxima.get(r["sheet_id"])
    ]


def environment_progress(
    programme: RemediationProgramme, user, as_of: dt.date | None = None
) -> dict:
    """Completed natural villages by village and town, against the programme's target,
    over the natural villages in the user's scope. With ``as_of``: the items' tasks in
    the state they had at the end of that day (tasks.history)."""
    perm = "rural.view_remediation"
    units = units_in_scope(user, perm)
    naturals = list(
        units.filter(kind=UnitKind.NATURAL_VILLAGE)
        .order_by("path")
        .values_list("pk", "parent_id", "parent__parent_id", "name")
    )
    status = (
        history.state_expressions(as_of, "task__")[history.STATUS]
        if as_of is not None
        else F("task__status")
    )
    items = (
        restrict(Remediation.objects.filter(programme=programme), user, "view")
        .annotate(status_then=status)
        .values_list("natural_village_id", "category", "status_then", "task_id")
    )
    by_nv: dict = {}
    for nv, category, status, task_id in items:
        by_nv.setdefault(nv, {})[category] = (status, task_id)
    completed = services.completed_natural_villages(
        (nv, status) for nv, cats in by_nv.items() for status, _t in cats.values()
    )
    shares = services.completion_shares(
        [(nv, v, t) for nv, v, t, _n in naturals], completed, programme.target_share
    )
    names = unit_names([v for _nv, v, _t, _n in naturals] + [t for _nv, _v, t, _n in naturals])
    naturals_rows = [
        {
            "id": nv,
            "name": name,
            "village": names.get(v, ""),
            "completed": nv in completed,
            "items": by_nv.get(nv, {}),
        }
        for nv, v, _t, name in naturals
    ]

    def named(share):
        return {
            "id": share.unit_id,
            "name": names.get(share.unit_id, ""),
            "completed": share.completed,
            "total": share.total,
            "share": share.share,
            "meets_target": share.meets_target,
        }

    return {
        "villages": [named(s) for s in shares["villages"]],
        "towns": [named(s) for s in shares["towns"]],
        "city": named(shares["city"][0]),
        "naturals": naturals_rows,
    }


def facilities_and_repairs(user, as_of: dt.date, historical: bool = False):
    """The facilities in use and the faults with a task (each with its task's
    ``status_then``, ``deadline_then`` and ``closed_then``) in the user's scope.

    ``historical``: as they stood at the end of ``as_of`` — the facilities recorded by
    then (with their maintainer now: a facility keeps no history of maintainers), the
    faults reported by then with their tasks' state then (tasks.history)."""
    facilities = restrict(Facility.objects.filter(is_active=True), user, "view")
    faults = restrict(FacilityFault.objects.filter(task__isnull=False), user, "view")
    state = {
        "status_then": F("task__status"),
        "deadline_then": F("task__deadline"),
        "closed_then": F("task__closed_on"),
    }
    if historical:
        until = history.day_ends(as_of)
        facilities = facilities.filter(created_at__lt=until)
        faults = faults.filter(reported_at__lt=until)
        expressions = history.state_expressions(as_of, "task__")
        state = {
            "status_then": expressions[history.STATUS],
            "deadline_then": expressions[history.DEADLINE],
            "closed_then": expressions[history.CLOSED_ON],
        }
    return facilities, faults.annotate(**state).filter(status_then__isnull=False)


def facility_stats(
    user, start: dt.date, end: dt.date, as_of: dt.date, historical: bool = False
) -> dict:
    """Coverage (facilities with a maintainer) and on-time repairs, by town and type, as
    they stand now or (``historical``) at the end of ``as_of``: facilities_and_repairs."""
    from .models import FacilityType

    facilities, faults = facilities_and_repairs(user, as_of, historical)
    cover_rows = facilities.values_list("village__parent_id", "type_id", "maintainer_id")
    cover = services.coverage((t, k, m is not None) for t, k, m in cover_rows)
    repair_rows = [
        services.RepairRow(*r)
        for r in faults.values_list(
            "facility__village__parent_id",
            "facility__type_id",
            "status_then",
            "deadline_then",
            "closed_then",
        )
    ]
    repairs = services.on_time_repairs(repair_rows, start, end, as_of)
    town_ids = set(cover["towns"]) | set(repairs["towns"])
    names = unit_names(town_ids)
    types = dict(FacilityType.objects.values_list("pk", "name"))
    empty_cover = {"covered": 0, "total": 0, "rate": None}
    empty_repair = {"on_time": 0, "due": 0, "rate": None, "overdue_open": 0}

    def table(keys, label):
        return [
            {
                "id": k,
                "name": label.get(k, ""),
                "cover": cover[kind].get(k, empty_cover),
                "repair": repairs[kind].get(k, empty_repair),
            }
            for kind, k in keys
        ]

    town_order = sorted(town_ids, key=lambda k: names.get(k, ""))
    type_order = [k for k in types if k in cover["types"] or k in repairs["types"]]
    return {
        "towns": table([("towns", k) for k in town_order], names),
        "types": table([("types", k) for k in type_order], types),
        "city": {"cover": cover["city"], "repair": repairs["city"]},
    }
