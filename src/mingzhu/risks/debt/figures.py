"""The cockpit's debt figures counted in the database: the same figures as the pure
computations of ``services`` (``portfolio_indicators``, one year of ``yearly_indicators``,
the number of ``liquidity_alerts``, ``data.cash_on``) on the same querysets, without
loading the instruments and their instalments into Python.

The schedule is read as the services read it: each instalment of an instrument, or its
whole principal at maturity when it has none (the instruments joined to their instalments
by a LEFT JOIN, one row per instalment or one per bullet instrument). An instalment accrues
``amount * rate / 1200`` in every month from its instrument's start (or its own due month
when the instrument has no start) up to and including its due month, so its interest over
months ``first..last`` is that times the number of those months it covers. Amounts and
rates are summed as floating point (SQLite keeps whole decimals as integers, and the
services reckon in floats). Months are month indices (``year * 12 + month - 1``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear, Greatest, Least

from . import services
from .choices import Budget, EntityKind, InstrumentKind
from .planner import month_index
from .services import CASH_COVERAGE_WARN, SHORT_TERM_WARN, FiscalRow

FLOAT = FloatField()


def _month(expression):
    return ExtractYear(expression) * 12 + ExtractMonth(expression) - 1


def _float(expression):
    return Cast(expression, FLOAT)


def _amount():
    return _float(Coalesce("instalments__principal", "principal"))


def _rate():
    return _float("rate")


def _lines(instruments: QuerySet) -> QuerySet:
    """``instruments`` LEFT JOIN their instalments: one row per schedule line (an
    instalment, or the principal at maturity), with its due month (``line_due``), the
    month it accrues from (``line_start``) and its instrument's start month
    (``started``)."""
    return instruments.order_by().annotate(
        line_due=_month(Coalesce("instalments__due_on", "maturity")),
        line_start=_month(Coalesce("start", "instalments__due_on", "maturity")),
        started=_month("start"),
    )


def _interest(first: int, last: int, condition: Q | None = None):
    """The interest of months first..last, times 1200 (divided in Python)."""
    months = Greatest(
        Value(0),
        Least(F("line_due"), Value(last)) - Greatest(F("line_start"), Value(first)) + 1,
    )
    return Sum(_amount() * _rate() * months, output_field=FLOAT, filter=condition)


def _principal(condition: Q | None = None):
    return Sum(_amount(), output_field=FLOAT, filter=condition)


def _weighted(condition: Q):
    return Sum(_amount() * _rate(), output_field=FLOAT, filter=condition)


def _sums(instruments: QuerySet, as_of: dt.date, year: int | None) -> dict:
    now = month_index(as_of.year, as_of.month)
    live = Q(line_due__gte=now)
    aggregates = {
        "lines": Count("pk"),
        "total": _principal(live),
        "total_rate": _weighted(live),
        "due_12": _principal(live & Q(line_due__lt=now + 12)),
        "principal_3": _principal(live & Q(line_due__lt=now + 3)),
        "interest_3": _interest(now, now + 2),
        "non_standard": _principal(live & Q(kind=InstrumentKind.NON_STANDARD)),
    }
    if year is not None:
        end = month_index(year, 12)
        first = end - 11
        gov = Q(entity__kind=EntityKind.GOVERNMENT)
        special = Q(budget=Budget.SPECIAL)
        outstanding = gov & Q(line_start__lte=end, line_due__gt=end)
        aggregates |= {
            "balance": _principal(outstanding),
            "balance_rate": _weighted(outstanding),
            "principal_year": _principal(gov & Q(line_due__gte=first, line_due__lte=end)),
            "general_interest": _interest(first, end, gov & ~special),
            "special_interest": _interest(first, end, gov & special),
            # New borrowing: the instruments that started in the year (whole schedules).
            "new_debt": _principal(gov & Q(started__gte=first, started__lte=end)),
        }
    found = _lines(instruments).aggregate(**aggregates)
    return {k: float(v or 0) for k, v in found.items()}


def _cash(cash: QuerySet, instruments: QuerySet, as_of: dt.date) -> dict:
    """The cash of every entity's latest record up to ``as_of`` (summed), whether any is
    recorded by then, and the records from ``as_of``'s month on whose entity's principal
    and interest due that month exceed its cash and inflow (the liquidity alerts; by
    entity, where the pages group by the entity's shown name)."""
    from ..models import CashPosition

    now = month_index(as_of.year, as_of.month)
    latest = (
        CashPosition.objects.filter(entity=OuterRef("entity"), month__lte=as_of)
        .order_by("-month")
        .values("month")[:1]
    )
    # What an entity owes in the outer record's month: the lines due that month, and the
    # interest of every line it is still accruing on (started, not yet repaid).
    month = OuterRef("month_index")
    owed = (
        _lines(instruments.filter(entity=OuterRef("entity")))
        .filter(line_due__gte=month)
        .values("entity")
        .annotate(
            owed=Sum(
                _amount()
                * (
                    Case(When(line_due=month, then=Value(1.0)), default=Value(0.0))
                    + _rate()
                    / Value(1200.0)
                    * Case(When(line_start__lte=month, then=Value(1.0)), default=Value(0.0))
                ),
                output_field=FLOAT,
            )
        )
        .values("owed")
    )
    # Each record's three figures first, then their sums (the record's own entity and
    # month are the subqueries' outer row).
    found = (
        cash.order_by()
        .annotate(month_index=_month("month"))
        # Only the records from ``as_of``'s month on can alert: the others skip the sum.
        .annotate(
            owed=Case(
                When(
                    month_index__gte=now,
                    then=Coalesce(Subquery(owed, output_field=FLOAT), Value(0.0)),
                ),
                default=Value(0.0),
                output_field=FLOAT,
            )
        )
        .annotate(
            latest_cash=Case(
                When(month=Subquery(latest), then=_float("cash")),
                default=Value(0.0),
                output_field=FLOAT,
            ),
            recorded=Case(When(month__lte=as_of, then=Value(1)), default=Value(0)),
            alert=Case(
                When(
                    Q(month_index__gte=now, owed__gt=_float("cash") + _float("inflow")),
                    then=Value(1),
                ),
                default=Value(0),
            ),
        )
        .aggregate(cash_now=Sum("latest_cash"), records=Sum("recorded"), alerts=Sum("alert"))
    )
    return {
        "cash_now": float(found["cash_now"] or 0),
        "records": int(found["records"] or 0),
        "alerts": int(found["alerts"] or 0),
    }


def _pct(num: float, den: float) -> float | None:
    return services._pct(num, den)


def panel_figures(
    instruments: QuerySet, cash: QuerySet, fiscal_year: FiscalRow | None, as_of: dt.date
) -> dict | None:
    """The debt panel's figures: ``p`` (the portfolio's indicators on ``as_of``),
    ``year`` (``fiscal_year``'s indicators, None without one), ``has_cash`` and ``alerts``
    (their number). None when ``instruments`` is empty. Two queries."""
    sums = _sums(instruments, as_of, None if fiscal_year is None else fiscal_year.year)
    if not sums["lines"]:
        return None
    money = _cash(cash, instruments, as_of)
    total = sums["total"]
    due_3 = sums["principal_3"] + sums["interest_3"] / 1200.0
    has_cash = bool(money["records"])
    coverage = round(money["cash_now"] / due_3, 2) if due_3 and has_cash else None
    short = _pct(sums["due_12"], total)
    p = {
        "outstanding": round(total, 2),
        "due_12": round(sums["due_12"], 2),
        "short_term_share": short,
        "short_term_warn": short is not None and short > SHORT_TERM_WARN,
        "due_3": round(due_3, 2),
        "cash": round(money["cash_now"], 2),
        # No cash recorded by then: the coverage is unknown, not zero.
        "cash_coverage": coverage,
        "cash_coverage_warn": coverage is not None and coverage < CASH_COVERAGE_WARN,
        "weighted_cost": round(sums["total_rate"] / total, 3) if total else None,
        "non_standard": round(sums["non_standard"], 2),
        "non_standard_share": _pct(sums["non_standard"], total),
    }
    return {
        "p": p,
        "year": None if fiscal_year is None else _year(fiscal_year, sums),
        "has_cash": has_cash,
        "alerts": money["alerts"],
    }


def _year(fy: FiscalRow, sums: dict) -> dict:
    """One year of ``services.yearly_indicators`` (without the year before it: no new
    debt ratio, as when the services are given that year alone)."""
    balance = sums["balance"]
    return services.year_indicators(
        fy,
        balance=balance,
        general_interest=sums["general_interest"] / 1200.0,
        special_interest=sums["special_interest"] / 1200.0,
        principal_due=sums["principal_year"],
        new_debt=sums["new_debt"],
        capacity_growth=None,
        cost=round(sums["balance_rate"] / balance, 3) if balance else None,
    )
