"""Deadlines an item names by a season, and 每年 said of a rate (``item_deadline``), on
sentences written for the test."""

import datetime as dt

import pytest

from mingzhu.core.periods import deadline_in, item_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新建城北小学，秋季投入使用。", dt.date(2029, 9, 30)),  # the school term opens
        ("春季开学前完成教学楼改造。", dt.date(2029, 3, 31)),
        ("秋季完成植树造林2万亩。", dt.date(2029, 11, 30)),  # the season's last month
        ("夏季完成防汛设施检修。", dt.date(2029, 8, 31)),
        ("春季开展农田水利设施修缮。", dt.date(2029, 5, 31)),
        ("秋冬季开展大气污染防治攻坚。", dt.date(2029, 12, 31)),
        ("四季度末完成验收。", dt.date(2029, 12, 31)),  # a quarter, no season
    ],
)
def test_a_season_dates_an_item_by_its_end(text, expected):
    day, words, long_running = item_deadline(text, 2029)
    assert (day, long_running) == (expected, False)
    assert "季" in words


def test_a_season_needs_the_documents_year():
    assert item_deadline("秋季投入使用。", None) == (None, "", False)


def test_meiren_meinian_is_a_rate_not_work_done_every_year():
    assert item_deadline("对到乡镇工作的医生给予每人每年5000元补助。", 2029) == (None, "", False)
    assert item_deadline("每年开展两次安全检查。", 2029) == (None, "每年", True)


def test_a_sheet_cell_naming_a_season_is_its_end():
    assert deadline_in("秋季", 2029) == (dt.date(2029, 11, 30), False)
