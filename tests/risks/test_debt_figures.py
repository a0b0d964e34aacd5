"""The cockpit's debt figures, counted in the database (risks.debt.figures), are the figures
the debt pages compute in Python (risks.debt.services) from the same rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from mingzhu.core.scope import restrict
from mingzhu.risks.cockpit import debt_panel
from mingzhu.risks.debt import data, figures, services
from mingzhu.risks.debt.choices import Budget, EntityKind, Grade, InstrumentKind
from mingzhu.risks.debt.models import PlanMove
from mingzhu.risks.models import (
    CashPosition,
    DebtEntity,
    DebtInstrument,
    FiscalYear,
    Instalment,
)


def by_the_services(user, as_of: dt.date) -> dict:
    """What the panel showed when it computed in Python: the debt pages' services on the
    instruments started by ``as_of`` and the latest fiscal year up to its year."""
    instruments = restrict(DebtInstrument.objects.filter(start__lte=as_of), user, "view")
    cash = restrict(CashPosition.objects.all(), user, "view")
    rows = data.instrument_rows(instruments)
    latest = (
        restrict(FiscalYear.objects.filter(year__lte=as_of.year), user, "view")
        .order_by("-year", "pk")
        .first()
    )
    year = None
    if latest is not None:
        year = services.yearly_indicators(rows, [data.fiscal_row(latest)])[0]
        if year["grade"]:
            year["grade"] = Grade(year["grade"]).label
    has_cash = cash.filter(month__lte=as_of).exists()
    p = services.portfolio_indicators(rows, data.cash_on(cash, as_of), as_of)
    if not has_cash:
        p = {**p, "cash_coverage": None, "cash_coverage_warn": False}
    alerts = services.liquidity_alerts(rows, data.cash_records(cash), as_of)
    return {"year": year, "p": p, "has_cash": has_cash, "alerts": len(alerts)}


def assert_same(found: dict, expected: dict) -> None:
    assert found["has_cash"] == expected["has_cash"]
    assert found["alerts"] == expected["alerts"]
    assert isinstance(found["alerts"], int)
    assert found["p"].keys() == expected["p"].keys()
    for key, value in expected["p"].items():
        assert found["p"][key] == pytest.approx(value, abs=0.011), key
    if expected["year"] is None:
        assert found["year"] is None
        return
    # The panel is given one year: the year before it, and so the new debt ratio, is not.
    for key, value in expected["year"].items():
        assert found["year"][key] == pytest.approx(value, abs=0.011), key


@pytest.mark.django_db  # its personas come from request.getfixturevalue
@pytest.mark.parametrize("persona", ["leader", "czj", "supervisor"])
def test_the_demo_figures_match_the_debt_pages(request, persona):
    user = request.getfixturevalue(persona)
    today = timezone.localdate()
    for as_of in (today, dt.date(2026, 3, 31), dt.date(2025, 6, 15), today.replace(day=1)):
        panel = debt_panel(user, as_of)
        expected = by_the_services(user, as_of)
        assert not panel.empty
        assert expected["p"]["outstanding"] > 0
        assert_same(panel.context, expected)


@pytest.fixture
def hand_built(db, czj):
    """Two borrowers under one unit, with instruments of every shape the services tell
    apart; the demo's debt removed so that the figures are these alone."""
    PlanMove.objects.all().delete()
    Instalment.objects.all().delete()
    DebtInstrument.objects.all().delete()
    CashPosition.objects.all().delete()
    FiscalYear.objects.all().delete()
    unit = czj.unit
    city = DebtEntity.objects.create(name="测试市政府", kind=EntityKind.GOVERNMENT, unit=unit)
    platform = DebtEntity.objects.create(name="测试城投", kind=EntityKind.PLATFORM, unit=unit)

    def instrument(code, entity, kind, principal, rate, start, maturity, **extra):
        return DebtInstrument.objects.create(
            code=code,
            entity=entity,
            kind=kind,
            principal=Decimal(principal),
            rate=Decimal(rate),
            start=start,
            maturity=maturity,
            **extra,
        )

    # General bond, bullet: 1,200 at 4 % from 2024-01 to 2027-06.
    instrument(
        "G1",
        city,
        InstrumentKind.GOVERNMENT_BOND,
        "1200",
        "4",
        dt.date(2024, 1, 10),
        dt.date(2027, 6, 30),
    )
    # Special bond started in 2026, amortising in two halves.
    special = instrument(
        "S1",
        city,
        InstrumentKind.GOVERNMENT_BOND,
        "600",
        "3.3",
        dt.date(2026, 2, 1),
        dt.date(2030, 2, 1),
        budget=Budget.SPECIAL,
    )
    Instalment.objects.create(instrument=special, due_on=dt.date(2026, 8, 1), principal=300)
    Instalment.objects.create(instrument=special, due_on=dt.date(2030, 2, 1), principal=300)
    # The platform's trust loan, due within three months of 2026-05-20, and a bank loan.
    instrument(
        "P1",
        platform,
        InstrumentKind.NON_STANDARD,
        "500",
        "8.5",
        dt.date(2025, 7, 1),
        dt.date(2026, 7, 15),
    )
    loan = instrument(
        "P2",
        platform,
        InstrumentKind.BANK_LOAN,
        "900",
        "5.25",
        dt.date(2025, 1, 1),
        dt.date(2028, 1, 1),
    )
    for k, due in enumerate((dt.date(2026, 6, 1), dt.date(2027, 1, 1), dt.date(2028, 1, 1))):
        Instalment.objects.create(instrument=loan, due_on=due, principal=300 + k)
    # Not started by 2026-05-20: left out of that day's figures.
    instrument(
        "P3",
        platform,
        InstrumentKind.BANK_LOAN,
        "800",
        "4.1",
        dt.date(2026, 9, 1),
        dt.date(2031, 9, 1),
    )
    FiscalYear.objects.create(
        unit=unit,
        year=2025,
        general_budget_revenue=Decimal(900),
        transfer_revenue=Decimal(300),
        fund_revenue=Decimal(200),
        state_capital_revenue=Decimal(10),
        general_budget_expenditure=Decimal(1100),
        fund_expenditure=Decimal(150),
        remittance=Decimal(20),
    )
    # Cash: the platform's latest record before the day is May; June is short of what
    # falls due (301 of the loan, 500 of the trust loan's interest-bearing months).
    for month, cash, inflow in ((4, 50, 0), (5, 80, 10), (6, 20, 5), (7, 900, 0)):
        CashPosition.objects.create(
            entity=platform, month=dt.date(2026, month, 1), cash=cash, inflow=inflow
        )
    CashPosition.objects.create(entity=city, month=dt.date(2026, 3, 1), cash=40)
    return unit


