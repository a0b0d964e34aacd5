"""Every debt formula on hand-worked numbers."""

import datetime as dt

import pytest

from mingzhu.risks.debt import services
from mingzhu.risks.debt.services import FiscalRow, InstrumentRow

D = dt.date
START = dt.date(2024, 1, 1)


def row(
    id,
    principal,
    rate,
    maturity,
    *,
    start=START,
    entity="E",
    kind="bank_loan",
    government=False,
    refinanceable=False,
    defer=0,
    instalments=(),
    budget="general",
):
    return InstrumentRow(
        id=id,
        entity=entity,
        kind=kind,
        principal=principal,
        rate=rate,
        maturity=maturity,
        start=start,
        refinanceable=refinanceable,
        max_defer_months=defer,
        entity_kind="government" if government else "platform",
        instalments=instalments,
        budget=budget,
    )


def test_interest_is_monthly_on_the_principal_outstanding():
    # 1200 at 6 %: 6 a month from the start month up to and including the due month.
    s = services.schedule([row("a", 1200, 6, D(2025, 12, 15), start=D(2025, 1, 1))])
    first = services.mi(D(2024, 12, 1))
    interest = services.interest_by_month(s, first, first + 13)
    assert interest.tolist() == [0] + [6.0] * 12 + [0]


def test_an_amortising_instrument_pays_less_interest_as_it_repays():
    r = row(
        "a",
        1200,
        12,
        D(2025, 3, 1),
        start=D(2025, 1, 1),
        instalments=((D(2025, 1, 1), 600), (D(2025, 3, 1), 600)),
    )
    s = services.schedule([r])
    first = services.mi(D(2025, 1, 1))
    # Jan: 1200 outstanding (12 + 6... each 600 accrues 6 a month); Feb, Mar: 600.
    assert services.interest_by_month(s, first, first + 2).tolist() == [12.0, 6.0, 6.0]


def test_the_wall_stacks_principal_by_entity_and_adds_interest():
    rows = [
        row("a", 100, 0, D(2026, 1, 10), entity="A"),
        row("b", 50, 0, D(2026, 1, 20), entity="B"),
        row("c", 70, 0, D(2026, 3, 1), entity="A"),
    ]
    wall = services.wall(rows, D(2026, 1, 5), months=3)
    assert wall.periods == ["2026-01", "2026-02", "2026-03"]
    assert wall.principal == {"A": [100.0, 0.0, 70.0], "B": [50.0, 0.0, 0.0]}
    assert wall.total == [150.0, 0.0, 70.0]
    quarterly = services.wall(rows, D(2026, 1, 5), months=3, quarterly=True)
    assert quarterly.periods == ["2026Q1"]
    assert quarterly.total == [220.0]
    groups, table = services.wall_table(wall)
    assert groups == ["A", "B"]
    assert [r[:3] for r in table] == [
        ["2026-01", 100.0, 50.0],
        ["2026-02", 0.0, 0.0],
        ["2026-03", 70.0, 0.0],
    ]
    assert [r[3:] for r in table] == [
        [i, t] for i, t in zip(wall.interest, wall.total, strict=True)
    ]
    empty = services.Wall(periods=[], principal={}, interest=[], total=[])
    assert services.wall_table(empty) == ([], [])


def test_liquidity_alert_when_due_exceeds_cash_and_inflow():
    rows = [row("a", 100, 0, D(2026, 2, 1), entity="A"), row("b", 10, 0, D(2026, 3, 1), entity="A")]
    cash = [("A", D(2026, 2, 1), 50, 30), ("A", D(2026, 3, 1), 5, 10), ("A", D(2026, 4, 1), 0, 0)]
    [alert] = services.liquidity_alerts(rows, cash, D(2026, 1, 1))
    assert (alert.entity, alert.month, alert.due, alert.gap) == ("A", "2026-02", 100.0, 20.0)


