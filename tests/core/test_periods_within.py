"""A time limit counted from a day, as a 隐患/督办 ledger writes it in its 时限 cell
(``core.periods.within``): 3日内, 15个工作日内, 一个月内, 30日内办结 — a count and its unit,
the day it gives known only once the day it counts from is; a bare number, a day of the
month (3日) or a month (3月, 2月内) is none of these."""

import datetime as dt

import pytest

from mingzhu.core.periods import Within, deadline_in, within

D = dt.date


def every_day(start: D, n: int) -> D:
    """A stand-in working-day counter with no days off."""
    return start + dt.timedelta(days=n)


def weekdays(start: D, n: int) -> D:
    """A stand-in working-day counter: Monday to Friday."""
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("3日内", 3, "day"),
        ("3天内", 3, "day"),
        ("3天", 3, "day"),
        ("15个工作日内", 15, "working_day"),
        ("7个工作日", 7, "working_day"),
        ("十五个工作日内", 15, "working_day"),
        ("一个月内", 1, "month"),
        ("2个月内", 2, "month"),
        ("两个月", 2, "month"),
        ("30日内办结", 30, "day"),
        ("限10日内完成", 10, "day"),
        ("两周内", 2, "week"),
        ("1年内", 1, "year"),
        (" 5 个工作日内 ", 5, "working_day"),
        # Half a month is 15 days, half a year six months.
        ("半个月内", 15, "day"),
        ("半月内", 15, "day"),
        ("半个月", 15, "day"),
        ("半年内", 6, "month"),
        ("半年内完成", 6, "month"),
        # Hours.
        ("24小时内", 24, "hour"),
        ("48小时内办结", 48, "hour"),
        ("72小时", 72, "hour"),
        ("24个小时内", 24, "hour"),
        ("二十四小时内", 24, "hour"),
        ("24小时内处置", 24, "hour"),
    ],
)
def test_a_time_limit_is_a_count_and_its_unit(text, count, unit):
    limit = within(text)
    assert (limit.count, limit.unit) == (count, unit)
    assert limit.words == "".join(text.split())


@pytest.mark.parametrize(
    "value",
    [
        *("15", 15, 15.0, "3日", "3月", "2月内", "0日内", "年内", "6月30日前", "立行立改"),
        # 半年 and 半月 without 内 are a half of the year or a month; no half a day or hour.
        *(
            "半年",
            "上半年",
            "下半年内",
            "半月",
            "半天内",
            "半小时内",
            "半周内",
            "0小时内",
            "",
            None,
        ),
    ],
)
def test_a_bare_number_a_day_or_a_month_is_no_time_limit(value):
    assert within(value) is None


def test_the_due_day_counts_from_the_start():
    start = D(2026, 3, 2)  # a Monday
    assert within("3日内").due(start, every_day) == D(2026, 3, 5)
    assert within("两周内").due(start, every_day) == D(2026, 3, 16)
    # Working days through the caller's calendar: five from a Monday end on the next.
    assert within("5个工作日内").due(start, weekdays) == D(2026, 3, 9)
    assert within("5个工作日内").due(start, every_day) == D(2026, 3, 7)


def test_a_month_later_is_the_same_day_or_the_shorter_months_last():
    assert within("一个月内").due(D(2026, 3, 15), every_day) == D(2026, 4, 15)
    assert within("一个月内").due(D(2026, 1, 31), every_day) == D(2026, 2, 28)
    assert within("2个月内").due(D(2026, 12, 31), every_day) == D(2027, 2, 28)
    assert within("1年内").due(D(2028, 2, 29), every_day) == D(2029, 2, 28)


def test_half_a_month_is_fifteen_days_and_half_a_year_six_months():
    assert within("半个月内").due(D(2026, 3, 20), every_day) == D(2026, 4, 4)
    assert within("半年内").due(D(2026, 3, 15), every_day) == D(2026, 9, 15)
    assert within("半年内").due(D(2026, 8, 31), every_day) == D(2027, 2, 28)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("24小时内", D(2026, 3, 3)),
        ("36小时内", D(2026, 3, 4)),
        ("48小时内", D(2026, 3, 4)),
        ("72小时内", D(2026, 3, 5)),
        ("12小时内", D(2026, 3, 3)),
    ],
)
def test_hours_are_whole_days_from_the_start_rounded_up(text, due):
    # Calendar days, whatever the working-day counter says.
    assert within(text).due(D(2026, 3, 2), weekdays) == due


@pytest.mark.parametrize("text", ["15个工作日内", "半年内", "半个月内", "24小时内", "1年内"])
def test_deadline_in_leaves_a_time_limit_to_the_caller(text):
    # The day depends on the day counted from: deadline_in gives none (半年内 is not the
    # year's end, 1年内 not this year).
    assert deadline_in(text, 2026) == (None, False)
    assert isinstance(within(text), Within)
