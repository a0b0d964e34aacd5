"""The enterprise panel of the leaders' cockpit: the latest year's per-mu classes, the
number of 百亿企业 and the demand rates ("中意百分百") of the year so far."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register
from mingzhu.tasks import history

from . import services
from .demands import demand_rates, totals
from .evaluation import visible_evaluations
from .models import (
    PRIMARY_SCHEME,
    AnnualData,
    Demand,
    Enterprise,
    MuEvaluation,
    MuResult,
    own_enterprise,
)

CLASS_COLOURS = {"A": "#198754", "B": "#0d6efd", "C": "#ffc107", "D": "#dc3545", "T": "#6c757d"}


def class_counts(results) -> dict[str, int]:
    rows = results.exclude(mu_class="").order_by().values("mu_class").annotate(n=Count("pk"))
    counts = dict.fromkeys(services.CLASSES, 0)
    for r in rows:
        counts[r["mu_class"]] = r["n"]
    return counts


@register("enterprises", 40, topics=("tasks",))
def enterprises_panel(user, as_of: dt.date) -> Panel | None:
    """As of a day: the latest per-mu evaluation run by then, the 百亿企业 of the latest
    year over by then with annual data, and the demand rates of that year so far as known
    at the end of the day (enterprises.demands.demand_rates)."""
    if not user.has_perm("enterprises.view_muresult"):
        return None
    # The latest evaluation run by then that the user may see: an enterprise sees only
    # published ones (enterprises.evaluation.sees_drafts), never a draft's classes.
    evaluation = (
        visible_evaluations(MuEvaluation.objects, user)
        .filter(run_at__lt=history.day_ends(as_of), scheme_code=PRIMARY_SCHEME)
        .order_by("-year")
        .first()
    )
    results = MuResult.objects.restrict(user)
    rates = totals(demand_rates(Demand.objects.restrict(user), dt.date(as_of.year, 1, 1), as_of))
    # An enterprise's own user: the city's counts (百亿企业, every enterprise's class)
    # mean nothing to it.
    own = own_enterprise(Enterprise.objects.restrict(user), user)
    if own is not None:
        return own_panel(own, results, evaluation, rates)
    counts = class_counts(results.filter(evaluation=evaluation)) if evaluation else {}
    # A year's figures exist once the year is over.
    latest_year = (
        AnnualData.objects.filter(year__lt=as_of.year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    hundred = (
        services.hundred_billion_count(
            AnnualData.objects.restrict(user)
            .filter(year=latest_year)
            .values_list("sales", flat=True)
        )
        if latest_year
        else None
    )
    chart = {
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "label": {"show": True, "formatter": "{b}: {c}"},
                # Only the classes that hold enterprises: an empty class is no slice, and
                # its label ("D: 0") would crowd the others (an enterprise sees its one).
                "data": [
                    {"name": c, "value": n, "itemStyle": {"color": CLASS_COLOURS[c]}}
                    for c, n in counts.items()
                    if n
                ],
            }
        ],
        "tooltip": {"trigger": "item"},
    }
    return Panel(
        key="enterprises",
        title=_("Enterprises: per-mu classes and demands"),
        template="enterprises/_cockpit_panel.html",
        context={
            "evaluation": evaluation,
            "counts": counts,
            "chart": chart,
            "hundred": hundred,
            "hundred_year": latest_year,
            "rates": rates,
        },
        empty=evaluation is None or not any(counts.values()),
        empty_message=_("No per-mu results in your scope yet."),
        link=reverse("enterprises:results"),
        width=6,
    )


def own_panel(enterprise, results, evaluation, rates) -> Panel:
    """The enterprise's own panel: its class in the latest evaluation and the rates of
    the demands it raised this year."""
    result = (
        results.filter(evaluation=evaluation, enterprise=enterprise).first() if evaluation else None
    )
    return Panel(
        key="enterprises",
        title=_("Your enterprise: per-mu result and demands"),
        template="enterprises/_cockpit_own.html",
        context={
            "enterprise": {"name": enterprise.name, "url": enterprise.get_absolute_url()},
            "evaluation": evaluation,
            "result": None
            if result is None
            else {
                "mu_class": result.mu_class,
                "label": result.get_mu_class_display(),
                "score": result.score,
                "rank": result.rank,
                "group": result.get_group_display(),
            },
            "rates": rates,
        },
        link=reverse("enterprises:demand_list"),
        width=6,
    )