@pytest.mark.parametrize(
    ("ratio", "grade"),
    [(119.99, "green"), (120, "yellow"), (199.9, "yellow"), (200, "orange"), (300, "red")],
)
def test_debt_ratio_grades(ratio, grade):
    assert services.grade(ratio, 120, 200, 300) == grade


def test_yearly_indicators():
    # Government: 300 outstanding at the end of 2025 at 5 % (interest 15 in 2025);
    # the platform's debt does not count. 综合财力 = 100 + 50 + 40 + 10 = 200.
    rows = [
        row("g", 300, 5, D(2027, 6, 1), government=True),
        row("p", 999, 9, D(2027, 6, 1)),
    ]
    fy = FiscalRow(
        2025, 100, 50, 40, 10, general_budget_expenditure=120, balance_target=280, cost_target=5.0
    )
    [y] = services.yearly_indicators(rows, [fy])
    assert y["capacity"] == 200
    assert y["balance"] == 300
    assert y["debt_ratio"] == 150.0
    assert y["grade"] == "yellow"
    assert y["interest"] == pytest.approx(15.0)
    # All of it general debt: 15 / 120 = 12.5 % of the general budget expenditure.
    assert y["general_interest_ratio"] == 12.5
    assert y["special_interest"] == 0
    assert y["special_interest_ratio"] is None  # no fund expenditure entered
    assert y["interest_alarm"] is True
    assert y["weighted_cost"] == 5.0
    assert y["balance_met"] is False
    assert y["cost_met"] is True
    # Nothing due in 2025: 偿债率 is the interest alone, 15 / 200.
    assert y["debt_service"] == pytest.approx(15.0)
    assert y["service_ratio"] == 7.5
    # Started in 2024: no new debt in 2025, and no year before to grow from.
    assert y["new_debt"] == 0
    assert y["new_debt_ratio"] is None
    assert y["overdue_ratio"] is None


def test_capacity_is_net_of_remittances():
    # 综合财力 = 100 + 50 − 30 + 40 + 10 = 170.
    fy = FiscalRow(2025, 100, 50, 40, 10, general_budget_expenditure=120, remittance=30)
    assert fy.capacity == 170
    [y] = services.yearly_indicators([row("g", 340, 5, D(2027, 6, 1), government=True)], [fy])
    assert y["debt_ratio"] == 200.0


def test_general_and_special_interest_against_their_own_budget():
    # 2025: general 240 at 5 % (12), special 600 at 4 % (24). General expenditure 200:
    # 6 %; fund expenditure 200: 12 %, above the 10 % line.
    rows = [
        row("g", 240, 5, D(2030, 1, 1), government=True),
        row("s", 600, 4, D(2030, 1, 1), government=True, budget="special"),
    ]
    fy = FiscalRow(2025, 500, 0, 300, 0, general_budget_expenditure=200, fund_expenditure=200)
    [y] = services.yearly_indicators(rows, [fy])
    assert y["general_interest"] == pytest.approx(12.0)
    assert y["special_interest"] == pytest.approx(24.0)
    assert y["general_interest_ratio"] == 6.0
    assert y["special_interest_ratio"] == 12.0
    assert y["interest_alarm"] is True
    fy = FiscalRow(2025, 500, 0, 300, 0, general_budget_expenditure=200, fund_expenditure=300)
    [y] = services.yearly_indicators(rows, [fy])
    assert y["special_interest_ratio"] == 8.0
    assert y["interest_alarm"] is False


