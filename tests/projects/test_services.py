import datetime as dt
from decimal import Decimal

import pytest

from mingzhu.projects import services
from mingzhu.projects.choices import Stage


@pytest.mark.parametrize(
    ("amount", "tier"),
    [
        (0, "below"),
        (9_999.99, "below"),
        (10_000, "yi"),
        (99_999, "yi"),
        (100_000, "10yi"),
        (299_999, "10yi"),
        (300_000, "30yi"),
        (499_999, "30yi"),
        (500_000, "50yi"),
        (999_999, "50yi"),
        (1_000_000, "100yi"),
        (None, "below"),
    ],
)
def test_it_derives_the_tier_from_the_investment(amount, tier):
    assert services.tier_of(None if amount is None else Decimal(str(amount))) == tier


def test_tier_bounds_match_the_tiers():
    assert services.tier_bounds("30yi") == (Decimal(300_000), Decimal(500_000))
    assert services.tier_bounds("100yi") == (Decimal(1_000_000), None)
    with pytest.raises(ValueError):
        services.tier_bounds("nope")


@pytest.mark.parametrize(
    ("stage", "moves"),
    [
        (Stage.NEGOTIATING, [Stage.SIGNED, Stage.SUSPENDED]),
        (Stage.SIGNED, [Stage.LANDED, Stage.SUSPENDED]),
        (Stage.LANDED, [Stage.UNDER_CONSTRUCTION, Stage.SUSPENDED]),
        (Stage.UNDER_CONSTRUCTION, [Stage.IN_OPERATION, Stage.SUSPENDED]),
        (Stage.IN_OPERATION, []),
    ],
)
def test_a_stage_only_moves_forward_or_to_suspended(stage, moves):
    assert services.allowed_moves(stage) == moves


def test_a_suspended_project_goes_back_to_where_it_was():
    assert services.allowed_moves(Stage.SUSPENDED, Stage.LANDED) == [Stage.LANDED]
    assert services.allowed_moves(Stage.SUSPENDED, None) == []


def test_check_move_names_what_is_wrong():
    day = dt.date(2025, 5, 1)
    ok = {"on": day, "last_on": dt.date(2025, 4, 1)}
    assert services.check_move(Stage.SIGNED, Stage.LANDED, **ok) is None
    assert services.check_move(Stage.SIGNED, Stage.NEGOTIATING, **ok) == "not_allowed"
    assert services.check_move(Stage.SIGNED, Stage.UNDER_CONSTRUCTION, **ok) == "not_allowed"
    assert services.check_move(Stage.SIGNED, "nonsense", **ok) == "not_allowed"
    assert (
        services.check_move(Stage.SIGNED, Stage.LANDED, on=day, last_on=dt.date(2025, 5, 2))
        == "before_last"
    )
    assert services.check_move(Stage.SIGNED, Stage.LANDED, on=day, last_on=day) is None
    assert services.check_move(Stage.SIGNED, Stage.SUSPENDED, **ok) == "reason"
    assert services.check_move(Stage.SIGNED, Stage.SUSPENDED, reason=" 资金 ", **ok) is None


@pytest.mark.parametrize(
    ("completed", "planned", "light"),
    [
        (100, 100, "green"),
        (150, 100, "green"),
        (99.99, 100, "yellow"),
        (50, 100, "yellow"),  # short by exactly half: still yellow
        (49.99, 100, "red"),
        (0, 100, "red"),
        (10, 0, None),  # no plan: no light
        (None, None, None),
    ],
)
def test_the_investment_light_at_its_edges(completed, planned, light):
    to_decimal = lambda v: None if v is None else Decimal(str(v))  # noqa: E731
    assert services.light(to_decimal(completed), to_decimal(planned)) == light


def test_the_plan_so_far_is_spread_over_the_months():
    assert services.ytd_plan(Decimal(1200), 3) == 300
    assert services.ytd_plan(None, 6) == 0
    monthly = [(1, Decimal(10)), (2, Decimal(20)), (7, Decimal(100))]
    assert services.ytd_completed(monthly, 6) == 30


def test_investment_months_run_to_the_month_given():
    monthly = {1: Decimal("100"), 3: Decimal("50.5")}
    months = services.investment_months(monthly, Decimal(1200), 3)
    assert months["monthly"] == [100.0, 0.0, 50.5] + [0.0] * 9
    assert months["cumulative"] == [100.0, 100.0, 150.5] + [None] * 9
    assert months["plan"] == [100.0 * m for m in range(1, 13)]
    empty = services.investment_months({}, None, 12)
    assert empty == {"monthly": [0.0] * 12, "cumulative": [0.0] * 12, "plan": [0.0] * 12}
