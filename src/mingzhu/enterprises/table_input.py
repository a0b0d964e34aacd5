"""The evaluation's input from a spreadsheet (CSV or .xlsx) for the command line: English
or Chinese headers, one message per bad row and field."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, WorkbookError

from . import credit
from .importer import number, signed

COLUMNS = [
    ("credit_code", "统一社会信用代码"),
    ("name", "企业名称"),
    ("town", "所属镇街"),
    ("scale", "规模"),
    ("land_mu", "用地面积"),
    ("tax", "实缴税收"),
    ("sales", "应税销售"),
    ("value_added", "工业增加值"),
    ("energy_tce", "综合能耗"),
    ("electricity", "用电量"),
    ("emissions", "排放量"),
    ("rd_expense", "研发经费"),
    ("employees", "职工人数"),
    ("exempt_reason", "免评原因"),
    ("veto_reason", "否决原因"),
    ("bonus", "加减分"),
]
CHINESE = {zh: en for en, zh in COLUMNS}
NUMBERS = (
    "land_mu",
    "tax",
    "sales",
    "value_added",
    "energy_tce",
    "electricity",
    "emissions",
    "rd_expense",
    "employees",
)
SCALES = {"above": "above", "below": "below", "规上": "above", "规下": "below"}


def read_table(path: str | Path) -> list[tuple[int, dict]]:
    """(row number, {column: text}) for each non-empty row; headers in either language."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return _xlsx_all(path)
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise WorkbookError(_("The workbook is empty.")) from None
    keys = [CHINESE.get(h, h) for h in header]
    rows = []
    for n, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(
            (n, {k: (values[i].strip() if i < len(values) else "") for i, k in enumerate(keys)})
        )
    return rows


def _xlsx_all(path: Path) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise WorkbookError(_("Not a readable .xlsx workbook: %(error)s") % {"error": exc}) from exc
    rows = wb.worksheets[0].iter_rows(values_only=True)
    try:
        header = [
            CHINESE.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in next(rows)
        ]
    except StopIteration:
        raise WorkbookError(_("The workbook is empty.")) from None
    out = []
    for n, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((n, {k: values[i] if i < len(values) else None for i, k in enumerate(header)}))
    wb.close()
    return out


def validate_rows(
    rows: list[tuple[int, dict]], min_land_below: float = 3
) -> tuple[list[dict], list[RowError]]:
    """The valid records (ready for services.Rows.from_records) and the errors."""
    records, errors = [], []
    seen: dict[str, int] = {}
    if rows:
        missing = [en for en, _zh in COLUMNS[:5] if en not in rows[0][1]]
        if missing:
            raise WorkbookError(_("Missing columns: %(columns)s") % {"columns": "、".join(missing)})
    for n, row in rows:
        bad = []
        record: dict = {}
        try:
            record["credit_code"] = credit.validate(row.get("credit_code"))
        except credit.CreditCodeError as exc:
            bad.append(RowError(n, "credit_code", str(exc)))
        code = record.get("credit_code")
        if code and code in seen:
            bad.append(
                RowError(n, "credit_code", _("the same as row %(row)s.") % {"row": seen[code]})
            )
        if code:
            seen.setdefault(code, n)
        record["name"] = str(row.get("name") or "").strip()
        record["town"] = str(row.get("town") or "").strip()
        scale = SCALES.get(str(row.get("scale") or "").strip().lower())
        if scale is None:
            bad.append(RowError(n, "scale", _("above or below (规上 or 规下)")))
        record["scale"] = scale
        for key in NUMBERS:
            try:
                value = number(row.get(key))
            except ValueError:
                bad.append(RowError(n, key, _("not a number of 0 or more")))
                value = None
            record[key] = value
        try:
            record["bonus"] = signed(row.get("bonus"))
        except ValueError:
            bad.append(RowError(n, "bonus", _("not a number")))
        record["exempt_reason"] = str(row.get("exempt_reason") or "").strip()
        record["veto_reason"] = str(row.get("veto_reason") or "").strip()
        if scale == "above" and not (record["land_mu"] or Decimal(0)) > 0:
            bad.append(RowError(n, "land_mu", _("in scope of the evaluation but no land area")))
        if bad:
            errors.extend(bad)
        else:
            records.append(record)
    return records, errors
