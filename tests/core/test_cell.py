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


def test_a_date_shows_as_the_date_filter_shows_it_in_each_language():
    """``cell`` keeps a date's text per language; each is the ``date`` filter's."""
    from django.template.defaultfilters import date as date_filter
    from django.test import override_settings

    from mingzhu.core.templatetags import mingzhu as tags

    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 400, 7)]
    seen = {}
    for _round in range(2):  # the second from what is kept
        for language in ["zh-hans", "en"]:
            with translation.override(language):
                for day in days:
                    assert cell(day) == date_filter(day, "DATE_FORMAT"), (language, day)
                seen[language] = cell(days[0])
    assert seen["zh-hans"] != seen["en"]
    with override_settings(USE_THOUSAND_SEPARATOR=True):  # any change of the settings
        assert not tags._DATES
