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

The panel's figures are one statement: the schedule lines and the cash records are read
through the querysets given (so through the user's scope) as plain columns, and the sums
over them are written here in SQL that SQLite and PostgreSQL both run (``CASE``, ``SUM``
and a correlated sum for each record that can alert). Built as ORM aggregates, the same
sums took longer to assemble in Python than the database took to answer them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Case,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear

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


def _line_values(instruments: QuerySet) -> QuerySet:
    """The schedule lines as plain columns: ``borrower`` (the entity), ``amount`` and
    ``yearly_rate`` (floats), ``due``, ``accrues_from`` and ``begun`` (month indices), and
    1/0 flags ``gov`` (a government borrower), ``special`` (the special budget) and
    ``non_standard``."""

    def flag(condition: Q):
        return Case(When(condition, then=Value(1)), default=Value(0))

    return _lines(instruments).values(
        borrower=F("entity_id"),
        amount=_amount(),
        yearly_rate=_rate(),
        due=F("line_due"),
        accrues_from=F("line_start"),
        begun=F("started"),
        gov=flag(Q(entity__kind=EntityKind.GOVERNMENT)),
        special=flag(Q(budget=Budget.SPECIAL)),
        non_standard=flag(Q(kind=InstrumentKind.NON_STANDARD)),
    )


def _cash_values(cash: QuerySet, as_of: dt.date) -> QuerySet:
    """The cash records as plain columns: ``borrower`` (the entity), ``month_index``,
    ``money`` and ``coming`` (the cash and the expected inflow, floats), ``recorded`` (1
    when the record's month is by ``as_of``) and ``latest`` (1 when it is its entity's
    latest record by then)."""
    from ..models import CashPosition

    latest = (
        CashPosition.objects.filter(entity=OuterRef("entity"), month__lte=as_of)
        .order_by("-month")
        .values("month")[:1]
    )
    return cash.order_by().values(
        borrower=F("entity_id"),
        month_index=_month("month"),
        money=_float("cash"),
        coming=_float("inflow"),
        recorded=Case(When(month__lte=as_of, then=Value(1)), default=Value(0)),
        latest=Case(When(month=Subquery(latest), then=Value(1)), default=Value(0)),
    )


def _sql(queryset: QuerySet) -> tuple[str, list] | None:
    """The queryset's SQL and parameters; None when it can hold no row (an empty scope)."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return None
    return sql, list(params)


def _between(first: int, last: int) -> str:
    """How many of the months ``first..last`` a line accrues in: its months
    ``accrues_from..due`` that fall among them, 0 when none do."""
    overlap = (
        f"(CASE WHEN line.due < {last:d} THEN line.due ELSE {last:d} END)"
        f" - (CASE WHEN line.accrues_from > {first:d} THEN line.accrues_from"
        f" ELSE {first:d} END) + 1"
    )
    return f"(CASE WHEN {overlap} > 0 THEN {overlap} ELSE 0 END)"


class _Sums:
    """The SELECT list of named sums over the schedule lines (``line``). Its bounds are
    month indices, whole numbers written into the SQL."""

    def __init__(self) -> None:
        self.columns = ['COUNT(*) AS "lines"']

    def add(self, name: str, value: str, when: str = "") -> None:
        summed = f"CASE WHEN {when} THEN {value} ELSE 0 END" if when else value
        self.columns.append(f'SUM({summed}) AS "{name}"')

    def principal(self, name: str, when: str) -> None:
        self.add(name, "line.amount", when)

    def weighted(self, name: str, when: str) -> None:
        self.add(name, "line.amount * line.yearly_rate", when)

    def interest(self, name: str, first: int, last: int, when: str = "") -> None:
        """The interest of months first..last, times 1200 (divided in Python)."""
        self.add(name, f"line.amount * line.yearly_rate * {_between(first, last)}", when)


def _figures(instruments: QuerySet, cash: QuerySet, as_of: dt.date, year: int | None) -> dict:
    """The portfolio's sums on ``as_of``, ``year``'s (when given) and the cash figures, in
    one query: the lines and the cash records are read through the querysets (and so the
    user's scope); the sums over them are written here, in SQL both databases run."""
    now = month_index(as_of.year, as_of.month)
    sums = _Sums()
    live = f"line.due >= {now:d}"
    sums.principal("total", live)
    sums.weighted("total_rate", live)
    sums.principal("due_12", f"{live} AND line.due < {now + 12:d}")
    sums.principal("principal_3", f"{live} AND line.due < {now + 3:d}")
    sums.interest("interest_3", now, now + 2)
    sums.principal("non_standard", f"{live} AND line.non_standard = 1")
    if year is not None:
        end = month_index(year, 12)
        first = end - 11
        outstanding = f"line.gov = 1 AND line.accrues_from <= {end:d} AND line.due > {end:d}"
        sums.principal("balance", outstanding)
        sums.weighted("balance_rate", outstanding)
        in_year = f"BETWEEN {first:d} AND {end:d}"
        sums.principal("principal_year", f"line.gov = 1 AND line.due {in_year}")
        sums.interest("general_interest", first, end, "line.gov = 1 AND line.special = 0")
        sums.interest("special_interest", first, end, "line.gov = 1 AND line.special = 1")
        # New borrowing: the instruments that started in the year (whole schedules).
        sums.principal("new_debt", f"line.gov = 1 AND line.begun {in_year}")
    lines = _sql(_line_values(instruments))
    if lines is None:
        return {"lines": 0}
    ctes, params = [f"line AS ({lines[0]})"], lines[1]
    parts = [f"(SELECT {', '.join(sums.columns)} FROM line) AS sums"]
    records = _sql(_cash_values(cash, as_of))
    if records is not None:
        ctes.append(f"cash AS ({records[0]})")
        params += records[1]
        # What an entity owes in a record's month: the lines due that month, and the
        # interest of every line it is still accruing on (started, not yet repaid). Only
        # the records from ``as_of``'s month on can alert.
        owed = (
            "(SELECT SUM(line.amount * ((CASE WHEN line.due = cash.month_index THEN 1.0"
            " ELSE 0.0 END) + line.yearly_rate / 1200.0 * (CASE WHEN line.accrues_from"
            " <= cash.month_index THEN 1.0 ELSE 0.0 END))) FROM line"
            " WHERE line.borrower = cash.borrower AND line.due >= cash.month_index)"
        )
        parts.append(
            '(SELECT SUM(CASE WHEN cash.latest = 1 THEN cash.money ELSE 0 END) AS "cash_now", '
            'SUM(cash.recorded) AS "records", '
            f"SUM(CASE WHEN cash.month_index >= {now:d} AND COALESCE({owed}, 0)"
            ' > cash.money + cash.coming THEN 1 ELSE 0 END) AS "alerts" FROM cash) AS money'
        )
    with connections[instruments.db].cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} SELECT * FROM {', '.join(parts)}", params)
        names = [column[0] for column in cursor.description]
        row = cursor.fetchone()
    found = {name: float(value or 0) for name, value in zip(names, row, strict=True)}
    return {"cash_now": 0.0, "records": 0.0, "alerts": 0.0, **found}


def _pct(num: float, den: float) -> float | None:
    return services._pct(num, den)


def panel_figures(
    instruments: QuerySet, cash: QuerySet, fiscal_year: FiscalRow | None, as_of: dt.date
) -> dict | None:
    """The debt panel's figures: ``p`` (the portfolio's indicators on ``as_of``),
    ``year`` (``fiscal_year``'s indicators, None without one), ``has_cash`` and ``alerts``
    (their number). None when ``instruments`` is empty. One query."""
    sums = _figures(instruments, cash, as_of, None if fiscal_year is None else fiscal_year.year)
    if not sums["lines"]:
        return None
    total = sums["total"]
    due_3 = sums["principal_3"] + sums["interest_3"] / 1200.0
    has_cash = bool(sums["records"])
    coverage = round(sums["cash_now"] / due_3, 2) if due_3 and has_cash else None
    short = _pct(sums["due_12"], total)
    p = {
        "outstanding": round(total, 2),
        "due_12": round(sums["due_12"], 2),
        "short_term_share": short,
        "short_term_warn": short is not None and short > SHORT_TERM_WARN,
        "due_3": round(due_3, 2),
        "cash": round(sums["cash_now"], 2),
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
        "alerts": int(sums["alerts"]),
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
