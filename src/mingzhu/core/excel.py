"""Excel (.xlsx) exports: real workbooks written with openpyxl, and the download response
of a generated document (.xlsx, .docx). Reading a table someone hands in is
``mingzhu.core.tabular``."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# A text cell beginning with one of these would be read by a spreadsheet program as a
# formula (or, for tab and carriage return, shift into one when pasted as CSV).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _cell_value(value: Any) -> Any:
    if value is None or isinstance(value, int | float | Decimal | dt.date | bool):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    return str(value)


def number_format(value: Any) -> str | None:
    """The Excel format of a cell: numbers stay numbers, written as people write them
    (608 → 608, 3323300 → 3,323,300, 660.1887 → 660.19), dates as dates."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, dt.datetime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, int | float | Decimal):
        if not math.isfinite(value):
            return None
        return "#,##0" if value == int(value) else "#,##0.00"
    return None


def write_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31] or "Sheet1"
    ws.append([str(h) for h in headers])
    for cell in ws[1]:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    widths = [max(len(str(h)) * 2, 8) for h in headers]
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        for cell, value in zip(ws[ws.max_row], values, strict=False):
            if is_formula_like(value):
                # Text as typed, never a formula: stored as a string, with the quote
                # prefix that keeps Excel from reading it as one when the cell is edited.
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
            fmt = number_format(value)
            if fmt:
                cell.number_format = fmt
        for i, v in enumerate(values):
            widths[i] = min(max(widths[i], len(str(v or "")) + 2), 60)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def download_response(
    filename: str, content: bytes, content_type: str = XLSX_CONTENT_TYPE
) -> HttpResponse:
    """``content`` as a download named ``filename`` (any script: RFC 5987 encoded)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    return download_response(filename, content, XLSX_CONTENT_TYPE)


def docx_response(filename: str, content: bytes) -> HttpResponse:
    return download_response(filename, content, DOCX_CONTENT_TYPE)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
