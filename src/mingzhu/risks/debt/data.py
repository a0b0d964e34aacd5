"""From the database to the pure computations' plain rows, and back (the plan's rows)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet

from . import services
from .planner import PlanResult, month_index
from .services import FiscalRow, InstrumentRow


def instrument_rows(instruments: QuerySet) -> list[InstrumentRow]:
    """Plain rows of the instruments (two queries: instruments with their entity, and the
    instalments)."""
    instruments = instruments.select_related("entity").order_by("maturity", "code")
    items = list(instruments)
    instalments = defaultdict(list)
    from ..models import Instalment

    for inst_id, due, amount in (
        Instalment.objects.filter(instrument__in=[i.pk for i in items])
        .order_by("due_on", "pk")
        .values_list("instrument_id", "due_on", "principal")
    ):
        instalments[inst_id].append((due, float(amount)))
    return [
        InstrumentRow(
            id=i.code,
            entity=str(i.entity),
            kind=i.kind,
            principal=float(i.principal),
            rate=float(i.rate),
            maturity=i.maturity,
            start=i.start,
            refinanceable=i.refinanceable,
            max_defer_months=i.max_defer_months,
            entity_kind=i.entity.kind,
            budget=i.budget,
            instalments=tuple(instalments.get(i.pk, ())),
        )
        for i in items
    ]


def cash_records(cash: QuerySet) -> list[tuple[str, dt.date, float, float]]:
    return [
        (str(c.entity), c.month, float(c.cash), float(c.inflow))
        for c in cash.select_related("entity").order_by("month", "entity")
    ]


def cash_on(cash: QuerySet, as_of: dt.date) -> float:
    """Cash of every entity in ``as_of``'s month (their latest record up to then)."""
    latest: dict[int, float] = {}
    for entity_id, value in (
        cash.filter(month__lte=as_of).order_by("month").values_list("entity_id", "cash")
    ):
        latest[entity_id] = float(value)
    return sum(latest.values())


def capacity_from_cash(cash: QuerySet) -> dict[int, float]:
    """Money available per month when cash is used as the planner's capacity: the cash
    and expected inflows of every entity."""
    out: dict[int, float] = defaultdict(float)
    for month, value, inflow in cash.values_list("month", "cash", "inflow"):
        out[month_index(month.year, month.month)] += float(value) + float(inflow)
    return dict(out)


def fiscal_row(y) -> FiscalRow:
    """The plain row of a stored ``FiscalYear``."""

    def f(value):
        return None if value is None else float(value)

    return FiscalRow(
        year=y.year,
        general_budget_revenue=float(y.general_budget_revenue),
        transfer_revenue=float(y.transfer_revenue),
        fund_revenue=float(y.fund_revenue),
        state_capital_revenue=float(y.state_capital_revenue),
        general_budget_expenditure=float(y.general_budget_expenditure),
        balance_target=f(y.balance_target),
        cost_target=f(y.cost_target),
        ratio_yellow=float(y.ratio_yellow),
        ratio_orange=float(y.ratio_orange),
        ratio_red=float(y.ratio_red),
        remittance=float(y.remittance),
        fund_expenditure=f(y.fund_expenditure),
        overdue_debt=f(y.overdue_debt),
    )


def fiscal_rows(years: QuerySet) -> list[FiscalRow]:
    return [fiscal_row(y) for y in years.order_by("year")]


def compute_plan(
    instruments: QuerySet,
    cash: QuerySet,
    *,
    as_of: dt.date,
    window: int | None = None,
    refi_rate: float | None = None,
    use_cash: bool = False,
) -> PlanResult:
    """The plan for the instalments due from ``as_of``'s month on."""
    rows = instrument_rows(instruments)
    capacity = capacity_from_cash(cash) if use_cash else None
    return services.plan_rows(
        rows,
        window=window,
        refi_rate=refi_rate,
        capacity=capacity,
        from_month=services.mi(as_of),
    )
