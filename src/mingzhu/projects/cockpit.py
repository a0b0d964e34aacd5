"""The projects panel of the leaders' cockpit: the funnel and the largest projects."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register
from mingzhu.tasks import history

from .choices import Stage
from .ledger import funnel_rows
from .models import Project, StageChange


def funnel_option(reached: list[dict]) -> dict:
    """An ECharts funnel of the projects that reached each stage."""
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}: {c}"},
        "series": [
            {
                "type": "funnel",
                "sort": "none",
                # The labels stand right of the funnel, inside the chart: room for
                # "竣工投产 33" in a half-width panel.
                "left": "2%",
                "width": "62%",
                "label": {"formatter": "{b} {c}"},
                "data": [{"name": r["label"], "value": r["value"]} for r in reached],
            }
        ],
    }


def projects_on(projects, as_of: dt.date):
    """The projects that existed at the end of ``as_of`` (negotiations had begun, or the
    first stage its ledger dates), each with ``stage_then``: the stage of its last stage
    change by then, else negotiating. Today: every project at its stage now."""
    last_change = (
        StageChange.objects.filter(project=OuterRef("pk"), on__lte=as_of)
        .order_by("-on", "-pk")
        .values("to_stage")[:1]
    )
    if not history.is_past(as_of):
        return projects.annotate(stage_then=F("stage"))
    # A project entered from a ledger without a 洽谈日期 exists from its first stage's
    # day, and one without any date from the day it was entered.
    began = Coalesce(
        "negotiating_on",
        "signed_on",
        "landed_on",
        "started_on",
        "completed_on",
        TruncDate("created_at"),
    )
    return (
        projects.alias(began=began)
        .filter(began__lte=as_of)
        .annotate(stage_then=Coalesce(Subquery(last_change), Value(Stage.NEGOTIATING)))
    )


@register("projects", 20)
def projects_panel(user, as_of: dt.date) -> Panel | None:
    """The funnel and the largest projects at the end of ``as_of``: the projects whose
    negotiations had begun, at the stage they had reached then."""
    if not user.has_perm("projects.view_project"):
        return None
    projects = projects_on(Project.objects.restrict(user, "view"), as_of)
    data = funnel_rows(projects, "stage_then")
    empty = not any(s["count"] for s in data["stages"])
    major = (
        []
        if empty
        else list(
            projects.exclude(stage_then=Stage.SUSPENDED)
            .filter(total_investment__gte=300_000)
            .select_related("town")
            .order_by("-total_investment")[:5]
        )
    )
    for project in major:
        project.stage_label = Stage(project.stage_then).label
    return Panel(
        key="projects",
        title=_("Projects"),
        template="projects/_cockpit_panel.html",
        context={**data, "major": major, "chart": funnel_option(data["reached"])},
        empty=empty,
        empty_message=_("No projects in your scope."),
        link=reverse("projects:project_list"),
        width=6,
    )
