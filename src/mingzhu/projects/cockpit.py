"""The projects panel of the leaders' cockpit: the funnel and the largest projects."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register

from .choices import Stage
from .ledger import funnel_rows
from .models import Project


def funnel_option(reached: list[dict]) -> dict:
    """An ECharts funnel of the projects that reached each stage."""
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}: {c}"},
        "series": [
            {
                "type": "funnel",
                "sort": "none",
                "left": "5%",
                "width": "90%",
                "label": {"formatter": "{b} {c}"},
                "data": [{"name": r["label"], "value": r["value"]} for r in reached],
            }
        ],
    }


@register("projects", 20)
def projects_panel(user, as_of: dt.date) -> Panel | None:
    if not user.has_perm("projects.view_project"):
        return None
    projects = Project.objects.restrict(user, "view")
    data = funnel_rows(projects)
    major = list(
        projects.exclude(stage=Stage.SUSPENDED)
        .filter(total_investment__gte=300_000)
        .select_related("town")
        .order_by("-total_investment")[:5]
    )
    return Panel(
        key="projects",
        title=_("Projects"),
        template="projects/_cockpit_panel.html",
        context={**data, "major": major, "chart": funnel_option(data["reached"])},
        empty=not any(s["count"] for s in data["stages"]),
        empty_message=_("No projects in your scope."),
        link=reverse("projects:project_list"),
        width=6,
    )