def test_new_debt_debt_service_and_overdue_ratios():
    # 2025: a 100 loan started in 2025-03 (new debt), 50 due in 2025-09 (repaid that year),
    # 250 outstanding all year; all at 0 % to keep the interest out. Capacity 400 in 2024
    # and 500 in 2025: new debt 100 / growth 100 = 100 %. Debt service 50 / 500 = 10 %.
    # Balance at the end of 2025: 100 + 250 = 350; overdue 7 reported: 2 %.
    rows = [
        row("new", 100, 0, D(2029, 1, 1), start=D(2025, 3, 1), government=True),
        row("due", 50, 0, D(2025, 9, 1), government=True),
        row("old", 250, 0, D(2029, 1, 1), government=True),
        row("platform", 900, 0, D(2025, 6, 1), start=D(2025, 1, 1)),
    ]
    years = [
        FiscalRow(2024, 400, 0, 0, 0, general_budget_expenditure=300),
        FiscalRow(2025, 500, 0, 0, 0, general_budget_expenditure=300, overdue_debt=7),
    ]
    y2024, y2025 = services.yearly_indicators(rows, years)
    assert y2024["new_debt_ratio"] is None  # no year before it entered
    assert y2025["new_debt"] == 100
    assert y2025["capacity_growth"] == 100
    assert y2025["new_debt_ratio"] == 100.0
    assert y2025["debt_service"] == 50
    assert y2025["service_ratio"] == 10.0
    assert y2025["balance"] == 350
    assert y2025["overdue_ratio"] == 2.0
    # A capacity that shrank gives no 新增债务率 rather than a negative one.
    years[1] = FiscalRow(2025, 350, 0, 0, 0, general_budget_expenditure=300)
    assert services.yearly_indicators(rows, years)[1]["new_debt_ratio"] is None


def test_portfolio_indicators():
    # As of 2026-01: 100 due in 2026-02 (2 %), 300 due 2026-10 (4 %), 600 due 2028 (8 %,
    # non-standard). Due within 12 months 400 of 1000 = 40 %; within 3 months 100 of
    # principal plus interest of Jan–Mar.
    rows = [
        row("a", 100, 2, D(2026, 2, 1)),
        row("b", 300, 4, D(2026, 10, 1)),
        row("c", 600, 8, D(2028, 1, 1), kind="non_standard"),
    ]
    p = services.portfolio_indicators(rows, cash_now=50, as_of=D(2026, 1, 15))
    interest_3 = 100 * 0.02 / 12 * 2 + 300 * 0.04 / 12 * 3 + 600 * 0.08 / 12 * 3
    assert p["outstanding"] == 1000
    assert p["short_term_share"] == 40.0
    assert p["short_term_warn"] is True
    assert p["due_3"] == pytest.approx(round(100 + interest_3, 2))
    assert p["cash_coverage"] == round(50 / (100 + interest_3), 2)
    assert p["cash_coverage_warn"] is True
    assert p["weighted_cost"] == pytest.approx((100 * 2 + 300 * 4 + 600 * 8) / 1000)
    assert p["non_standard_share"] == 60.0


def test_high_cost_saving_to_maturity():
    rows = [
        row("hi", 1000, 8, D(2028, 1, 1)),
        row("lo", 1000, 5, D(2028, 1, 1)),
    ]
    [h] = services.high_cost(rows, threshold=6, replace_at=4, as_of=D(2026, 1, 1))
    assert h.row.id == "hi"
    assert h.saving == pytest.approx(1000 * 0.04 * 24 / 12)


@pytest.mark.parametrize(
    ("refinanceable", "own", "window", "expected"),
    [(False, 12, 6, 0), (True, 12, None, 12), (True, 12, 6, 6), (True, 3, 6, 3), (True, 0, 6, 6)],
)
def test_window_of(refinanceable, own, window, expected):
    r = row("a", 1, 1, D(2026, 1, 1), refinanceable=refinanceable, defer=own)
    assert services.window_of(r, window) == expected


def test_plan_rows_only_plans_from_the_given_month():
    rows = [
        row("old", 100, 6, D(2025, 12, 1), refinanceable=True, defer=1),
        row("new", 100, 12, D(2026, 1, 1), refinanceable=True, defer=1),
    ]
    r = services.plan_rows(rows, from_month=services.mi(D(2026, 1, 1)))
    assert r.peak_before == 100
    assert r.peak_after == pytest.approx(50)
