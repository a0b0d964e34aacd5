"""The evaluation's input from a spreadsheet (.xlsx, .xls or CSV) for the command line: English
or Chinese headers, one message per bad row and field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _

from mingzhu.core.tabular import Column, RawRowForm, RowError, Table
from mingzhu.core.tabular import read_table as read_sheet
from mingzhu.core.tabular import validate_rows as validate_sheet

from . import credit
from .importer import (
    BONUS,
    CODE,
    EXEMPT,
    FIGURES,
    LAND,
    NAME,
    SCALE,
    TOWN,
    VETO,
    number,
    signed,
)
from .services import FIELDS as NUMBERS

# The evaluation's sheet: the registry's key facts, a year's figures (in the columns of
# the annual-data import), the reasons and the bonus.
COLUMNS = [
    ("credit_code", CODE),
    ("name", NAME),
    ("town", TOWN),
    ("scale", SCALE),
    ("land_mu", LAND),
    *FIGURES,
    ("exempt_reason", EXEMPT),
    ("veto_reason", VETO),
    ("bonus", BONUS),
]
CHINESE = {zh: en for en, zh in COLUMNS}
SCALES = {"above": "above", "below": "below", "规上": "above", "规下": "below"}
SHEET_COLUMNS = [Column(en, zh, (en,), required=i < 5) for i, (en, zh) in enumerate(COLUMNS)]


def read_table(path) -> Table:
    """The rows of the file (a path or an open file: .xlsx, .xls or .csv), headers in
    either language."""
    return read_sheet(path, SHEET_COLUMNS)


class EvaluationRow(RawRowForm):
    def clean_credit_code(self):
        try:
            code = credit.validate(self.cleaned_data["credit_code"])
        except credit.CreditCodeError as exc:
            raise forms.ValidationError(str(exc)) from None
        earlier = self.seen_before(code, "code")
        if earlier is not None:
            raise forms.ValidationError(_("the same as row %(row)s.") % {"row": earlier})
        return code

    def clean_scale(self):
        scale = SCALES.get(str(self.cleaned_data["scale"] or "").strip().lower())
        if scale is None:
            raise forms.ValidationError(_("above or below (规上 or 规下)"))
        return scale

    def clean_bonus(self):
        try:
            return signed(self.cleaned_data["bonus"])
        except ValueError:
            raise forms.ValidationError(_("not a number")) from None

    def clean(self):
        data = self.cleaned_data
        for key in ("name", "town", "exempt_reason", "veto_reason"):
            data[key] = str(data.get(key) or "").strip()
        for key in NUMBERS:
            try:
                data[key] = number(data.get(key))
            except ValueError:
                self.add_error(key, _("not a number of 0 or more"))
        land = data.get("land_mu") if "land_mu" not in self.errors else None
        if data.get("scale") == "above" and not (land or Decimal(0)) > 0:
            self.add_error("land_mu", _("in scope of the evaluation but no land area"))
        return data


def validate_rows(table: Table, min_land_below: float = 3) -> tuple[list[dict], list[RowError]]:
    """The valid records (ready for services.Rows.from_records) and the errors."""
    good, errors = validate_sheet(table, EvaluationRow)
    records = [{key: row[key] for key, _zh in COLUMNS} for _number, row in good]
    return records, errors
