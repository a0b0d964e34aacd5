"""The towns' input table from a file (.xlsx, .xls or CSV) for `mingzhu appraise flags --input`:
every row is checked and every problem reported, naming the row and the column."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from django import forms
from django.utils.translation import gettext as _

from mingzhu.core.tabular import Column, RawRowForm, RowError, validate_rows
from mingzhu.core.tabular import read_table as read_sheet

from .inputs import TOWN_COUNTS, TOWN_ITEMS
from .scoring import UnitInput

# Chinese headers accepted beside the codes.
HEADERS = {
    "单位": "unit",
    "新签约项目总投资": "signed_investment",
    "新签约亿元以上项目数": "signed_major_count",
    "新开工亿元以上项目数": "started_major_count",
    "投资完成率": "investment_completion",
    "竣工投产项目数": "completed_count",
    "观摩得分": "inspection_score",
    "30亿元以上项目数": "signed_30yi_count",
    "50亿元以上项目数": "signed_50yi_count",
}
COLUMN_KEYS = ("unit", *TOWN_ITEMS, *TOWN_COUNTS)
CHINESE = {code: zh for zh, code in HEADERS.items()}
COLUMNS = [Column(k, CHINESE.get(k, k), (k,)) for k in COLUMN_KEYS]
COUNT_COLUMNS = {"signed_major_count", "started_major_count", "completed_count", *TOWN_COUNTS}


class TownRow(RawRowForm):
    def clean_unit(self):
        label = str(self.cleaned_data["unit"] or "").strip()
        unit = self.context["known"].get(label)
        if unit is None:
            raise forms.ValidationError(_("Unknown unit: %(value)s") % {"value": label or "—"})
        earlier = self.seen_before(unit[0], "unit")
        if earlier is not None:
            raise forms.ValidationError(_("Duplicate of row %(row)s.") % {"row": earlier})
        return unit

    def clean(self):
        data = self.cleaned_data
        for column in (*TOWN_ITEMS, *TOWN_COUNTS):
            try:
                data[column] = _figure(column, data.get(column))
            except forms.ValidationError as exc:
                self.add_error(column, exc)
        return data


def _figure(column: str, raw) -> float:
    if raw is None or str(raw).strip() == "":
        raise forms.ValidationError(_("This field is required."))
    text = str(raw).strip()
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise forms.ValidationError(_("Not a number: %(value)s") % {"value": raw}) from None
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise forms.ValidationError(_("The value must not be negative."))
    if column in COUNT_COLUMNS and value != int(value):
        raise forms.ValidationError(_("A count is a whole number."))
    if column == "inspection_score" and value > 100:
        raise forms.ValidationError(_("A score lies between 0 and 100."))
    return value


def read_table(
    path: Path, towns: Iterable[tuple[str, str, str]]
) -> tuple[list[UnitInput], list[RowError]]:
    """Read and check the table (.xlsx, .xls or .csv). ``towns``: (code, name, short name)
    of the known towns; the unit column may hold any of the three. Returns the inputs,
    or the errors."""
    table = read_sheet(path, COLUMNS)
    known = {}
    for code, name, short in towns:
        for key in (code, name, short):
            if key:
                known[key] = (code, name)
    good, errors = validate_rows(table, TownRow, context={"known": known})
    if not table.rows:
        errors.append(RowError(1, table.header("unit"), _("The table has no rows.")))
    result = [
        UnitInput(
            row["unit"][0],
            row["unit"][1],
            {c: row[c] for c in TOWN_ITEMS},
            {c: row[c] for c in TOWN_COUNTS},
        )
        for _number, row in good
    ]
    return ([] if errors else result), errors
