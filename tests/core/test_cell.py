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


def test_a_compact_day_is_short_in_the_table_and_whole_on_a_card():
    """``compact_day``: 2026-05-06 for the table, the day as ``cell`` shows it for the card
    (.table-only and .card-only), anything that is not a day as ``cell`` shows it."""
    from mingzhu.core.templatetags.mingzhu import compact_day

    with translation.override("zh-hans"):
        assert compact_day(dt.date(2026, 5, 6)) == (
            '<span class="table-only">2026-05-06</span><span class="card-only">2026年5月6日</span>'
        )
        assert compact_day(None) == "—"


def test_a_columns_classes_say_how_it_shows():
    from mingzhu.core.tables import Column

    assert Column("title").cell_css == Column("title").heading_css == ""
    assert Column("name", prose=True).heading_css == "cell-prose"
    amount = Column("total", numeric=True)
    assert amount.cell_css == "cell-num"
    assert amount.heading_css == "cell-num heading-wraps"  # 总投资 over （万元）
    assert Column("on", compact_day=True).cell_css == "cell-day"
    assert Column("town", heading_wraps=True).heading_css == "heading-wraps"
