"""The risks panels of the leaders' cockpit: hazards (可知可控, overdue major hazards, the
heat map) and, for those who may see debt, the debt indicators."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register

from .metrics import heat_map_data, summary
from .models import Hazard


@register("risks", 60, topics=("tasks",))
def hazards_panel(user, as_of: dt.date) -> Panel | None:
    if not user.has_perm("risks.view_hazard"):
        return None
    hazards = Hazard.objects.restrict(user, "view")
    result = summary(hazards, dt.date(as_of.year, 1, 1), as_of, as_of)
    panel = Panel(
        key="risks",
        title=_("Hazards: knowable and controllable"),
        template="risks/_cockpit_panel.html",
        link=reverse("risks:metrics"),
        width=6,
    )
    if not result["facts"]:
        panel.empty = True
        panel.empty_message = _("No hazards in your scope.")
        return panel
    panel.context = {
        **result,
        "overdue_major": result["overdue_major"][:5],
        "heat": heat_map_data(result["facts"], user),
    }
    return panel


@register("debt", 61)
def debt_panel(user, as_of: dt.date) -> Panel | None:
    """The debt indicators and the liquidity alerts as of ``as_of``: only for those who
    may see debt (the leader, the supervision office, the finance bureau).

    As of a day: the instruments that had started by then; the yearly indicators of the
    latest fiscal year entered up to that day's year; the cash of each entity's latest
    record up to that month. What has no data says so ("—" and a note), never 0."""
    if not user.has_perm("risks.view_debtinstrument"):
        return None
    from mingzhu.core.scope import restrict

    from .debt import data, figures
    from .debt.choices import Grade
    from .models import CashPosition, DebtInstrument, FiscalYear

    instruments = restrict(DebtInstrument.objects.filter(start__lte=as_of), user, "view")
    latest = (
        restrict(FiscalYear.objects.filter(year__lte=as_of.year), user, "view")
        .order_by("-year", "pk")
        .first()
    )
    found = figures.panel_figures(
        instruments,
        restrict(CashPosition.objects.all(), user, "view"),
        None if latest is None else data.fiscal_row(latest),
        as_of,
    )
    panel = Panel(
        key="debt",
        title=_("Debt under control"),
        template="risks/_debt_panel.html",
        link=reverse("risks:indicators"),
        width=6,
    )
    if found is None:
        panel.empty = True
        panel.empty_message = _("No debt recorded in your scope.")
        return panel
    if found["year"] and found["year"]["grade"]:
        found["year"]["grade"] = Grade(found["year"]["grade"]).label
    panel.context = found
    return panel
