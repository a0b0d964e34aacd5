import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from mingzhu.core.templatetags.mingzhu import cell


def test_it_shows_times_in_shanghai_time():
    moment = dt.datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("zh-hans"):
        shown = str(cell(moment))
    assert "2026年1月1日" in shown
    assert "07:30" in shown


def test_it_shows_dates_and_empty_values():
    with translation.override("zh-hans"):
        assert str(cell(dt.date(2025, 12, 31))) == "2025年12月31日"
        assert cell(None) == "—"
        assert cell("") == "—"
