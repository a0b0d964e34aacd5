"""Numbers as people write them: one set of rules (mingzhu.core.numbers) for pages (the
filters number, percent and amount, and table cells), notices and spreadsheets."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.template import Context, Template
from openpyxl import load_workbook

from mingzhu.core import numbers
from mingzhu.core.excel import write_xlsx
from mingzhu.core.templatetags.mingzhu import cell


def render(text: str, **context) -> str:
    return Template("{% load mingzhu %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("608.0000"), "608"),
        (Decimal("660.1887"), "660.19"),
        (3323300.0, "3,323,300"),
        (Decimal("27750.50"), "27,750.5"),
        (Decimal("-0.001"), "0"),
        (-1234.567, "-1,234.57"),
        (0, "0"),
        (None, "—"),
        ("", "—"),
        ("n/a", "n/a"),
    ],
)
def test_a_number_drops_trailing_zeros_and_groups_thousands(value, shown):
    assert numbers.number(value) == shown
    assert render("{{ v|number }}", v=value) == shown


def test_a_number_with_digits_keeps_exactly_that_many():
    assert render("{{ v|number:1 }}", v=Decimal("2.0014")) == "2.0"
    assert render("{{ v|number:0 }}", v=3323300.4) == "3,323,300"
    assert render("{{ v|number:2 }}", v=Decimal("84")) == "84.00"


def test_a_rate_kept_as_a_fraction_shows_in_per_cent():
    assert render("{{ v|percent }}", v=Decimal("0.5000")) == "50.0%"
    assert render("{{ v|percent:0 }}", v=0.19) == "19%"
    assert numbers.percent(0.1875, None) == "18.75%"
    assert numbers.percent(None) == "—"


def test_an_amount_carries_its_unit():
    assert render('{{ v|amount:"万元" }}', v=Decimal("27750.0000")) == "27,750 万元"
    assert render('{{ v|amount:"万元" }}', v=None) == "—"


def test_a_table_cell_shows_decimals_and_floats_as_numbers():
    assert cell(Decimal("608.0000")) == "608"
    assert cell(660.1887) == "660.19"
    assert cell(2026) == 2026  # whole numbers (years, counts) stay as they are


def test_a_spreadsheet_keeps_real_numbers_with_a_number_format():
    content = write_xlsx("t", ["a", "b", "c"], [[Decimal("608.0000"), 660.1887, "text"]])
    sheet = load_workbook(BytesIO(content)).active
    a, b, c = sheet[3]  # under the title row and the header
    assert a.value == 608 and a.number_format == "#,##0"
    assert b.value == pytest.approx(660.1887) and b.number_format == "#,##0.00"
    assert c.value == "text"
