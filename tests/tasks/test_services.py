import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mingzhu.tasks import services
from mingzhu.tasks.choices import DeadlineBasis, Status
from mingzhu.tasks.services import TaskFacts

D = dt.date
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))


def test_it_knows_the_national_day_holiday_and_the_make_up_day():
    assert not services.is_workday(D(2025, 10, 1))
    assert not services.is_workday(D(2025, 10, 8))
    assert services.is_workday(D(2025, 9, 28))  # a Sunday, worked to make up
    assert services.is_workday(D(2025, 10, 9))


def test_it_falls_back_to_weekdays_for_unknown_years():
    assert services.is_workday(D(2099, 1, 5))  # a Monday
    assert not services.is_workday(D(2099, 1, 4))  # a Sunday


def test_it_adds_working_days_across_the_holiday():
    assert services.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert services.add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    assert services.add_working_days(D(2025, 10, 9), -1) == D(2025, 9, 30)
    assert services.add_working_days(D(2025, 10, 3), 0) == D(2025, 10, 3)


@given(days, st.integers(min_value=0, max_value=40))
def test_it_adds_working_days_consistently(start, n):
    end = services.add_working_days(start, n)
    assert services.working_days_between(start, end) == n
    assert n == 0 or services.is_workday(end)
    assert services.add_working_days(end, -n) <= start or not services.is_workday(start)


@given(days, days)
def test_it_counts_working_days_antisymmetrically(a, b):
    assert services.working_days_between(a, b) == -services.working_days_between(b, a)


def light(deadline, as_of, progress=0, start=None, status=Status.IN_PROGRESS):
    return services.light(
        status=status, deadline=deadline, progress=progress, start=start or as_of, as_of=as_of
    )


def test_it_lights_red_the_day_after_the_deadline():
    assert light(D(2025, 6, 30), D(2025, 7, 1), progress=90) == "red"
    assert light(D(2025, 6, 30), D(2025, 6, 30), progress=90) == "yellow"


def test_it_lights_yellow_through_the_holiday_when_three_working_days_remain():
    # Nine calendar days but only one working day (10-09) left.
    assert light(D(2025, 10, 9), D(2025, 9, 30)) == "yellow"


def test_it_counts_the_make_up_working_day():
    # From 09-26: 09-28 (make-up), 09-29, 09-30, 10-09 are four working days: green.
    assert light(D(2025, 10, 9), D(2025, 9, 26), start=D(2025, 9, 20), progress=80) == "green"
    # Without the make-up day it would have been three, and yellow; from 09-28 it is.
    assert light(D(2025, 10, 9), D(2025, 9, 28), start=D(2025, 9, 20), progress=80) == "yellow"


def test_it_lights_yellow_when_progress_lags_by_more_than_twenty_points():
    start, deadline, as_of = D(2025, 1, 1), D(2025, 4, 11), D(2025, 2, 20)  # 50 of 100 days
    assert light(deadline, as_of, progress=29, start=start) == "yellow"  # 21 points behind
    assert light(deadline, as_of, progress=30, start=start) == "green"  # exactly 20: not more


def test_it_gives_no_light_to_finished_or_draft_tasks():
    for status in (Status.CLOSED, Status.CANCELLED, Status.DRAFT):
        assert light(D(2020, 1, 1), D(2025, 1, 1), status=status) is None


@given(days, days, st.integers(min_value=0, max_value=100))
def test_it_lights_red_exactly_when_overdue(deadline, as_of, progress):
    result = light(deadline, as_of, progress, start=min(deadline, as_of))
    assert (result == "red") == (as_of > deadline)
    assert result in {"red", "yellow", "green"}


def test_it_derives_sheet_levels():
    kw = {"status": Status.IN_PROGRESS, "progress": 90}
    overdue = services.sheet_level(
        deadline=D(2025, 1, 1), start=D(2024, 1, 1), as_of=D(2025, 1, 2), **kw
    )
    near = services.sheet_level(
        deadline=D(2025, 1, 3), start=D(2024, 1, 1), as_of=D(2025, 1, 2), **kw
    )
    behind = services.sheet_level(
        status=Status.ACCEPTED,
        progress=0,
        deadline=D(2025, 12, 31),
        start=D(2025, 1, 1),
        as_of=D(2025, 7, 1),
    )
    green = services.sheet_level(
        deadline=D(2025, 12, 31), start=D(2025, 1, 1), as_of=D(2025, 2, 1), **kw
    )
    assert (overdue, near, behind, green) == ("red", "blue", "yellow", None)


