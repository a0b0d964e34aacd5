"""The rural panel of the leaders' cockpit: natural villages completed against the
programme's target, the quarter's top villages, facility coverage and overdue repairs."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register
from mingzhu.core import periods
from mingzhu.tasks import history

from . import reports
from .models import RemediationProgramme


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
    progress = (
        reports.environment_progress(programme, user, as_of if past else None)
        if programme
        else None
    )
    year, quarter = periods.quarter_of(as_of)
    ranking = reports.quarterly_ranking(year, quarter, user, until=as_of)
    ranked = [r for r in ranking["villages"] if r["rank"] is not None]
    start = dt.date(as_of.year, 1, 1)
    facilities = reports.facility_stats(user, start, as_of, as_of, historical=past)["city"]
    empty = progress is None and not ranked and not facilities["cover"]["total"]
    return Panel(
        key="rural",
        title=_("Rural revitalisation"),
        template="rural/_cockpit_panel.html",
        context={
            "programme": programme,
            "city": progress["city"] if progress else None,
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
