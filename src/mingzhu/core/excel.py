"""Excel (.xlsx) exports: real workbooks written with openpyxl, and the download response
of a generated document (.xlsx, .docx). Reading a table someone hands in is
``mingzhu.core.tabular``."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

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


# Column widths in characters: a Chinese character counts double, and no column grows
# past what an A4 landscape page can show beside the others (the text wraps instead).
MIN_WIDTH, MAX_WIDTH = 6, 50
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# The fill of a light's cell (a value with a ``code`` of green, yellow or red).
LIGHT_FILLS = {
    "green": PatternFill("solid", fgColor="C6EFCE"),
    "yellow": PatternFill("solid", fgColor="FFEB9C"),
    "red": PatternFill("solid", fgColor="FFC7CE"),
}
TITLE_ROWS = 1  # the rows above the header


def display_width(text: str) -> int:
    """How many columns ``text`` takes in a fixed-width font: East Asian wide and
    full-width characters two, others one; the widest line of several."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.splitlines()
        ),
        default=0,
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return "0000-00-00 00:00"
    if isinstance(value, dt.date):
        return "0000-00-00"
    if isinstance(value, int | float | Decimal):
        fmt = number_format(value)
        return f"{value:,.2f}" if fmt == "#,##0.00" else f"{value:,}" if fmt else str(value)
    return "" if value is None else str(value)


def scope_label(user, perm: str | None = None) -> str:
    """Whose records an export holds, for its title: 全市, or the user's unit."""
    from .scope import user_scope

    if user_scope(user, perm).everything:
        return "全市"
    unit = getattr(user, "unit", None)
    return unit.name if unit is not None else str(user)


def sheet_title(title: str) -> str:
    """A worksheet's name: at most 31 characters, none of those Excel refuses."""
    cleaned = "".join("－" if ch in "[]:*?/\\" else ch for ch in str(title)).strip("'")
    return cleaned[:31] or "Sheet1"


def write_xlsx(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    scope: str = "",
    as_of: dt.date | None = None,
) -> bytes:
    """A print-ready sheet: a title row (``title``, whose records — ``scope`` — and as of
    when), the header (frozen, repeated on every printed page), the rows with thin
    borders and wrapped text, columns as wide as their text (a Chinese character counts
    double, capped), A4 landscape fitted to the page width. Numbers and dates stay
    numbers and dates, booleans read 是/否, a light's cell is coloured, and text that a
    spreadsheet program would take for a formula stays text."""
    as_of = as_of or timezone.localdate()
    headers = [str(h) for h in headers]
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    caption = (
        f"{title}（{scope}，截至{as_of.year}年{as_of.month}月{as_of.day}日）"
        if scope
        else (f"{title}（截至{as_of.year}年{as_of.month}月{as_of.day}日）")
    )
    ws.append([caption])
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 24
    if len(headers) > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    header_row = TITLE_ROWS + 1
    for cell in ws[header_row]:
        _neutralise(cell, cell.value)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [display_width(h) + 2 for h in headers]
    wrap = Alignment(vertical="top", wrap_text=True)
    # The row just appended is read back by its number: ws.max_row and ws[n] walk every
    # cell of the sheet to answer, which made a long export quadratic.
    for row_number, row in enumerate(rows, start=header_row + 1):
        values = [_cell_value(v) for v in row]
        ws.append(values)
        cells = (ws.cell(row=row_number, column=i) for i in range(1, len(values) + 1))
        for cell, raw, value in zip(cells, row, values, strict=False):
            _neutralise(cell, value)
            if isinstance(value, bool):
                cell.value = "是" if value else "否"
            fmt = number_format(value)
            if fmt:
                cell.number_format = fmt
            cell.border = BORDER
            cell.alignment = wrap
            light = LIGHT_FILLS.get(getattr(raw, "code", None) or "")
            if light is not None:
                cell.fill = light
        for i, v in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], display_width(_text(v)) + 2)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _neutralise(cell, value: Any) -> None:
    if is_formula_like(value):
        # Text as typed, never a formula: stored as a string, with the quote prefix
        # that keeps Excel from reading it as one when the cell is edited.
        cell.value = value
        cell.data_type = "s"
        cell.quotePrefix = True


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
