"""Builds the input of the pure services from the database (a query or two each)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from mingzhu.core import periods
from mingzhu.org.models import OrgUnit, unit_names
from mingzhu.tasks.choices import EventAction, SourceKind
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.models import Task, TaskEvent
from mingzhu.tasks.services import add_working_days, add_working_hours

from . import services
from .actions import limit_for
from .choices import AidReason, EntryKind, EntryStatus, RequestAction, RequestType
from .models import (
    Callback,
    CitizenRequest,
    FundEntry,
    RateWeights,
    RequestCategory,
    RequestEvent,
)


def request_tasks(requests: QuerySet) -> QuerySet:
    """The handling rounds (tasks) of the given requests."""
    return Task.objects.filter(
        source_kind=SourceKind.CITIZEN_REQUEST,
        content_type=ContentType.objects.get_for_model(CitizenRequest),
        object_id__in=requests.values("pk"),
    )


def round_facts(
    requests: QuerySet, start: dt.date, end: dt.date, contact_hours: int = 24
) -> list[services.RoundFacts]:
    """The facts of the rates for start..end: one per task dispatched in the period
    (cancelled rounds, i.e. returned requests, are left out) and one per callback made in
    it (a task reopened at its first callback is called back twice). A round's dispatch
    is the moment its task was assigned; its contact, the first 联系诉求人 recorded for it."""
    response_days = {t: limit_for(t)[2] for t in RequestType.values}
    kind = CitizenRequest.objects.filter(pk=OuterRef("object_id")).values("request_type")[:1]
    assigned_at = TaskEvent.objects.filter(task=OuterRef("pk"), action=EventAction.ASSIGN).order_by(
        "at"
    )
    contacted = RequestEvent.objects.filter(
        task=OuterRef("pk"), action=RequestAction.CONTACT
    ).order_by("at")
    dispatched = (
        request_tasks(requests)
        .exclude(status__in=[TaskStatus.CANCELLED, TaskStatus.DRAFT])
        .filter(assigned_on__range=(start, end))
        .annotate(
            request_type=Subquery(kind),
            assigned_at=Subquery(assigned_at.values("at")[:1]),
            contacted_at=Subquery(contacted.values("at")[:1]),
        )
        .values_list(
            "lead_unit_id",
            "assigned_on",
            "accepted_on",
            "request_type",
            "assigned_at",
            "contacted_at",
        )
    )
    facts = [
        services.RoundFacts(
            unit_id=unit_id,
            dispatched_on=assigned,
            response_due=add_working_days(assigned, response_days.get(rtype, 1)),
            accepted_on=accepted,
            contact_due=add_working_hours(timezone.localtime(sent), contact_hours)
            if sent
            else None,
            contacted_at=contact,
        )
        for unit_id, assigned, accepted, rtype, sent, contact in dispatched
    ]
    called = Callback.objects.filter(
        request__in=requests.values("pk"), called_at__date__range=(start, end)
    ).values_list("task__lead_unit_id", "called_at", "resolved", "satisfaction")
    facts += [
        services.RoundFacts(
            unit_id=unit_id,
            dispatched_on=None,
            response_due=None,
            called_back_on=timezone.localdate(called_at),
            resolved=resolved,
            satisfaction=satisfaction,
        )
        for unit_id, called_at, resolved, satisfaction in called
    ]
    return facts


def rates_for(requests: QuerySet, year: int, month: int) -> dict:
    """The three rates of each unit for the month, with the red and black lists."""
    start, end = periods.month_bounds(year, month)
    weights = RateWeights.current()
    w = (weights.response, weights.resolution, weights.satisfaction)
    facts = round_facts(requests, start, end, weights.contact_hours)
    rows = services.three_rates(facts, start, end, w)
    names = unit_names(r["unit"] for r in rows)
    for r in rows:
        r["name"] = names.get(r["unit"], "?")
    red, black = services.red_black(rows, weights.list_size, weights.min_cases)
    # The table in rank order: ranked units by place, then those not ranked.
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, -(r["composite"] or 0), r["unit"]))
    return {
        "start": start,
        "end": end,
        "weights": weights,
        "rows": rows,
        "red": red,
        "black": black,
    }


def hot_spots_for(requests: QuerySet, as_of: dt.date, window: int = services.HOT_SPOT_WINDOW_DAYS):
    """Hot spots (same place, same category, repeated) with names, and the counts of the
    window's requests by category and by town for the chart."""
    since = as_of - dt.timedelta(days=window)
    rows = list(
        requests.filter(received_at__date__gt=since, received_at__date__lte=as_of)
        .order_by()
        .values_list("village_id", "town_id", "category_id", "received_at")
    )
    places = np.array([v or t for v, t, _c, _r in rows], dtype=np.int64)
    cats = np.array([c for _v, _t, c, _r in rows], dtype=np.int64)
    days = np.array([timezone.localdate(r).toordinal() for *_x, r in rows], dtype=np.int64)
    spots = services.hot_spots(places, cats, days, as_of, window)
    all_names = dict(OrgUnit.objects.values_list("pk", "name"))
    categories = {c.pk: c for c in RequestCategory.objects.select_related("parent")}
    by_category: dict[str, int] = {}
    by_town: dict[str, int] = {}
    for _v, town, cat, _r in rows:
        category = categories.get(cat)
        top = (category.parent or category).name if category else "?"
        by_category[top] = by_category.get(top, 0) + 1
        name = all_names.get(town, "?")
        by_town[name] = by_town.get(name, 0) + 1
    return {
        "since": since,
        "spots": [
            {
                "place": all_names.get(p, "?"),
                "place_id": p,
                "category": str(categories[c]) if c in categories else "?",
                "category_id": c,
                "count": n,
            }
            for p, c, n in spots
        ],
        "by_category": sorted(by_category.items(), key=lambda kv: -kv[1]),
        "by_town": sorted(by_town.items(), key=lambda kv: -kv[1]),
    }


def fund_figures(fund) -> tuple[dict, list[tuple]]:
    """A fund's totals (donations, aid, balance) and its aid by reason, largest first,
    over its approved entries."""
    approved = FundEntry.objects.filter(fund=fund, status=EntryStatus.APPROVED)
    totals = services.fund_totals(approved.values_list("kind", "amount"))
    by_reason = services.aid_by_reason(
        approved.filter(kind=EntryKind.AID).values_list("reason", "amount")
    )
    return totals, services.largest_first(by_reason, dict(AidReason.choices))
