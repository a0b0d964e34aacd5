import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mingzhu.targets.services import (
    PeriodError,
    Point,
    evaluate,
    grow,
    parse_period,
    per_capita,
    quarter_period,
    rank,
    read_period,
    required_growth,
    trajectory,
    trend_growth,
    year_period,
    years_between,
)

DEADLINE = dt.date(2025, 12, 31)
AS_OF = dt.date(2024, 6, 30)


def years(*pairs):
    return [Point(year_period(y), Decimal(str(v))) for y, v in pairs]


def run(points, comparator=">", target="800", **kwargs):
    kwargs.setdefault("as_of", AS_OF)
    kwargs.setdefault("deadline", DEADLINE)
    return evaluate(points, comparator=comparator, target=Decimal(target), **kwargs)


def test_it_says_no_data_without_observations():
    result = run([])
    assert result.status == "no_data"
    assert (
        result.latest_value is None and result.progress is None and result.projected_value is None
    )


def test_it_cannot_project_from_one_observation():
    result = run(years((2022, "585.99")))
    assert result.latest_value == Decimal("585.99") and result.latest_period == "2022"
    assert result.progress == Decimal("0.7325")  # 585.99 / 800
    assert result.years_left == Decimal("3.0007")  # 1096 days / 365.25
    assert result.required_growth is not None and result.trend_growth is None
    assert result.projected_value is None and result.status == "unknown"


def test_it_measures_years_left_from_the_end_of_the_latest_period():
    assert years_between(dt.date(2022, 12, 31), DEADLINE) == Decimal(1096) / Decimal("365.25")


def test_it_computes_required_growth_trend_and_projection():
    result = run(years((2021, 500), (2022, 550), (2023, 605)))
    # trend: 500 → 605 over 730 days; required: 605 → 800 over 731 days
    trend = (Decimal(605) / 500) ** (Decimal("365.25") / 730) - 1
    required = (Decimal(800) / 605) ** (Decimal("365.25") / 731) - 1
    assert result.trend_growth == trend.quantize(Decimal("0.0001"))
    assert result.required_growth == required.quantize(Decimal("0.0001"))
    projected = grow(Decimal(605), trend, Decimal(731) / Decimal("365.25"))
    assert result.projected_value == projected.quantize(Decimal("0.0001"))
    assert result.status == "off_track"  # about 732, under 95% of 800


def test_it_uses_only_the_last_three_annual_observations_for_the_trend():
    points = years((2020, 100), (2021, 400), (2022, 440), (2023, 484))
    assert trend_growth(points).quantize(Decimal("0.001")) == Decimal("0.100")


def test_it_says_on_track_when_the_projection_meets_the_target():
    assert run(years((2021, 600), (2022, 660), (2023, 726))).status == "on_track"  # 10% a year


def test_it_says_at_risk_within_95_percent():
    # 4.5% a year from 726 (2023) reaches about 792.9: 99% of 800
    result = run(years((2022, "694.74"), (2023, 726)))
    assert Decimal("760") <= result.projected_value < Decimal("800")
    assert result.status == "at_risk"


def test_it_handles_negative_growth():
    result = run(years((2021, 700), (2022, 650), (2023, 600)))
    assert result.trend_growth < 0 and result.projected_value < Decimal(600)
    assert result.required_growth > 0 and result.status == "off_track"


def test_it_says_achieved_once_an_observation_meets_the_target():
    result = run(years((2021, 700), (2022, 810), (2023, 790)))
    assert result.status == "achieved" and result.latest_value == Decimal(790)


def test_it_says_missed_after_the_deadline():
    result = run(years((2023, 700), (2024, 750), (2025, 790)), as_of=dt.date(2026, 3, 1))
    assert result.status == "missed"
    assert result.years_left == 0 and result.projected_value == Decimal(790)
    assert result.required_growth is None


def test_it_requires_no_growth_once_the_deadline_has_passed():
    # The latest value is older than the deadline: years were left from it, but the day
    # has passed, so the target is missed and no growth is required any more.
    points = years((2022, 600), (2023, 608))
    before = run(points, as_of=dt.date(2024, 6, 30))
    assert before.required_growth is not None and before.required_growth > 0
    after = run(points, as_of=dt.date(2026, 1, 1))
    assert after.status == "missed"
    assert after.required_growth is None and after.years_left == 0


