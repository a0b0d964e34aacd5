"""The risks panels of the leaders' cockpit: hazards (可知可控, overdue major hazards, the
heat map) and, for those who may see debt, the debt indicators."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from mingzhu.cockpit.panels import Panel, register

from .metrics import heat_map_data, summary
from .models import Hazard


@register("risks", 60)
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
    """The debt indicators of this year and the liquidity alerts: only for those who may
    see debt (the leader, the supervision office, the finance bureau)."""
    if not user.has_perm("risks.view_debtinstrument"):
        return None
    from mingzhu.core.scope import restrict

    from .debt import data, services
    from .models import CashPosition, DebtInstrument, FiscalYear

    rows = data.instrument_rows(restrict(DebtInstrument.objects.all(), user, "view"))
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
    years = restrict(FiscalYear.objects.filter(year=as_of.year), user, "view")
    yearly = services.yearly_indicators(rows, data.fiscal_rows(years))
    year = dict(yearly[0]) if yearly else None
    if year and year.get("grade"):
        from .debt.choices import Grade

        year["grade"] = Grade(year["grade"]).label
    panel.context = {
        "year": year,
        "p": services.portfolio_indicators(rows, data.cash_on(cash, as_of), as_of),
        "alerts": len(services.liquidity_alerts(rows, data.cash_records(cash), as_of)),
    }
    return panel