def test_it_weights_the_parent_progress():
    assert services.parent_progress([(100, 1), (0, 3)]) == 25
    assert services.parent_progress([]) == 0


def test_it_marks_a_unit_with_three_red_sheets_in_a_quarter_for_interview():
    sheets = [(7, D(2025, 1, 5)), (7, D(2025, 2, 5)), (7, D(2025, 3, 31)), (8, D(2025, 1, 1))]
    assert services.units_for_interview(sheets) == {(7, 2025, 1)}
    assert services.units_for_interview(sheets[1:] + [(7, D(2025, 4, 1))]) == set()


def test_interviews_name_the_units_due_by_name():
    sheets = [(7, D(2025, 1, 5), "住建局"), (7, D(2025, 2, 5), "住建局")]
    sheets += [(7, D(2025, 3, 31), "住建局"), (8, D(2025, 4, 1), "财政局")]
    sheets += [(8, D(2025, 5, 1), "财政局"), (8, D(2025, 6, 1), "财政局")]
    sheets += [(9, D(2025, 1, 1), "交通局")]
    assert services.interviews(iter(sheets)) == [("住建局", 2025, 1), ("财政局", 2025, 2)]
    assert services.interviews([]) == []


def test_it_computes_unit_metrics():
    start, end = D(2025, 1, 1), D(2025, 3, 31)
    facts = [
        # closed on time, accepted the next working day
        TaskFacts(1, Status.CLOSED, D(2025, 2, 1), None, D(2025, 1, 3), D(2025, 1, 6),
                  D(2025, 1, 31), closure_requests=2, returns=1),
        # closed late
        TaskFacts(1, Status.CLOSED, D(2025, 2, 1), None, D(2025, 1, 3), D(2025, 1, 10),
                  D(2025, 2, 10), closure_requests=1),
        # deferred: due in the period, taken out of the on-time denominator
        TaskFacts(1, Status.DEFERRED, D(2025, 6, 1), D(2025, 3, 1), D(2025, 1, 3)),
        # due after the period
        TaskFacts(1, Status.IN_PROGRESS, D(2025, 9, 1), None, D(2025, 1, 3)),
        TaskFacts(2, Status.CANCELLED, D(2025, 2, 1)),
    ]  # fmt: skip
    (row,) = services.unit_metrics(facts, start, end)
    assert row["unit"] == 1
    assert row["assigned"] == 4
    assert row["acceptance_rate"] == 0.25
    assert (row["due"], row["deferred"], row["closed_on_time"]) == (3, 1, 1)
    assert row["on_time_rate"] == 0.5
    assert row["closure_rate"] == round(2 / 3, 4)
    assert row["rework_rate"] == round(1 / 3, 4)
    assert row["average_handling_days"] == 33.0


def test_it_leaves_rates_undefined_without_a_denominator():
    (row,) = services.unit_metrics(
        [TaskFacts(3, Status.ASSIGNED, D(2030, 1, 1))], D(2025, 1, 1), D(2025, 1, 31)
    )
    assert row["on_time_rate"] is None and row["rework_rate"] is None


# Working hours: 08:30-12:00 and 13:30-17:30 on working days, Asia/Shanghai.
SH = services.WORK_ZONE


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SH)


moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 12, 31), timezones=st.just(SH)
)
spans = st.integers(min_value=0, max_value=200 * 60).map(lambda m: dt.timedelta(minutes=m))


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at(2025, 6, 3, 9, 0), 2, at(2025, 6, 3, 11, 0)),
        (at(2025, 6, 3, 10, 0), 2, at(2025, 6, 3, 12, 0)),  # ends at noon, not 13:30
        (at(2025, 6, 3, 11, 0), 2, at(2025, 6, 3, 14, 30)),  # across lunch
        (at(2025, 6, 3, 12, 30), 1, at(2025, 6, 3, 14, 30)),  # starts in the lunch break
        (at(2025, 6, 3, 16, 0), 4, at(2025, 6, 4, 11, 0)),  # across the evening
        (at(2025, 6, 3, 20, 0), 4, at(2025, 6, 4, 14, 0)),  # reported in the evening
        (at(2025, 6, 3, 7, 0), 0.5, at(2025, 6, 3, 9, 0)),  # before opening
        (at(2025, 6, 6, 16, 30), 4, at(2025, 6, 9, 11, 30)),  # Friday -> Monday
        (at(2025, 6, 7, 10, 0), 4, at(2025, 6, 9, 14, 0)),  # Saturday
        (at(2025, 6, 3, 8, 30), 7.5, at(2025, 6, 3, 17, 30)),  # a whole working day
        # National Day 2025: 09-28 (a Sunday) is worked, 10-01..10-08 are off.
        (at(2025, 9, 26, 16, 0), 4, at(2025, 9, 28, 11, 0)),
        (at(2025, 9, 27, 10, 0), 1, at(2025, 9, 28, 9, 30)),
        (at(2025, 9, 30, 16, 0), 4, at(2025, 10, 9, 11, 0)),
        (at(2025, 10, 3, 9, 0), 3.5, at(2025, 10, 9, 12, 0)),
        (at(2025, 10, 3, 9, 0), 0, at(2025, 10, 9, 8, 30)),
        (dt.datetime(2025, 9, 30, 9, 0, tzinfo=dt.UTC), 1, at(2025, 10, 9, 9, 0)),  # 17:00
    ],
)
def test_it_adds_working_hours(start, hours, due):
    result = services.add_working_hours(start, hours)
    assert result == due
    assert result.utcoffset() == dt.timedelta(hours=8)


def test_it_refuses_naive_or_negative_input():
    with pytest.raises(ValueError):
        services.add_working_hours(dt.datetime(2025, 6, 3, 9), 1)
    with pytest.raises(ValueError):
        services.add_working_hours(at(2025, 6, 3, 9), -1)


@given(moments, spans)
def test_it_ends_inside_working_hours(start, span):
    result = services.add_working_hours(start, span)
    assert services.is_working_time(result)
    assert result >= start
    assert result - start >= span  # office time never runs faster than the clock


@given(moments, spans, spans)
def test_it_adds_working_hours_additively(start, a, b):
    once = services.add_working_hours(start, a + b)
    assert services.add_working_hours(services.add_working_hours(start, a), b) == once


@given(moments, moments, spans, spans)
def test_it_adds_working_hours_monotonically(s1, s2, a, b):
    s1, s2 = min(s1, s2), max(s1, s2)
    a, b = min(a, b), max(a, b)
    assert services.add_working_hours(s1, a) <= services.add_working_hours(s2, a)
    assert services.add_working_hours(s1, a) <= services.add_working_hours(s1, b)


@pytest.mark.parametrize(
    ("basis", "limit", "deadline", "due_at"),
    [
        (DeadlineBasis.CALENDAR_DAYS, 3, dt.date(2025, 10, 3), None),
        (DeadlineBasis.WORKING_DAYS, 1, dt.date(2025, 10, 9), None),
        (DeadlineBasis.WORKING_HOURS, 1, dt.date(2025, 9, 30), (2025, 9, 30, 11, 0)),
        # 16:00 + 4 working hours: 1.5 h that day, the rest after the National Day holiday.
        (DeadlineBasis.WORKING_HOURS, 4, dt.date(2025, 10, 9), None),
    ],
)
def test_it_gives_the_deadline_of_a_time_limit(basis, limit, deadline, due_at):
    zone = services.WORK_ZONE
    start = dt.datetime(2025, 9, 30, 10 if limit == 1 else 16, tzinfo=zone)
    got_deadline, got_due_at = services.due_for(start, limit, basis)
    assert got_deadline == deadline
    if basis != DeadlineBasis.WORKING_HOURS:
        assert got_due_at is None
    elif due_at is not None:
        assert got_due_at == dt.datetime(*due_at, tzinfo=zone)
    else:
        assert got_due_at.date() == deadline


def test_unit_rows_rank_by_on_time_rate_then_name():
    rows = [
        {"unit": 1, "unit_name": "生态环境局", "on_time_rate": 0.5},
        {"unit": 2, "unit_name": "发展和改革委员会", "on_time_rate": None},
        {"unit": 3, "unit_name": "住房和城乡建设局", "on_time_rate": 0.5},
        {"unit": 4, "unit_name": "财政局", "on_time_rate": 1.0},
        {"unit": 5, "unit_name": "交通运输局", "on_time_rate": 0.0},
    ]
    ranked = services.by_on_time_rate(rows)
    assert [r["unit"] for r in ranked] == [4, 3, 1, 5, 2]
    assert [r["unit"] for r in rows] == [1, 2, 3, 4, 5]  # the rows given keep their order
    assert services.by_on_time_rate([]) == []
