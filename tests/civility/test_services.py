import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from mingzhu.civility.services import (
    award_blockers,
    campaign_lists,
    campaign_summary,
    month_calendar,
    notice_end,
    volunteer_totals,
)

D = dt.date(2025, 3, 3)


def test_it_counts_the_notice_in_calendar_days():
    assert notice_end(D, 7) == dt.date(2025, 3, 9)
    assert notice_end(D, 1) == D
    with pytest.raises(ValueError):
        notice_end(D, 0)


def test_it_says_why_an_application_may_not_be_awarded():
    end = dt.date(2025, 3, 9)
    assert award_blockers("on_notice", end, [], dt.date(2025, 3, 10)) == []
    assert award_blockers("on_notice", end, ["dismissed"], dt.date(2025, 3, 10)) == []
    assert award_blockers("on_notice", end, [], end) == ["notice_running"]
    assert award_blockers("on_notice", end, ["pending", "upheld"], dt.date(2025, 4, 1)) == [
        "objection_pending",
        "objection_upheld",
    ]
    assert award_blockers("approved", None, [], D) == ["not_on_notice"]


def test_it_totals_volunteer_hours_per_person_and_unit():
    rows = [
        ("王丽", 1, Decimal("2.0")),
        ("王丽", 1, Decimal("3.5")),
        ("王丽", 2, Decimal("1.0")),  # a namesake in another unit is another person
        ("张伟", 2, Decimal("4.0")),
    ]
    result = volunteer_totals(rows)
    assert result["people"] == [
        {"volunteer": "王丽", "unit": 1, "hours": Decimal("5.5"), "times": 2},
        {"volunteer": "张伟", "unit": 2, "hours": Decimal("4.0"), "times": 1},
        {"volunteer": "王丽", "unit": 2, "hours": Decimal("1.0"), "times": 1},
    ]
    assert result["units"] == [
        {"unit": 1, "hours": Decimal("5.5"), "volunteers": 1},
        {"unit": 2, "hours": Decimal("5.0"), "volunteers": 2},
    ]
    assert result["hours"] == Decimal("10.5")


def test_it_lays_out_a_month_from_monday():
    weeks = month_calendar(2025, 3, [(dt.date(2025, 3, 3), "a"), (dt.date(2025, 4, 1), "x")])
    assert len(weeks) == 6  # March 2025 starts on a Saturday and ends on a Monday
    assert weeks[0][:5] == [(None, [])] * 5 and weeks[0][5] == (dt.date(2025, 3, 1), [])
    assert weeks[1][0] == (dt.date(2025, 3, 3), ["a"])
    assert all(day is None or day.month == 3 for week in weeks for day, _items in week)


def test_it_summarises_a_task_list_without_cancelled_tasks():
    rows = [("closed", None), ("in_progress", "red"), ("accepted", "yellow"), ("cancelled", None)]
    assert campaign_summary(rows) == {"total": 3, "closed": 1, "rate": 1 / 3, "red": 1, "yellow": 1}
    assert campaign_summary([])["rate"] is None


def test_campaign_lists_group_the_tasks_by_list_in_order():
    first, second = SimpleNamespace(name="测评"), SimpleNamespace(name="整改")

    def task(task_list, status, light=None):
        return SimpleNamespace(
            task_list_id=id(task_list), task_list=task_list, status=status, light=light
        )

    tasks = [
        task(first, "closed"),
        task(first, "in_progress", "red"),
        task(second, "cancelled"),
        task(first, "accepted", "yellow"),
    ]
    lists = campaign_lists(tasks)
    assert [entry["task_list"] for entry in lists] == [first, second]
    assert lists[0]["tasks"] == [tasks[0], tasks[1], tasks[3]]
    assert lists[0]["summary"] == {"total": 3, "closed": 1, "rate": 1 / 3, "red": 1, "yellow": 1}
    assert lists[1]["tasks"] == [tasks[2]]
    assert lists[1]["summary"] == campaign_summary([])
    assert campaign_lists([]) == []
