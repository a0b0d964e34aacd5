"""Reading instruments and capacity from a spreadsheet (.csv or .xlsx) for the planner.

All rows are checked before anything is used; every problem is reported as a RowError
naming the row (as the spreadsheet numbers it, the header being row 1) and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, WorkbookError, read_xlsx

from .choices import KIND_ALIASES, InstrumentKind
from .services import InstrumentRow

# field -> accepted headers (English, Chinese)
INSTRUMENT_COLUMNS = {
    "id": ("id", "编号"),
    "entity": ("entity", "主体"),
    "kind": ("kind", "类型"),
    "principal": ("principal", "本金"),
    "rate": ("rate", "利率"),
    "maturity": ("maturity", "到期月份"),
    "refinanceable": ("refinanceable", "可展期"),
    "max_defer_months": ("max_defer_months", "最长展期月数"),
}
CAPACITY_COLUMNS = {"month": ("month", "月份"), "capacity": ("capacity", "可用资金")}
YES = {"yes", "y", "true", "1", "是"}
NO = {"no", "n", "false", "0", "否", ""}
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class InputError(ValueError):
    """The file cannot be read at all (missing, wrong type, wrong headers)."""


def _records(path: Path, columns: dict[str, tuple[str, ...]]):
    """(row number, {field: value}) for each non-empty row; headers in either language."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(_("%(path)s: no such file.") % {"path": path})
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                table = list(csv.reader(handle))
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(
                _("%(path)s: not a UTF-8 CSV file (%(error)s).") % {"path": path, "error": exc}
            ) from exc
        if not table:
            raise InputError(_("%(path)s: the file is empty.") % {"path": path})
        header = [h.strip() for h in table[0]]
        body = [
            (n, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)})
            for n, row in enumerate(table[1:], start=2)
            if any(c.strip() for c in row)
        ]
    elif suffix == ".xlsx":
        names = [h for pair in columns.values() for h in pair]
        try:
            sheet = read_xlsx(path, required=(), optional=names)
        except WorkbookError as exc:
            raise InputError(f"{path}: {exc}") from exc
        body = sheet.rows
        header = sorted({k for _n, r in body for k in r}) if body else names
        if not body:
            raise InputError(_("%(path)s: the file has no rows.") % {"path": path})
    else:
        raise InputError(_("%(path)s: expected a .csv or .xlsx file.") % {"path": path})
    chosen = {}
    missing = []
    for name, aliases in columns.items():
        found = next((a for a in aliases if a in header), None)
        if found is None:
            missing.append("/".join(aliases))
        chosen[name] = found
    if missing:
        raise InputError(
            _("%(path)s: missing columns: %(columns)s")
            % {"path": path, "columns": ", ".join(missing)}
        )
    for number, record in body:
        yield number, {name: record.get(header_name) for name, header_name in chosen.items()}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _decimal(value) -> Decimal:
    text = _text(value).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("expected a number, got %(value)r") % {"value": text}) from None
    if not number.is_finite():
        raise ValueError(_("expected a number, got %(value)r") % {"value": text})
    return number


def parse_month(value) -> int:
    """A month as YYYY-MM (a date cell of a workbook is accepted too)."""
    from .planner import month_index

    if isinstance(value, dt.date):
        return month_index(value.year, value.month)
    text = _text(value)
    match = MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("expected a month as YYYY-MM, got %(value)r") % {"value": text})
    return month_index(int(match.group(1)), int(match.group(2)))


def _month_date(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def read_instruments(path: Path) -> tuple[list[InstrumentRow], list[RowError]]:
    rows, errors, seen = [], [], {}
    for number, r in _records(Path(path), INSTRUMENT_COLUMNS):
        bad = []

        def fail(field, message, bad=bad, number=number):
            bad.append(RowError(number, field, str(message)))

        ident = _text(r["id"])
        if not ident:
            fail("id", _("required"))
        elif ident in seen:
            fail("id", _("%(id)s also appears in row %(row)s") % {"id": ident, "row": seen[ident]})
        else:
            seen[ident] = number
        entity = _text(r["entity"])
        if not entity:
            fail("entity", _("required"))
        kind = _text(r["kind"])
        kind = KIND_ALIASES.get(kind, kind)
        if kind not in InstrumentKind.values:
            fail(
                "kind", _("expected one of %(kinds)s") % {"kinds": ", ".join(InstrumentKind.values)}
            )
        principal = rate = None
        try:
            principal = _decimal(r["principal"])
            if principal <= 0:
                fail("principal", _("must be greater than 0"))
        except ValueError as exc:
            fail("principal", exc)
        try:
            rate = _decimal(_text(r["rate"]).rstrip("%"))
            if not 0 <= rate <= 30:
                fail("rate", _("expected an annual rate in percent between 0 and 30"))
        except ValueError as exc:
            fail("rate", exc)
        maturity = None
        try:
            maturity = parse_month(r["maturity"])
        except ValueError as exc:
            fail("maturity", exc)
        flag = _text(r["refinanceable"]).lower()
        if flag not in YES | NO:
            fail("refinanceable", _("expected yes or no"))
        defer = _text(r["max_defer_months"])
        months = 0
        if defer:
            try:
                months = int(defer)
                if not 0 <= months <= 120:
                    raise ValueError
            except ValueError:
                fail("max_defer_months", _("expected a whole number of months from 0 to 120"))
        if bad:
            errors.extend(bad)
            continue
        rows.append(
            InstrumentRow(
                id=ident,
                entity=entity,
                kind=kind,
                principal=float(principal),
                rate=float(rate),
                maturity=_month_date(maturity),
                refinanceable=flag in YES,
                max_defer_months=months,
            )
        )
    return rows, errors


def read_capacity(path: Path) -> tuple[dict[int, float], list[RowError]]:
    capacity, errors, seen = {}, [], {}
    for number, r in _records(Path(path), CAPACITY_COLUMNS):
        try:
            month = parse_month(r["month"])
        except ValueError as exc:
            errors.append(RowError(number, "month", str(exc)))
            month = None
        try:
            value = float(_decimal(r["capacity"]))
            if value < 0:
                errors.append(RowError(number, "capacity", _("must not be negative")))
                value = None
        except ValueError as exc:
            errors.append(RowError(number, "capacity", str(exc)))
            value = None
        if month is not None and month in seen:
            errors.append(
                RowError(number, "month", _("also appears in row %(row)s") % {"row": seen[month]})
            )
        elif month is not None and value is not None:
            seen[month] = number
            capacity[month] = value
    return capacity, errors
