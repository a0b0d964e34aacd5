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
        "heat": heat_map_data(result["facts"]),
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

    from .debt import data, services
    from .models import CashPosition, DebtInstrument, FiscalYear

    instruments = restrict(DebtInstrument.objects.filter(start__lte=as_of), user, "view")
    rows = data.instrument_rows(instruments)
    panel = Panel(
        key="debt",
        title=_("Debt under control"),
        template="risks/_debt_panel.html",
        link=reverse("risks:indicators"),
        width=6,
    )
    if not rows:
        panel.empty = True
        panel.empty_message = _("No debt recorded in your scope.")
        return panel
    cash = restrict(CashPosition.objects.all(), user, "view")
    latest_year = (
        restrict(FiscalYear.objects.filter(year__lte=as_of.year), user, "view")
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    year = None
    if latest_year is not None:
        years = restrict(FiscalYear.objects.filter(year=latest_year), user, "view")
        yearly = services.yearly_indicators(rows, data.fiscal_rows(years))
        year = dict(yearly[0]) if yearly else None
    if year and year.get("grade"):
        from .debt.choices import Grade

        year["grade"] = Grade(year["grade"]).label
    has_cash = cash.filter(month__lte=as_of).exists()
    p = services.portfolio_indicators(rows, data.cash_on(cash, as_of), as_of)
    if not has_cash:
        # No cash recorded by then: the coverage is unknown, not zero.
        p = {**p, "cash_coverage": None, "cash_coverage_warn": False}
    panel.context = {
        "year": year,
        "p": p,
        "has_cash": has_cash,
        "alerts": len(services.liquidity_alerts(rows, data.cash_records(cash), as_of)),
    }
    return panel