def test_it_keeps_achieved_after_the_deadline():
    result = run(years((2024, 790), (2025, 801)), as_of=dt.date(2027, 1, 1))
    assert result.status == "achieved"


def test_it_ignores_observations_of_periods_not_over_on_as_of():
    result = run(years((2022, 600), (2023, 900)), as_of=dt.date(2023, 6, 30))
    assert result.latest_period == "2022" and result.status == "unknown"


def test_it_compares_strictly_for_greater_than():
    assert run(years((2025, 800)), as_of=dt.date(2026, 1, 1)).status == "missed"
    assert run(years((2025, 800)), comparator=">=", as_of=dt.date(2026, 1, 1)).status == "achieved"


def test_it_mirrors_the_rules_for_lower_is_better():
    kwargs = {"comparator": "<=", "target": "0.40", "direction": "lower"}
    falling = years((2021, "0.50"), (2022, "0.46"), (2023, "0.42"))
    result = run(falling, **kwargs)
    assert result.progress == Decimal("0.9524")  # 0.40 / 0.42
    assert result.trend_growth < 0 and result.required_growth < 0
    assert result.status == "on_track"
    slow = years((2021, "0.46"), (2022, "0.45"), (2023, "0.44"))
    assert run(slow, **kwargs).status == "at_risk"  # about 0.42: 0.40 is 95% of it
    rising = years((2021, "0.41"), (2022, "0.45"), (2023, "0.50"))
    assert run(rising, **kwargs).status == "off_track"
    assert run(years((2022, "0.39")), **kwargs).status == "achieved"


def quarters(values_by_year):
    return [
        Point(quarter_period(year, q), Decimal(str(v)))
        for year, values in values_by_year.items()
        for q, v in enumerate(values, start=1)
    ]


def test_it_compares_only_full_years_of_an_accumulating_quarterly_indicator():
    points = quarters({2022: [150, 300, 450, 600], 2023: [160, 320, 480, 640], 2024: [170]})
    result = run(points, accumulates=True)
    assert result.latest_period == "2023Q4" and result.latest_value == Decimal(640)
    assert result.trend_growth == Decimal("0.0667")  # 600 → 640
    assert result.status == "off_track"


def test_it_counts_a_year_to_date_value_that_already_meets_the_target():
    points = quarters({2022: [150, 300, 450, 600], 2023: [200, 450, 810]})
    assert run(points, accumulates=True, as_of=dt.date(2023, 10, 1)).status == "achieved"


def test_it_takes_each_quarter_of_a_quarterly_indicator_that_does_not_accumulate():
    points = quarters({2023: [10, 11, 12, 13], 2024: [14]})
    result = run(points, target="20", as_of=dt.date(2024, 4, 1))
    assert result.latest_period == "2024Q1"
    assert result.trend_growth is None  # one year-end value only
    assert result.status == "unknown"


def test_it_leaves_growth_undefined_for_values_that_are_not_positive():
    result = run(years((2022, 0), (2023, -5)))
    assert result.required_growth is None and result.trend_growth is None
    assert result.status == "unknown"


@given(
    latest=st.decimals(min_value="0.01", max_value="100000", places=2),
    target=st.decimals(min_value="0.01", max_value="100000", places=2),
    days=st.integers(min_value=365, max_value=4000),
)
def test_it_reaches_the_target_on_the_required_path(latest, target, days):
    assume(Decimal("0.01") <= target / latest <= 100)  # a plan, not a collapse
    t = Decimal(days) / Decimal("365.25")
    rate = required_growth(latest, target, t)
    assert abs(grow(latest, rate, t) - target) <= target * Decimal("1e-6")


@given(
    values=st.lists(
        st.decimals(min_value="1", max_value="10000", places=2), min_size=2, max_size=6
    ),
    target=st.decimals(min_value="1", max_value="10000", places=2),
)
def test_it_projects_consistently_with_the_status(values, target):
    points = years(*[(2018 + i, v) for i, v in enumerate(values)])
    result = run(points, target=str(target), as_of=dt.date(2024, 1, 1))
    if any(v > target for v in values):
        assert result.status == "achieved"
    else:
        expected = {True: "on_track", False: None}[result.projected_value > target]
        if expected:
            assert result.status == "on_track"
        elif result.projected_value >= target * Decimal("0.95"):
            assert result.status in ("at_risk", "on_track")
        else:
            assert result.status == "off_track"


