"""The rural panel of the leaders' cockpit: natural villages completed against the
programme's target, the quarter's top villages, facility coverage and overdue repairs.

The city's figures are counted in the database (``city_completion``, ``city_facilities``:
one aggregate query each, whatever the number of natural villages, facilities and
faults); they are the city rows of the pages' reports (rural.reports
``environment_progress`` and ``facility_stats``), which the tests compare them with."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register
from mingzhu.core import periods
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.org.choices import UnitKind
from mingzhu.tasks import history
from mingzhu.tasks.choices import Status

from . import reports, services
from .models import Remediation, RemediationProgramme


def city_completion(programme: RemediationProgramme, user, as_of: dt.date | None) -> dict:
    """``environment_progress(programme, user, as_of)["city"]`` in one query: the natural
    villages in the user's scope, and those all of whose live (not cancelled) items'
    tasks were closed (at the end of ``as_of`` when given, else now)."""
    status = (
        history.state_expressions(as_of, "task__")[history.STATUS]
        if as_of is not None
        else F("task__status")
    )
    flag = IntegerField()
    items = (
        restrict(Remediation.objects.filter(programme=programme), user, "view")
        .annotate(status_then=status)
        .annotate(
            live=Case(When(status_then=Status.CANCELLED, then=Value(0)), default=Value(1)),
            still_open=Case(
                When(status_then__in=(Status.CLOSED, Status.CANCELLED), then=Value(0)),
                default=Value(1),
            ),
        )
        .order_by()
        .values("natural_village_id")
        .annotate(
            live_n=Sum("live", output_field=flag), open_n=Sum("still_open", output_field=flag)
        )
        .filter(live_n__gt=0, open_n=0)
        .values("natural_village_id")
    )
    counts = (
        units_in_scope(user, "rural.view_remediation")
        .filter(kind=UnitKind.NATURAL_VILLAGE)
        .order_by()
        .aggregate(total=Count("pk"), done=Count("pk", filter=Q(pk__in=items)))
    )
    share = services.Share(None, counts["done"], counts["total"], programme.target_share)
    return {
        "id": None,
        "name": "",
        "completed": share.completed,
        "total": share.total,
        "share": share.share,
        "meets_target": share.meets_target,
    }


def city_facilities(user, start: dt.date, as_of: dt.date, historical: bool) -> dict:
    """``facility_stats(user, start, as_of, as_of, historical)["city"]`` in two queries:
    the coverage of the facilities in use, and the repairs due from ``start`` to
    ``as_of`` (on time, due, still open past the deadline)."""
    facilities, faults = reports.facilities_and_repairs(user, as_of, historical)
    cover = facilities.order_by().aggregate(
        covered=Count("pk", filter=Q(maintainer__isnull=False)), total=Count("pk")
    )
    due = Q(deadline_then__lt=as_of) | Q(status_then=Status.CLOSED)
    repairs = (
        faults.filter(deadline_then__gte=start, deadline_then__lte=as_of)
        .exclude(status_then=Status.CANCELLED)
        .order_by()
        .aggregate(
            due=Count("pk", filter=due),
            on_time=Count(
                "pk",
                filter=due
                & Q(
                    status_then=Status.CLOSED,
                    closed_then__isnull=False,
                    closed_then__lte=F("deadline_then"),
                )
                & Q(closed_then__lte=as_of),
            ),
            overdue_open=Count(
                "pk", filter=~Q(status_then=Status.CLOSED) & Q(deadline_then__lt=as_of)
            ),
        )
    )
    return {
        "cover": {
            "covered": cover["covered"],
            "total": cover["total"],
            "rate": services.rate(cover["covered"], cover["total"]),
        },
        "repair": {
            "on_time": repairs["on_time"],
            "due": repairs["due"],
            "rate": services.rate(repairs["on_time"], repairs["due"]),
            "overdue_open": repairs["overdue_open"],
        },
    }


@register("rural", 70, topics=("tasks",))
def rural_panel(user, as_of: dt.date) -> Panel | None:
    """As of a day: the programme begun by then with the natural villages completed by
    then (their items' tasks closed then), the ranking of that day's quarter over the
    inspections made by then, and the facilities and repairs as they stood then."""
    if not user.has_perm("rural.view_villageinspection"):
        return None
    past = history.is_past(as_of)
    programme = (
        RemediationProgramme.objects.filter(start_date__lte=as_of).order_by("-start_date").first()
    )
    city = city_completion(programme, user, as_of if past else None) if programme else None
    year, quarter = periods.quarter_of(as_of)
    ranking = reports.quarterly_ranking(year, quarter, user, until=as_of)
    ranked = [r for r in ranking["villages"] if r["rank"] is not None]
    facilities = city_facilities(user, dt.date(as_of.year, 1, 1), as_of, historical=past)
    empty = city is None and not ranked and not facilities["cover"]["total"]
    return Panel(
        key="rural",
        title=_("Rural revitalisation"),
        template="rural/_cockpit_panel.html",
        context={
            "programme": programme,
            "city": city,
            "quarter": f"{year}Q{quarter}",
            "top": ranked[:3],
            "not_inspected": sum(1 for r in ranking["villages"] if r["rank"] is None),
            "facilities": facilities,
        },
        empty=empty,
        empty_message=_("No rural data in your scope yet."),
        link=reverse("rural:environment"),
        width=6,
    )
