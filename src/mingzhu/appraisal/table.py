"""The towns' input table from a file (CSV or .xlsx) for `mingzhu appraise flags --input`:
every row is checked and every problem reported, naming the row and the column."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, WorkbookError

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
COLUMNS = ("unit", *TOWN_ITEMS, *TOWN_COUNTS)
COUNT_COLUMNS = {"signed_major_count", "started_major_count", "completed_count", *TOWN_COUNTS}


def _canonical(header) -> str:
    text = str(header or "").strip().lstrip("\ufeff")
    # "新签约项目总投资（亿元）" and "新签约项目总投资" are the same column.
    for bracket in ("（", "("):
        if bracket in text:
            text = text.split(bracket, 1)[0].strip()
    return HEADERS.get(text, text)


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list]]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a bad file
            raise WorkbookError(
                _("Not a readable .xlsx workbook: %(error)s") % {"error": exc}
            ) from exc
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
    elif path.suffix.lower() == ".csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WorkbookError(_("The CSV file is not UTF-8 text.")) from None
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise WorkbookError(_("Give a .csv or .xlsx file."))
    if not rows:
        raise WorkbookError(_("The file is empty."))
    header = [_canonical(h) for h in rows[0]]
    body = [
        (n, list(r))
        for n, r in enumerate(rows[1:], start=2)
        if r and any(v is not None and str(v).strip() for v in r)
    ]
    return header, body


def read_table(
    path: Path, towns: Iterable[tuple[str, str, str]]
) -> tuple[list[UnitInput], list[RowError]]:
    """Read and check the table. ``towns``: (code, name, short name) of the known towns;
    the unit column may hold any of the three. Returns the inputs, or the errors."""
    header, body = _read_rows(Path(path))
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise WorkbookError(_("Missing columns: %(columns)s") % {"columns": "、".join(missing)})
    index = {c: header.index(c) for c in COLUMNS}
    known = {}
    for code, name, short in towns:
        for key in (code, name, short):
            if key:
                known[key] = (code, name)
    errors: list[RowError] = []
    result: list[UnitInput] = []
    seen: dict[str, int] = {}
    for number, row in body:

        def cell(c, row=row):
            return row[index[c]] if index[c] < len(row) else None

        label = str(cell("unit") or "").strip()
        unit = known.get(label)
        if unit is None:
            errors.append(
                RowError(number, "unit", _("Unknown unit: %(value)s") % {"value": label or "—"})
            )
        elif unit[0] in seen:
            errors.append(
                RowError(number, "unit", _("Duplicate of row %(row)s.") % {"row": seen[unit[0]]})
            )
        else:
            seen[unit[0]] = number
        values: dict[str, float] = {}
        for column in (*TOWN_ITEMS, *TOWN_COUNTS):
            raw = cell(column)
            if raw is None or str(raw).strip() == "":
                errors.append(RowError(number, column, _("This field is required.")))
                continue
            try:
                value = float(str(raw).strip().rstrip("%")) / (
                    100 if str(raw).strip().endswith("%") else 1
                )
            except ValueError:
                errors.append(
                    RowError(number, column, _("Not a number: %(value)s") % {"value": raw})
                )
                continue
            if math.isnan(value) or math.isinf(value) or value < 0:
                errors.append(RowError(number, column, _("The value must not be negative.")))
                continue
            if column in COUNT_COLUMNS and value != int(value):
                errors.append(RowError(number, column, _("A count is a whole number.")))
                continue
            if column == "inspection_score" and value > 100:
                errors.append(RowError(number, column, _("A score lies between 0 and 100.")))
                continue
            values[column] = value
        if unit is not None:
            result.append(
                UnitInput(
                    unit[0],
                    unit[1],
                    {c: values.get(c) for c in TOWN_ITEMS},
                    {c: values.get(c, 0.0) for c in TOWN_COUNTS},
                )
            )
    if not body:
        errors.append(RowError(1, "unit", _("The table has no rows.")))
    return ([] if errors else result), errors
