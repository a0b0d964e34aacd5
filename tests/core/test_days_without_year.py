"""A day written without its year (3月23日, 3.23) is read in the year the sheet gives, by
the shared day reader every import uses; without one it is refused as needing a year."""

import datetime as dt

import pytest
from django.utils import translation

from mingzhu.core.periods import lost_zero, month_start, parse_day, without_year
from mingzhu.core.tabular import RawRowForm


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("3月23日", dt.date(2025, 3, 23)),
        ("3.23", dt.date(2025, 3, 23)),
        (3.23, dt.date(2025, 3, 23)),  # a number cell
        ("3/23", dt.date(2025, 3, 23)),
        ("2月29日", None),  # not a day of 2025
        (3.5, dt.date(2025, 3, 5)),  # 3.50 is no day: the 5th
        (2.3, dt.date(2025, 2, 3)),  # February has no 30th
        (3.1, None),  # 3.1 or 3.10: cannot be told
        (12.3, None),
        ("2024-03-23", dt.date(2024, 3, 23)),  # a year of its own is kept
    ],
)
def test_a_day_without_its_year_in_the_sheets_year(written, day):
    assert parse_day(written, 2025) == day


def test_what_is_written_without_a_year():
    assert without_year("3月23日") and without_year(3.23) and without_year("2月29日")
    assert not without_year("2025年3月23日") and not without_year("签约")
    assert not without_year("3月") and without_year("3月", month=True)
    assert month_start("3月", 2025) == dt.date(2025, 3, 1)
    assert month_start("3月", None) is None and month_start("13月", 2025) is None
    assert lost_zero(3.1) and lost_zero(3.3) and not lost_zero(3.23) and not lost_zero("3.1")


class Row(RawRowForm):
    def clean_on(self):
        return self.day("on", required=False, month=True, year=self.context.get("year"))


@pytest.mark.parametrize(
    ("year", "written", "day"),
    [
        (2025, "3月23日", dt.date(2025, 3, 23)),
        (2025, "3.23", dt.date(2025, 3, 23)),
        (2025, "3月", dt.date(2025, 3, 1)),
        (None, "2024年3月23日", dt.date(2024, 3, 23)),
        (2025, "", None),
    ],
)
def test_the_row_reader_takes_the_year_it_is_given(year, written, day):
    form = Row({"on": written}, row=2, context={"year": year})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == day


@translation.override("en")
def test_without_a_year_the_row_reader_says_one_is_needed():
    form = Row({"on": "3月23日"}, row=2, context={"year": None})
    assert not form.is_valid()
    assert "3月23日 has no year" in form.errors["on"][0]
    assert "a year is needed" in form.errors["on"][0]
    # A number that may have lost its 0 is refused saying so, in any year.
    form = Row({"on": 3.1}, row=2, context={"year": 2025})
    assert not form.is_valid()
    assert "it may be 3.10" in form.errors["on"][0]
    form = Row({"on": "规划中"}, row=2, context={"year": 2025})
    assert not form.is_valid() and "Dates must look like" in form.errors["on"][0]