def test_it_draws_the_required_path_and_projection_to_the_deadline():
    latest = years((2023, 605))[0]
    rows = trajectory(latest, Decimal(800), DEADLINE, Decimal("0.15"), Decimal("0.04"))
    assert [r[0] for r in rows] == [dt.date(2023, 12, 31), dt.date(2024, 12, 31), DEADLINE]
    assert rows[0][1:] == (Decimal(605), Decimal(605))
    assert rows[-1][1] == Decimal(800)


@pytest.mark.parametrize(
    ("text", "frequency", "key"),
    [
        ("2025", "year", "2025"),
        (2025, "year", "2025"),
        (2025.0, "year", "2025"),
        ("2025年", "year", "2025"),
        ("2025Q3", "quarter", "2025Q3"),
        ("2025-q3", "quarter", "2025Q3"),
        ("2025年第三季度", "quarter", "2025Q3"),
        ("2025-07", "month", "2025-07"),
        ("2025年7月", "month", "2025-07"),
        (dt.datetime(2025, 7, 1), "month", "2025-07"),
    ],
)
def test_it_reads_periods(text, frequency, key):
    assert parse_period(text, frequency).key == key


def test_it_refuses_a_period_of_the_wrong_frequency():
    with pytest.raises(PeriodError, match="2025Q3"):
        parse_period("2025Q3", "year")
    with pytest.raises(PeriodError):
        parse_period("2025", "month")


@pytest.mark.parametrize("text", ["", "twenty", "2025Q5", "2025-13", None])
def test_it_refuses_what_is_not_a_period(text):
    with pytest.raises(PeriodError):
        read_period(text)


@given(st.integers(1990, 2100), st.integers(1, 4))
def test_it_reads_back_the_keys_it_writes(year, quarter):
    period = quarter_period(year, quarter)
    assert read_period(period.key) == period
    assert read_period(year_period(year).key) == year_period(year)


def test_it_divides_by_the_population_at_the_end_of_the_period():
    totals = years((2021, 560), (2022, "585.99"), (2023, 608))
    population = years((2022, "31.61"), (2023, "31.65"))
    result = per_capita(totals, population, Decimal(10**4))  # 亿元 / 万人 → 元
    assert [p.period.key for p in result] == ["2022", "2023"]
    assert result[0].value == Decimal("185381.2085")


def test_it_ranks_peers_with_gaps():
    rows = rank({"扬中市": Decimal(600), "江阴市": Decimal(4950), "丹阳市": Decimal(1420)})
    assert [(r.unit, r.rank) for r in rows] == [("江阴市", 1), ("丹阳市", 2), ("扬中市", 3)]
    assert rows[0].gap_to_best == 0 and rows[0].above is None and rows[0].gap_to_above is None
    assert rows[2].gap_to_best == Decimal(4350)
    assert rows[2].above == "丹阳市" and rows[2].gap_to_above == Decimal(820)


def test_it_ranks_lower_is_better_and_ties():
    values = {"a": Decimal("0.3"), "b": Decimal("0.3"), "c": Decimal("0.5")}
    rows = rank(values, "lower")
    assert [(r.unit, r.rank) for r in rows] == [("a", 1), ("b", 1), ("c", 3)]
    assert rows[2].gap_to_best == Decimal("0.2") and rows[2].gap_to_above == Decimal("0.2")


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(-1000, 1000), max_size=8))
def test_it_ranks_every_unit_consistently(raw):
    values = {k: Decimal(v) for k, v in raw.items()}
    rows = rank(values)
    assert len(rows) == len(values)
    for row in rows:
        assert row.rank == 1 + sum(v > row.value for v in values.values())
        assert row.gap_to_best >= 0
        assert (row.above is None) == (row.rank == 1)
        if row.above is not None:
            assert 0 < row.gap_to_above <= row.gap_to_best


def test_it_places_each_value_at_its_own_year():
    from mingzhu.targets.progress import year_position

    assert year_position(dt.date(2023, 12, 31)) == 2023.0
    assert year_position(dt.date(2024, 12, 31)) == 2024.0
    assert 2023 < year_position(dt.date(2024, 1, 1)) < year_position(dt.date(2024, 6, 30)) < 2024
    assert year_position(dt.date(2024, 6, 30)) == pytest.approx(2023.5, abs=0.01)