def test_hand_built_figures_match_the_debt_pages(hand_built, czj):
    as_of = dt.date(2026, 5, 20)
    panel = debt_panel(czj, as_of)
    expected = by_the_services(czj, as_of)
    assert_same(panel.context, expected)
    p = panel.context["p"]
    # Started by the day and not yet repaid (P3 starts later; P2 as its instalments).
    assert p["outstanding"] == 1200 + 600 + 500 + (300 + 301 + 302)
    # Due by 2027-04: the special bond's first half, the trust loan, two loan instalments.
    assert p["due_12"] == 300 + 500 + 300 + 301
    assert p["non_standard"] == 500
    assert p["cash"] == 80 + 40  # each borrower's latest record up to the day
    year = panel.context["year"]
    assert year["year"] == 2025
    assert year["balance"] == 1200  # the special bond had not started at the end of 2025
    assert year["general_interest"] == pytest.approx(1200 * 0.04)  # twelve months of G1
    assert year["special_interest"] == 0
    # June and July are short: due 301 + 500 + interest against 25 and 900.
    assert panel.context["alerts"] == expected["alerts"] == 1
    later = dt.date(2026, 12, 1)
    assert_same(debt_panel(czj, later).context, by_the_services(czj, later))


def test_no_fiscal_year_and_no_cash(hand_built, czj):
    FiscalYear.objects.all().delete()
    CashPosition.objects.all().delete()
    as_of = dt.date(2026, 5, 20)
    panel = debt_panel(czj, as_of)
    assert panel.context["year"] is None
    assert panel.context["has_cash"] is False
    assert panel.context["p"]["cash_coverage"] is None
    assert_same(panel.context, by_the_services(czj, as_of))
    # Before anything started: no debt in scope yet.
    assert debt_panel(czj, dt.date(2023, 1, 1)).empty
    assert (
        figures.panel_figures(
            DebtInstrument.objects.none(), CashPosition.objects.none(), None, as_of
        )
        is None
    )


def test_a_scope_without_cash_records(hand_built, czj):
    """Instruments in scope and no cash record that can be (an empty queryset, as a scope
    that holds none gives): the portfolio's figures, no cash, no alert."""
    as_of = dt.date(2026, 5, 20)
    instruments = DebtInstrument.objects.filter(start__lte=as_of)
    found = figures.panel_figures(instruments, CashPosition.objects.none(), None, as_of)
    assert found["p"]["outstanding"] == 1200 + 600 + 500 + (300 + 301 + 302)
    assert found["has_cash"] is False
    assert found["p"]["cash"] == 0
    assert found["p"]["cash_coverage"] is None
    assert found["alerts"] == 0
    # The same instruments with their cash: the figures the pages give.
    with_cash = figures.panel_figures(instruments, CashPosition.objects.all(), None, as_of)
    assert with_cash["p"]["cash"] == 80 + 40
    assert with_cash["alerts"] == 1
