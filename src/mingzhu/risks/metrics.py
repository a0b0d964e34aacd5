"""Builds the input of the hazard computations from the database (one query each)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet

from mingzhu.core.scope import user_scope
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.models import OrgUnit, unit_names
from mingzhu.tasks import history

from . import services
from .choices import Domain
from .services import HazardFacts


def hazard_facts(hazards: QuerySet, as_of: dt.date | None = None) -> list[HazardFacts]:
    """The facts of the hazards with a rectification task; with a past ``as_of``, of the
    hazards found by then whose task existed then, in the state it had then
    (tasks.history)."""
    hazards = hazards.filter(task__isnull=False)
    if as_of is None:
        state = {
            "status_then": F("task__status"),
            "deadline_then": F("task__deadline"),
            "closed_then": F("task__closed_on"),
        }
    else:
        hazards = hazards.filter(found_on__lte=as_of)
        expressions = history.state_expressions(as_of, "task__")
        state = {
            "status_then": expressions[history.STATUS],
            "deadline_then": expressions[history.DEADLINE],
            "closed_then": expressions[history.CLOSED_ON],
        }
    rows = (
        hazards.annotate(**state)
        .filter(status_then__isnull=False)
        .order_by()
        .values_list(
            "pk",
            "title",
            "domain",
            "level",
            "unit_id",
            "owner",
            "measures",
            "deadline_then",
            "status_then",
            "deadline_then",
            "closed_then",
        )
    )
    return [HazardFacts(*r) for r in rows]


def towns_and_units(facts: list[HazardFacts]) -> tuple[list[OrgUnit], dict[int, int]]:
    """The towns, and the town of each hazard's unit (by the stored path), in one query."""
    ids = {f.unit_id for f in facts}
    found = list(
        OrgUnit.objects.filter(Q(kind__in=TOWN_KINDS) | Q(pk__in=ids))
        .order_by("sort_order", "pk")
        .only("pk", "path", "kind", "name", "short_name", "sort_order")
    )
    town_units = [u for u in found if u.kind in TOWN_KINDS]
    return town_units, unit_town([u for u in found if u.pk in ids], town_units)


def unit_town(units: list[OrgUnit], town_units: list[OrgUnit]) -> dict[int, int]:
    """The town of each unit (by the stored path)."""
    out = {}
    for unit in units:
        for town in town_units:
            if unit.path.startswith(town.path):
                out[unit.pk] = town.pk
                break
    return out


def _rows_shown(user, town_units: list[OrgUnit], counts) -> list[int]:
    """The rows of the heat map a user reads: every town and the city's departments for a
    city-wide scope; otherwise the towns of the scope and any row holding an open hazard
    the user may see (a town's staff are not shown the other towns' empty rows)."""
    everything = range(len(town_units) + 1)
    if user is None:
        return list(everything)
    scope = user_scope(user, "risks.view_hazard")
    if scope.everything:
        return list(everything)
    own = {
        i
        for i, town in enumerate(town_units)
        if town.pk in scope.unit_ids or any(town.path.startswith(p) for p in scope.subtree_paths)
    }
    return [i for i in everything if i in own or counts[i].any()]


def heat_map_data(facts: list[HazardFacts], user=None) -> dict:
    """What the ECharts heat map of the metrics page and the cockpit draws: towns (and the
    city's departments) × domains, the rows limited to what ``user`` reads."""
    town_units, town_of = towns_and_units(facts)
    domains = list(Domain.values)
    counts, scores = services.heat_map(facts, town_of, [t.pk for t in town_units], domains)
    from django.utils.translation import gettext as _

    names = [t.short_name or t.name for t in town_units] + [_("City departments")]
    shown = _rows_shown(user, town_units, counts)
    rows = [names[i] for i in shown]
    cells = [
        [j, row, float(scores[i, j]), int(counts[i, j])]
        for row, i in enumerate(shown)
        for j in range(len(domains))
    ]
    return {
        "towns": rows,
        "domains": [str(Domain(d).label) for d in domains],
        "cells": cells,
        "max": float(scores.max()) if scores.size else 0.0,
        "score_label": _("Risk score (major 3, serious 2, ordinary 1)"),
        "count_label": _("Open hazards"),
    }


def summary(hazards: QuerySet, start: dt.date, end: dt.date, as_of: dt.date) -> dict:
    """The hazards as they stood at the end of ``as_of`` (hazard_facts) and their rates."""
    facts = hazard_facts(hazards, as_of)
    return {
        "facts": facts,
        "knowable": services.knowable(facts),
        "controllable": services.controllable(facts, start, end, as_of),
        "overdue_major": services.overdue_major(facts, as_of),
        "open": sum(services.is_open(f) for f in facts),
        "major_open": sum(services.is_open(f) and f.level == "major" for f in facts),
    }


def rate_tables(
    facts: list[HazardFacts], start: dt.date, end: dt.date, as_of: dt.date
) -> tuple[list[dict], list[dict]]:
    """可知 and 可控 by domain (most open first) and by unit (most open first, then by
    name), as the metrics page lists them."""
    by_domain = services.rates_by(facts, lambda f: f.domain, start, end, as_of)
    by_unit = services.rates_by(facts, lambda f: f.unit_id, start, end, as_of)
    names = unit_names(by_unit)
    domain_rows = services.rate_rows(by_domain, lambda k: Domain(k).label)
    unit_rows = services.rate_rows(by_unit, names.get)
    return (
        sorted(domain_rows, key=lambda r: -r["open"]),
        sorted(unit_rows, key=lambda r: (-r["open"], r["name"])),
    )
