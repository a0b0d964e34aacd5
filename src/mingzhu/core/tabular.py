"""One way to read a table someone hands in (.xlsx, .xls or .csv) and to import it.

``read_table`` recognises the file by its content (an .xlsx is a zip holding a workbook,
an .xls an OLE2 compound file, anything else must be UTF-8 or GBK/GB18030 text), finds
the header row by the expected column names (title rows above it are skipped), matches
columns by their Chinese names or known aliases, and gives one dict per non-empty row,
with the row's number as the spreadsheet shows it.

``run_import`` validates every row with a Django form (a ``RowForm``), collects the
problems as ``RowError`` (row, column as the sheet names it, message), and writes all
rows in one transaction, or none (``valid_only`` writes the good rows and reports the rest).

Limits, checked before a file is parsed and while its rows stream in, so that a big or
hostile file is refused instead of taking the server's memory and time: the file's size
(``IMPORT_MAX_BYTES``), an .xlsx's (zip's) uncompressed size summed over its members
(``IMPORT_MAX_UNCOMPRESSED_BYTES``, read from the zip's directory before openpyxl or
calamine opens it), the number of rows (``IMPORT_MAX_ROWS``, counted as rows are read)
and of columns (``MAX_COLUMNS``). Pages show at most ``SHOWN_ERRORS`` row errors.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .periods import lost_zero, month_start, parse_day, without_year

# How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 10
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TRAILING_BRACKET = re.compile(r"\s*[（(][^（()）]*[）)]\s*$")
# The town column of a village record or register, as sheets head it.
TOWN_HEADINGS = (
    "所属镇（街道）",
    "镇（街道）",
    "镇街",
    "所属镇街",
    "镇",
    "乡镇",
    "所属乡镇",
    "所属乡镇（街道）",
    "乡镇（街道）",
    "乡镇街道",
    "乡（镇、街道）",
    "所在镇（街道）",
    "所在乡镇",
    "所在乡镇（街道）",
)
# A year in front of a heading: "2025年家庭人均纯收入（元）" is the column 家庭人均纯收入 of 2025.
LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?:度)?\s*")
# A year as titles write it: 2025年度…, 2025年…; a day or month (填报日期：2026年2月28日,
# 2026年1-2月) is no year the table is of.
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?![\d\s\-—～~至、]*月)")
# Columns read from a row (the rest of a very wide sheet is ignored).
MAX_COLUMNS = 200
MB = 1024 * 1024
# Row errors a page shows; the rest are counted.
SHOWN_ERRORS = 200


# The limits are system parameters (mingzhu.system.params) when the administrator set
# them; else the settings (the environment variables MINGZHU_IMPORT_MAX_*).
def _limit(parameter: str, setting: str, unit: int = 1) -> int:
    from mingzhu.system import params

    if params.is_set(parameter):
        return params.value(parameter) * unit
    return getattr(settings, setting)


def max_bytes() -> int:
    return _limit("imports.max_mb", "IMPORT_MAX_BYTES", MB)


def max_rows() -> int:
    return _limit("imports.max_rows", "IMPORT_MAX_ROWS")


def max_unpacked_bytes() -> int:
    return _limit("imports.max_unpacked_mb", "IMPORT_MAX_UNCOMPRESSED_BYTES", MB)


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}"


class WorkbookError(ValueError):
    """The file is not a readable table, or its header row is wrong."""


# What a refused day says: the forms a sheet may write one in.
DAY_FORMS = gettext_lazy(
    "Dates must look like 2025-12-31, 2025/12/31, 2025.12.31 or 2025年12月31日."
)


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class Column:
    """An expected column: ``key`` names it in code, ``header`` (Chinese) and ``aliases``
    are the headings accepted in a sheet. Of two headings of one column in a row the
    first is taken, unless the other is among ``prefer`` (子项目 over the 项目名称 merged
    above it). ``besides`` are headings of another column that name this one when that
    column has a heading of its own in the row (责任单位 beside 牵头单位: the units that
    co-operate). ``dated`` are headings that name this column when a year is written in
    front of them (2025年计划投资 is the year's plan; 计划投资 alone, another column's).
    ``fallback`` are headings that name the column only when none of its other headings
    is in the row (存在问题 is a 整改台账's task, but beside 工作任务 a progress column)."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    prefer: tuple[str, ...] = ()
    besides: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    fallback: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases, *self.fallback)

    def rank(self, heading: Any) -> int:
        """How a heading of the column ranks against another of it in one row: ``prefer``
        above the others, ``fallback`` below."""
        return 2 if _named(heading, self.prefer) else 0 if _named(heading, self.fallback) else 1


@dataclass
class Table:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    # key -> the heading the sheet uses for that column
    headers: dict[str, str] = field(default_factory=dict)
    header_row: int = 1
    # (row, key) of the cells that took their value from a merged range above or beside
    # them (a 序号 merged over the rows of a task's sub-items).
    merged: set[tuple[int, str]] = field(default_factory=set)

    # The text of the rows above the header (the sheet's title, its 填报 lines).
    titles: list[str] = field(default_factory=list)
    # key -> the year written in front of the column's heading (2025年人均纯收入).
    header_years: dict[str, int] = field(default_factory=dict)
    # key -> the heading merged across the column and its neighbours in the row above a
    # two-row header (投资情况（亿元） over 总投资 | 年度计划投资 | 累计完成投资).
    group_headings: dict[str, str] = field(default_factory=dict)

    def header(self, key: str) -> str:
        return self.headers.get(key, key)

    def leave_out(self, key: str, why) -> list[RowError]:
        """Takes out, before the checks, the rows ``why(record)`` gives a reason for (a
        text, else "" or None) and names each at its ``key`` column: the rows a sheet holds
        that are not to be imported (a 统计月报's indicators the platform does not track, a
        ledger's items it marks done), counted apart from errors."""
        kept, left_out = [], []
        for number, record in self.rows:
            if reason := why(record):
                left_out.append(RowError(number, self.header(key), reason))
            else:
                kept.append((number, record))
        self.rows = kept
        return left_out

    def title_year(self) -> int | None:
        """The one year the title rows name (2025年度亩均效益评价数据表; not a day such as
        填报日期：2026年2月28日), else None."""
        years = {int(y) for text in self.titles for y in TITLE_YEAR.findall(text)}
        return years.pop() if len(years) == 1 else None

    def unit(self, key: str, units: dict[str, Decimal]) -> str | None:
        """The unit of ``units`` the numbers of column ``key`` are written in: the one its
        heading gives (本金（亿元）, 金额（元）), else the one of the heading merged over it
        (投资情况（亿元）), else the one a title line gives for the whole table (单位：万元,
        金额单位：元), else None (the column's own)."""
        for heading in (self.header(key), self.group_headings.get(key, "")):
            unit = heading_unit(heading)
            if unit in units:
                return unit
        found = {u for text in self.titles for u in title_units(text) if u in units}
        return found.pop() if len(found) == 1 else None


# -- reading the grid -----------------------------------------------------------------


def _too_big() -> WorkbookError:
    return WorkbookError(
        _("The file is larger than %(limit)s MB; split it into smaller files.")
        % {"limit": _megabytes(max_bytes())}
    )


def _content(file) -> tuple[bytes, str]:
    """The file's bytes and its name (a path, an upload or an open binary file), refused
    above ``IMPORT_MAX_BYTES`` before it is read."""
    limit = max_bytes()
    if isinstance(file, str | Path):
        path = Path(file)
        try:
            if path.stat().st_size > limit:
                raise _too_big()
            return path.read_bytes(), path.name
        except OSError as exc:
            raise WorkbookError(
                _("%(path)s: no such file or not readable.") % {"path": path}
            ) from exc
    name = Path(str(getattr(file, "name", "") or "")).name
    size = getattr(file, "size", None)  # an upload knows its size
    if isinstance(size, int) and size > limit:
        raise _too_big()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_big()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, name


def _too_many_rows() -> WorkbookError:
    return WorkbookError(
        _("The sheet has more than %(limit)s rows; split it into smaller files.")
        % {"limit": max_rows()}
    )


def _capped(rows) -> list[list]:
    """The rows of a stream, each cut to ``MAX_COLUMNS``, refused past the row limit (the
    header's title rows allowed for) as soon as the stream gets there."""
    limit = max_rows() + HEADER_SEARCH_ROWS
    grid = []
    for row in rows:
        if len(grid) >= limit:
            raise _too_many_rows()
        grid.append(list(row[:MAX_COLUMNS]))
    return grid


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    """Refuse a zip (.xlsx, .ods) whose members unpack to more than the limit, from the
    sizes its directory declares (reading stops at the declared size)."""
    limit = max_unpacked_bytes()
    if sum(info.file_size for info in archive.infolist()) > limit:
        raise WorkbookError(
            _(
                "The workbook unpacks to more than %(limit)s MB; it is too large to read. "
                "Split it into smaller files."
            )
            % {"limit": _megabytes(limit)}
        )


def normalise(value: Any) -> Any:
    """A cell as Python: strings stripped, empty -> None, whole floats -> int, a
    datetime at midnight -> date."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip().lstrip("\ufeff").strip()
        return value or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.datetime):
        value = value.replace(tzinfo=None)
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, dt.timedelta | dt.time):
        return str(value)
    return value


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters.decode():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _xlsx_merged(wb, sheet) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The merged ranges of an .xlsx sheet opened read-only ((row, column) of the first
    and last cell, from 0), read from the sheet's XML (read-only sheets do not keep them)."""
    try:
        with wb._archive.open(sheet._worksheet_path) as source:
            xml = source.read()
    except (AttributeError, KeyError):
        return []
    return [
        ((int(r0) - 1, _column_index(c0)), (int(r1) - 1, _column_index(c1)))
        for c0, r0, c1, r1 in _MERGE_REF.findall(xml)
    ]


class Grid(list):
    """A sheet's rows of cells; ``filled`` holds the (row, column), from 0, of the cells
    given the value of a merged range they lie in (not the range's first cell)."""

    filled: frozenset = frozenset()


def fill_merged(grid: list[list], ranges) -> Grid:
    """Every cell of a merged range given the value of its first cell (a 台账's 牵头单位
    merged over the rows of its tasks is each row's 牵头单位)."""
    grid, filled = Grid(grid), set()
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(grid) or c0 >= len(grid[r0]) or c1 >= MAX_COLUMNS:
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    row[c] = value
                    filled.add((r, c))
    grid.filled = frozenset(filled)
    return grid


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not wb.worksheets:
                raise WorkbookError(_("The workbook has no sheet."))
            sheet = wb.worksheets[0]
            grid = _capped(sheet.iter_rows(values_only=True))
            return fill_merged(grid, _xlsx_merged(wb, sheet))
        finally:
            wb.close()
    except WorkbookError:
        raise
    except MemoryError:
        raise _too_many_rows() from None
    except Exception:  # openpyxl raises many types; calamine reads some files it refuses
        return _calamine_rows(data)


def _calamine_rows(data: bytes) -> list[list]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not wb.sheet_names:
            raise WorkbookError(_("The workbook has no sheet."))
        sheet = wb.get_sheet_by_index(0)
        if sheet.height > max_rows() + HEADER_SEARCH_ROWS:
            raise _too_many_rows()
        grid = _capped(sheet.iter_rows())
        # Rows count from the sheet's first row, columns from its first used one.
        first_column = sheet.start[1] if sheet.start else 0
        ranges = [
            ((r0, c0 - first_column), (r1, c1 - first_column))
            for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
            if c0 >= first_column
        ]
        return fill_merged(grid, ranges)
    except WorkbookError:
        raise
    except Exception as exc:  # calamine's errors carry no user-facing text
        raise WorkbookError(
            _("The workbook cannot be read; it may be damaged or protected by a password.")
        ) from exc


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Binary files sometimes decode; real text has no control characters but line ends and tabs.
        if not any(c < " " and c not in "\r\n\t" for c in text):
            return text
    raise WorkbookError(
        _("Not a spreadsheet: give an .xlsx, .xls or .csv file (CSV in UTF-8 or GBK).")
    )


def _csv_rows(data: bytes) -> list[list]:
    text = _decode(data)
    # The first line decides: a comma if it has one, else a tab, else a semicolon.
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in ",\t;" if d in first), ",")
    try:
        return _capped(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise WorkbookError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


def read_grid(file) -> Grid:
    """Every row of the first sheet, cells normalised (see ``normalise``), and which cells
    were filled from merged ranges (``Grid.filled``)."""
    data, name = _content(file)
    if not data.strip():
        raise WorkbookError(_("The file is empty."))
    if data.startswith(ZIP_MAGIC):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise WorkbookError(_("The workbook is damaged and cannot be read.")) from exc
        _check_unpacked_size(archive)
        if "xl/workbook.xml" in members:
            # calamine (Rust) reads a sheet about eight times faster than openpyxl; a
            # workbook it cannot read is given to openpyxl.
            try:
                rows = _calamine_rows(data)
            except WorkbookError as exc:
                if exc.__cause__ is None:  # a limit, or no sheet: the same in openpyxl
                    raise
                rows = _xlsx_rows(data)
        elif "content.xml" in members and "mimetype" in members:
            rows = _calamine_rows(data)  # an OpenDocument spreadsheet
        else:
            raise WorkbookError(
                _("Not a spreadsheet: give an .xlsx, .xls or .csv file (CSV in UTF-8 or GBK).")
            )
    elif data.startswith(OLE2_MAGIC):
        rows = _calamine_rows(data)
    elif name.lower().endswith((".xlsx", ".xls")):
        raise WorkbookError(_("The workbook is damaged and cannot be read."))
    else:
        rows = _csv_rows(data)
    grid = Grid([normalise(v) for v in row] for row in rows)
    grid.filled = getattr(rows, "filled", frozenset())
    return grid


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:?[A-Z]*(\d*)"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")


def _xlsx_row_estimate(archive: zipfile.ZipFile) -> int | None:
    """The rows of an .xlsx's first sheet without parsing it: the range its
    ``<dimension>`` declares, else the row elements counted as the XML unpacks (no
    workbook is built)."""
    sheets = sorted(
        (n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
        key=lambda n: int(re.sub(r"\D", "", n)),
    )
    if not sheets:
        return None
    with archive.open(sheets[0]) as source:
        head = source.read(64 * 1024)
        found = _DIMENSION.search(head)
        if found and found.group(1):
            return int(found.group(1))
        count, tail = len(_ROW_TAG.findall(head)), head[-16:]
        while chunk := source.read(1024 * 1024):
            count += len(_ROW_TAG.findall(tail + chunk)) - len(_ROW_TAG.findall(tail))
            tail = chunk[-16:]
    return count


def row_estimate(file) -> int | None:
    """About how many rows the file holds, read cheaply (no workbook is built): a CSV's
    lines, an .xlsx's declared range or row elements; None for other kinds (.xls, .ods)
    and files that are not readable tables (the import says why)."""
    try:
        data, _name = _content(file)
    except WorkbookError:
        return None
    finally:
        if hasattr(file, "seek"):
            file.seek(0)
    if data.startswith(ZIP_MAGIC):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            _check_unpacked_size(archive)
            return _xlsx_row_estimate(archive)
        except (zipfile.BadZipFile, WorkbookError, KeyError, OSError, ValueError):
            return None
    if data.startswith(OLE2_MAGIC):
        return None
    return data.count(b"\n") + (not data.endswith(b"\n"))


# -- finding the header ----------------------------------------------------------------


def _key(text: Any) -> str:
    return re.sub(r"\s+", "", str(text or "")).lstrip("\ufeff").casefold()


def _match(cell: Any, wanted: Sequence[Column]) -> Column | None:
    key = _key(cell)
    if not key:
        return None
    # "新签约项目总投资（亿元）" is the column "新签约项目总投资": a unit in brackets after a
    # heading is dropped when nothing matches the heading as written.
    bare = TRAILING_BRACKET.sub("", str(cell))
    # "2025年家庭人均纯收入（元）": the year in front goes too (``heading_year`` keeps it);
    # what it then names may be a column's ``dated`` heading (2025年计划投资).
    undated = _key(LEADING_YEAR.sub("", bare))
    if LEADING_YEAR.match(bare):
        for column in wanted:
            if undated in {_key(n) for n in column.dated}:
                return column
    for candidate in (key, _key(bare), undated):
        for column in wanted:
            if candidate in {_key(n) for n in column.names}:
                return column
    return None


def heading_unit(heading: str) -> str:
    """The unit a heading gives in its closing brackets (税收（元） → 元), else ""."""
    found = re.search(r"[（(]([^（()）]*)[）)]\s*$", str(heading or ""))
    return found.group(1).strip() if found else ""


# Amounts by what each unit is worth in 元, and areas by what each is worth in 亩: a
# number read in one unit is kept in another (``quantity``).
MONEY_UNITS = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "万": Decimal(10000),
    "亿元": Decimal(100000000),
    "亿": Decimal(100000000),
}
LAND_UNITS = {
    "亩": Decimal(1),
    "平方米": Decimal("0.0015"),  # 1 亩 = 10000/15 平方米
    "m2": Decimal("0.0015"),
    "m²": Decimal("0.0015"),
    "㎡": Decimal("0.0015"),
    "公顷": Decimal(15),
}
# Head counts by what each unit is worth in persons: 参保人数（万人） is kept in 人.
PERSON_UNITS = {
    "人": Decimal(1),
    "万人": Decimal(10000),
    "人次": Decimal(1),
    "万人次": Decimal(10000),
}
# The families of units one converts into another exactly.
UNIT_FAMILIES = (MONEY_UNITS, LAND_UNITS, PERSON_UNITS)


def units_of(written: str, into: str) -> dict[str, Decimal] | None:
    """The family of units (``MONEY_UNITS``, ``LAND_UNITS``, ``PERSON_UNITS``) holding both
    ``written`` and ``into`` (万元 and 亿元, 公顷 and 亩), else None: no conversion."""
    return next((f for f in UNIT_FAMILIES if written in f and into in f), None)


# 单位：万元, 金额单位：元, 计量单位：万元、亩 in a title line (not 填报单位：某局).
_TITLE_UNIT = re.compile(r"单位\s*[:：]\s*([^\s,，;；（）()]+)")


def title_units(text: str) -> list[str]:
    """The units a title line gives a table (单位：万元 → [万元]; 单位：万元、亩 → both)."""
    return [u for found in _TITLE_UNIT.findall(str(text or "")) for u in re.split(r"[、/]", found)]


def quantity(
    value: Any, *, unit: str | None, into: str, units: dict[str, Decimal] = MONEY_UNITS
) -> Decimal | None:
    """A number of a sheet in the unit ``into`` (one of ``units``): a cell that writes its
    own unit (1.59亿元, 8500万元, 9,120元, 30亩) is read in it, else the number is in ``unit``
    (the column's, ``Table.unit``), else already in ``into``. None for an empty cell;
    ValueError for one that is no number or names a unit not of ``units``."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueError(value)
    text = re.sub(r"[,，\s]", "", str(value))
    if text == "":
        return None
    written = next(
        (u for u in sorted(units, key=len, reverse=True) if text.endswith(u) and text != u), None
    )
    if written is not None:
        text, unit = text[: -len(written)], written
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    if unit and unit != into and unit in units:
        number = number * units[unit] / units[into]
    return number


def heading_year(heading: str) -> int | None:
    """The year written in front of a heading (2025年家庭人均纯收入), else None."""
    found = LEADING_YEAR.match(str(heading or ""))
    return int(found.group(1)) if found else None


def _header_map(row: list, wanted: Sequence[Column]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(row):
        column = _match(cell, wanted)
        if column is None:
            continue
        if column.key not in found or column.rank(cell) > column.rank(found[column.key][1]):
            found[column.key] = (index, str(cell).strip())
    # A heading left over because its column has another (责任单位 beside 牵头单位) names
    # the column that takes it ``besides``.
    taken = {index for index, _h in found.values()}
    for column in wanted:
        if column.key in found or not column.besides:
            continue
        for index, cell in enumerate(row):
            if index not in taken and _named(cell, column.besides) and _match(cell, wanted):
                found[column.key] = (index, str(cell).strip())
                taken.add(index)
                break
    return found


def _named(cell: Any, names: Sequence[str]) -> bool:
    """The heading is one of ``names`` (a unit in brackets after it allowed)."""
    key = _key(TRAILING_BRACKET.sub("", str(cell or "")))
    return bool(names) and (
        _key(cell) in {_key(n) for n in names} or key in {_key(n) for n in names}
    )


def _missing_message(missing: Sequence[Column]) -> str:
    names = "、".join("/".join(c.names) for c in missing)
    return _("Missing columns: %(columns)s") % {"columns": names}


def missing_columns(missing: Sequence[Column]) -> WorkbookError:
    """The error of a sheet that lacks the ``missing`` columns (each with its synonyms)."""
    return WorkbookError(_missing_message(missing))


EXAMPLE_MARK = "示例"
# A section heading between a 台账's rows: 一、经济发展, (二) 民生实事, 第三部分 ….
SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分章节类项])"
)


def is_heading(values: Sequence) -> bool:
    """A row that only carries a section heading: one value, written once (the rest
    empty) and looking like a heading, or merged across the row (filled into every cell)."""
    filled = [v for v in values if v is not None]
    if len({str(v) for v in filled}) != 1:
        return False
    return len(filled) > 1 or bool(SECTION.match(str(filled[0])))


# A 台账's total row (合计, 小计, 总 计 …) and the lines under the table (注：…, 填表说明：…,
# 填报人：… 审核人：…): their first filled cell says so; they are never data.
TOTAL = re.compile(r"^(?:合计|小计|总计|共计|总合计)(?:[:：(（].*)?$")
FOOTNOTE = re.compile(
    r"^(?:注|说明|填表说明|填报说明|备注|附注|填报人|审核人|制表人|联系人|单位负责人|负责人)\s*\d*\s*[:：]"
)


def is_total_or_note(values: Sequence) -> bool:
    """A total row (its first filled cell 合计, 小计 …, a 序号 before it allowed to be
    empty) or a line of notes or signatures under the table."""
    first = next((v for v in values if v is not None and str(v).strip()), None)
    if not isinstance(first, str):
        return False
    text = re.sub(r"\s+", "", first)
    return bool(TOTAL.match(text) or FOOTNOTE.match(text))


def is_example(values: Sequence) -> bool:
    """A template's example row: its first filled cell is 示例 (it is never imported)."""
    first = next((v for v in values if v is not None), None)
    return isinstance(first, str) and first.rstrip("：:") == EXAMPLE_MARK


def read_table(
    file,
    wanted: Sequence[Column],
    *,
    stands_in: Callable[[list[str], set[str]], set[str]] | None = None,
) -> Table:
    """Read the first sheet of ``file`` into a ``Table`` of the ``wanted`` columns.
    Other columns are ignored; a missing required column is a ``WorkbookError``, unless
    ``stands_in(titles, found)`` (the title rows' text and the keys of the columns found)
    names it among the required columns something else stands in for (a borrower named
    in the title, a maturity given by a start and a term): those are named missing with
    the others only when it does not."""
    grid = read_grid(file)
    best: tuple[int, dict] | None = None
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = _header_map(row, wanted)
        if found and (best is None or len(found) > len(best[1])):
            best = (index, found)
        if all(c.key in found for c in wanted if c.required):
            # A two-row header (责任单位 over 牵头单位 and 配合单位, the other headings
            # merged down): the row below, filled from the merges, names more columns.
            below = _header_map(grid[index + 1], wanted) if index + 1 < len(grid) else {}
            # As many columns, the row partly filled from the merges above (进展情况 over
            # 截至6月底进展 | 7月工作计划): the lower row of a two-row header too, no data.
            # A heading merged across columns over it is a group, not a column of its own.
            groups = sum(_spans(grid, index, i) for i, _heading in found.values())
            lower = len(below) >= len(best[1]) - groups and any(
                (index + 1, i) in grid.filled for i in range(len(grid[index + 1]))
            )
            if len(below) > len(best[1]) or (below and lower):
                best = (index + 1, below)
            break
    if best is None:
        raise WorkbookError(
            _("No header row found. %(missing)s")
            % {"missing": _missing_message([c for c in wanted if c.required] or wanted)}
        )
    header_index, found = best
    titles = [
        " ".join(dict.fromkeys(str(v).strip() for v in row if v is not None))
        for row in grid[:header_index]
    ]
    covered = stands_in(titles, set(found)) if stands_in is not None else set()
    missing = [c for c in wanted if c.required and c.key not in found and c.key not in covered]
    if missing:
        raise WorkbookError(_missing_message(missing))
    table = Table(headers={k: h for k, (_i, h) in found.items()}, header_row=header_index + 1)
    table.titles = titles
    for key, (index, heading) in found.items():
        if (year := heading_year(heading)) is not None:
            table.header_years[key] = year
        if (group := _group_heading(grid, header_index - 1, index)) is not None:
            table.group_headings[key] = group
    for number, values in enumerate(grid[header_index + 1 :], start=header_index + 2):
        if (
            all(v is None for v in values)
            or is_example(values)
            or is_heading(values)
            or is_total_or_note(values)
        ):
            continue
        record = {c.key: None for c in wanted}
        for key, (index, _h) in found.items():
            record[key] = values[index] if index < len(values) else None
            if (number - 1, index) in grid.filled:
                table.merged.add((number, key))
        table.rows.append((number, record))
    return table


def _spans(grid: Grid, row: int, index: int) -> bool:
    """The cell of ``row`` at ``index`` is merged across more than one column."""
    cells = grid[row]
    return any(
        0 <= i < len(cells)
        and cells[i] == cells[index]
        and ((row, i) in grid.filled or (row, index) in grid.filled)
        for i in (index - 1, index + 1)
    )


def _group_heading(grid: Grid, row: int, index: int) -> str | None:
    """The heading of ``row`` (the one above the header) at ``index`` when it is merged
    across more than one column (the group heading of a two-row header), else None."""
    if row < 0 or index >= len(grid[row]) or grid[row][index] is None:
        return None
    return str(grid[row][index]).strip() if _spans(grid, row, index) else None


# -- validating and writing ------------------------------------------------------------


def read_day(
    value: Any, *, required: bool = True, month: bool = False, year: int | None = None
) -> dt.date | None:
    """A cell as a day, written as offices write one (a date cell, 2025-12-31,
    2025/12/31, 2025.12.31, 2025年12月31日); None for an empty cell that is not
    ``required``. With ``month``, a month without its day (2024.3, 2024-03, 2024年3月:
    since when, as rolls write it) is its first day. A day (or month) written without its
    year (3月23日, 3.23, 3月) is read in ``year``, the one the sheet gives (its title's:
    ``Table.title_year``), and refused as needing a year when the sheet gives none.
    Raises ``forms.ValidationError`` saying how to write the day."""
    if not required and cell_text(value) == "":
        return None
    if lost_zero(value):
        raise forms.ValidationError(
            _(
                "%(value)s is a number, and a number keeps no 0 at its end: it may be "
                "%(value)s0. Write the day as text, such as %(example)s."
            )
            % {"value": cell_text(value), "example": "2025年3月10日"}
        )
    day = parse_day(value)
    if day is None and month:
        day = month_start(value)
    if day is None and without_year(value, month=month):
        if year is None:
            raise forms.ValidationError(
                _(
                    "%(value)s has no year, and the sheet names none (in its title, "
                    "such as 2025年重点项目推进表): a year is needed. Write the year, "
                    "such as 2025年3月23日."
                )
                % {"value": cell_text(value)}
            )
        day = parse_day(value, year)
        if day is None and month:
            day = month_start(value, year)
    if day is None:
        raise forms.ValidationError(DAY_FORMS)
    return day


class RowForm(forms.Form):
    """A form for one row. ``context`` holds what the importer looked up once for every
    row (units in scope, the rows seen so far for duplicate checks)."""

    def __init__(self, data, *, row: int, context: dict | None = None):
        super().__init__(data)
        self.row = row
        self.context = context if context is not None else {}

    def seen_before(self, key, name: str) -> int | None:
        """The row that already had ``key`` (a duplicate), remembering this row otherwise."""
        seen = self.context.setdefault(f"_seen_{name}", {})
        if key in seen:
            return seen[key]
        seen[key] = self.row
        return None


def cell_text(value: Any) -> str:
    """A cell as stripped text, "" for an empty one."""
    return "" if value is None else str(value).strip()


class RawRowForm(RowForm):
    """A row form whose cells arrive as read: every column it does not declare gets a
    field that takes anything, and its ``clean_<column>`` methods (and ``clean``) say what
    a cell may hold. Fields are cleaned in the order of the row's columns."""

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        for key in data:
            self.fields.setdefault(key, forms.Field(required=False))

    def stored(self, key, *, same: str, locked: str, field: str | None = None):
        """The stored record the row is matched to by ``key`` (``context["existing"]``:
        key -> record), None for a new one. Refused with ``same`` (which may name
        ``%(row)s``) when an earlier row of the file had the same key, with ``locked``
        when the record is not one the importer may change (``context["changeable"]``);
        from ``clean``, the refusal is ``field``'s."""

        def refused(message: str) -> forms.ValidationError:
            return forms.ValidationError({field: message} if field else message)

        earlier = self.seen_before(key, "stored")
        if earlier is not None:
            raise refused(same % {"row": earlier})
        current = self.context["existing"].get(key)
        if current is not None and current.pk not in self.context["changeable"]:
            raise refused(locked)
        return current

    def text(self, key: str) -> str:
        """The cell of column ``key`` as stripped text."""
        return cell_text(self.cleaned_data[key])

    def day(
        self, key: str, *, required: bool = True, month: bool = False, year: int | None = None
    ) -> dt.date | None:
        """The cell of column ``key`` as a day: ``read_day``."""
        return read_day(self.cleaned_data[key], required=required, month=month, year=year)

    def required_text(self, key: str) -> str:
        """The cell of column ``key`` as stripped text, which must not be empty."""
        text = self.text(key)
        if not text:
            raise forms.ValidationError(_("is required"))
        return text

    def word(self, key: str, words: dict[str, Any], refusal: str) -> Any:
        """The value the cell of column ``key`` names in ``words`` (word -> value);
        ``refusal`` when it names none."""
        value = words.get(self.text(key))
        if value is None:
            raise forms.ValidationError(refusal)
        return value

    def yes_or_no(self, key: str, yes: set[str], no: set[str]) -> bool:
        """The cell of column ``key`` read as yes (a word of ``yes``, or empty) or no (a
        word of ``no``)."""
        word = self.text(key).casefold()
        if not word or word in yes:
            return True
        if word in no:
            return False
        raise forms.ValidationError(_("是 or 否"))


class PlacedRowForm(RawRowForm):
    """A row of something placed in a village, with the columns ``town`` (optional) and
    ``village`` matched by ``context["places"]`` (a ``mingzhu.org.matching.Places``)."""

    def clean_town(self):
        name = self.text("town")
        return self.context["places"].town(name) if name else None

    def clean(self):
        """A row without errors so far and with its village found (``place``) goes on to
        ``clean_placed``."""
        data = super().clean()
        if self.errors or not self.place(data):
            return data
        return self.clean_placed(data)

    def clean_placed(self, data: dict) -> dict:
        """What a subclass checks and builds once the row's village is known."""
        return data

    def place(self, data: dict) -> bool:
        """Put the row's village, found within its town, in ``data["village"]``; False,
        with the error on the row, when the cell is empty or names no village in reach."""
        name = cell_text(self.data.get("village"))
        if not name:
            self.add_error("village", _("is required"))
            return False
        try:
            data["village"] = self.context["places"].village(name, data.get("town"))
        except forms.ValidationError as exc:
            self.add_error("village", exc)
            return False
        return True


class RowProblem(Exception):
    """Raised by a writer for a row that cannot be written (e.g. not allowed)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def shown_errors(errors: Sequence[Any], limit: int = SHOWN_ERRORS) -> list[str]:
    """The first ``limit`` errors as text, and a line counting the rest (pages and
    commands show no more: a hostile file cannot make a page of millions of lines)."""
    shown = [str(e) for e in errors[:limit]]
    if len(errors) > limit:
        shown.append(_("… and %(count)s more errors not shown.") % {"count": len(errors) - limit})
    return shown


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    objects: list = field(default_factory=list)
    # (row, created?, what) of each row written, for the preview.
    written: list[tuple[int, bool, str]] = field(default_factory=list)
    # Rows that matched a record and changed nothing in it.
    unchanged: int = 0
    # Rows imported with a caveat (e.g. a name left out), shown as warnings.
    notes: list[RowError] = field(default_factory=list)
    # Rows the sheet itself says not to import (a ledger's row marked done), each named
    # with the reason; counted apart from the errors: they stop nothing.
    left_out: list[RowError] = field(default_factory=list)
    # Sentences about the rows as a whole (how many are already overdue), for the preview
    # and the result.
    remarks: list[str] = field(default_factory=list)

    def add(self, row: int, obj, created: bool, what: str | None = None) -> None:
        self.objects.append(obj)
        self.created += bool(created)
        self.updated += not created
        self.written.append((row, bool(created), what or str(obj)))


class RowCleaner:
    """The checks of a ``RowForm``, built once and run row after row: the steps of
    Django's ``full_clean`` (each field's ``clean`` on the value its widget reads, then
    ``clean_<name>``, then the form's ``clean``) on one form whose fields were copied
    once, instead of a form per row (which copies every field and widget: most of the
    time a row takes). The rows' values, errors and messages are the form's own. The form
    is built on the first row (a form may add fields by the row's columns); a row with
    other columns, and a form with disabled or file fields (whose values do not come
    from the row alone), get a form of their own."""

    def __init__(self, form_class: type[RowForm], context: dict):
        self.form_class, self.context = form_class, context
        self.form, self.keys, self.steps = None, None, []

    def _build(self, record: dict) -> None:
        self.form = self.form_class(dict(record), row=0, context=self.context)
        self.keys = record.keys()
        fields = self.form.fields
        if not any(f.disabled or isinstance(f, forms.FileField) for f in fields.values()):
            self.steps = [
                (name, f, f.widget.value_from_datadict, getattr(self.form, f"clean_{name}", None))
                for name, f in fields.items()
            ]

    def __call__(self, number: int, record: dict) -> tuple[dict | None, dict]:
        """(cleaned data, {}) for a valid row, else (None, {field: messages})."""
        if self.form is None:
            self._build(record)
        if not self.steps or record.keys() != self.keys:
            form = self.form_class(record, row=number, context=self.context)
            return (form.cleaned_data, {}) if form.is_valid() else (None, form.errors)
        form = self.form
        form.row, form.data, form.cleaned_data = number, record, {}
        form._errors = forms.utils.ErrorDict(renderer=form.renderer)
        for name, column, value_of, method in self.steps:
            try:
                form.cleaned_data[name] = column.clean(value_of(record, form.files, name))
                if method is not None:
                    form.cleaned_data[name] = method()
            except forms.ValidationError as exc:
                form.add_error(name, exc)
        form._clean_form()
        form._post_clean()
        return (None, form._errors) if form._errors else (form.cleaned_data, {})


def validate_rows(
    table: Table, form_class: type[RowForm], *, context: dict | None = None
) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """(row number, cleaned data) for each valid row, and the errors of the others."""
    context = {} if context is None else context
    clean = RowCleaner(form_class, context)
    good, errors = [], []
    for number, record in table.rows:
        data, problems = clean(number, record)
        if data is not None:
            good.append((number, data))
            continue
        for name, messages in problems.items():
            label = "—" if name == forms.forms.NON_FIELD_ERRORS else table.header(name)
            errors.extend(RowError(number, label, str(m)) for m in messages)
    return good, errors


def save_if_changed(key: str) -> Callable[[dict, int], tuple[Any, bool | None]]:
    """The writer of ``run_import`` for a form that leaves the record, new or stored, in
    ``row[key]`` and whether the row changes it in ``row["changed"]``: the record saved
    only when it changed."""

    def write(row: dict, _number: int):
        obj = row[key]
        if not row["changed"]:
            return obj, None
        created = obj.pk is None
        obj.save()
        return obj, created

    return write


def changeable(records, actor) -> set[int]:
    """The pks of ``records`` (a queryset) that ``actor`` may change: an import updates
    only those, and says so for a row that matches another."""
    from .scope import restrict

    return set(restrict(records, actor, "change").values_list("pk", flat=True))


def run_import(
    table: Table,
    form_class: type[RowForm],
    write: Callable[[dict, int], tuple],
    *,
    context: dict | None = None,
    valid_only: bool = False,
    prepare: Callable[[list[dict]], Any] | None = None,
) -> ImportResult:
    """Validate every row, then ``write(cleaned_data, row)`` -> (object, created) each good
    row in one transaction (``created`` None: the row matched a record and changed
    nothing), or (object, created, what) where the preview is to say what the row
    changes rather than name the object. Any error the writer raises (``RowProblem``), and unless
    ``valid_only`` any invalid row, means nothing is written. ``prepare(rows)`` runs inside
    the transaction before the first write (to lock and load the rows about to change)."""
    good, errors = validate_rows(table, form_class, context=context)
    result = ImportResult(errors=errors)
    if errors and not valid_only:
        return result
    refused = False
    with transaction.atomic():
        if prepare is not None:
            prepare([data for _number, data in good])
        for number, data in good:
            try:
                obj, created, *what = write(data, number)
            except RowProblem as problem:
                result.errors.append(RowError(number, table.header(problem.field), problem.message))
                refused = True
                continue
            if created is None:  # matched a record and changed nothing
                result.unchanged += 1
            else:
                result.add(number, obj, created, *what)
        if refused:
            transaction.set_rollback(True)
            result.created = result.updated = result.unchanged = 0
            result.objects, result.written = [], []
    return result


# -- a file kept between the preview and the confirmation -------------------------------

STAGE_SALT = "mingzhu.core.tabular.stage"
STAGE_MAX_AGE = 2 * 3600


def _stage_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def stage(file, user) -> str:
    """Keep an uploaded file on the server for the confirmation of its preview; the
    signed token names it (and its user). Files older than ``STAGE_MAX_AGE`` go."""
    import time
    import uuid

    data, name = _content(file)
    folder = _stage_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - STAGE_MAX_AGE
    for old in folder.glob("*.upload"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
    key = uuid.uuid4().hex
    (folder / f"{key}.upload").write_bytes(data)
    from django.core import signing

    return signing.dumps({"u": user.pk, "k": key, "n": name}, salt=STAGE_SALT)


def _expired() -> WorkbookError:
    return WorkbookError(
        _("The uploaded file has expired or was already imported; upload it again.")
    )


def _staged(token: str, user) -> dict:
    """What a ``stage`` token names (key, name), if it is this user's and not expired."""
    from django.core import signing

    try:
        data = signing.loads(token or "", salt=STAGE_SALT, max_age=STAGE_MAX_AGE)
    except signing.BadSignature:
        raise _expired() from None
    if data.get("u") != user.pk or not re.fullmatch(r"[0-9a-f]{32}", str(data.get("k", ""))):
        raise _expired()
    return data


def staged_key(token: str, user) -> str:
    """The key of the file a ``stage`` token names (a ``WorkbookError`` if it is not the
    user's or has expired): what makes one job per uploaded file."""
    return _staged(token, user)["k"]


def _read_staged(data: dict) -> io.BytesIO:
    try:
        content = (_stage_dir() / f"{data['k']}.upload").read_bytes()
    except OSError:
        raise _expired() from None
    buffer = io.BytesIO(content)
    buffer.name = data.get("n") or "upload"
    return buffer


def read_staged(token: str, user) -> io.BytesIO:
    """The file a ``stage`` token names, left in place (a background job's preview reads
    it, and its import reads it again before ``discard_staged``)."""
    return _read_staged(_staged(token, user))


def discard_staged(token: str, user) -> None:
    """Remove the file a ``stage`` token names (after its job used it)."""
    data = _staged(token, user)
    (_stage_dir() / f"{data['k']}.upload").unlink(missing_ok=True)


def take_staged(token: str, user) -> io.BytesIO:
    """The file a ``stage`` token names, once: a second use of the token, another user's
    token or an expired one is a ``WorkbookError``. The file is removed as it is taken."""
    from django.core.cache import caches

    data = _staged(token, user)
    if not caches["once"].add(f"mingzhu:staged-import:{data['k']}", 1, STAGE_MAX_AGE):
        raise _expired()
    buffer = _read_staged(data)
    (_stage_dir() / f"{data['k']}.upload").unlink(missing_ok=True)
    return buffer


def spend_staged(token: str, user) -> None:
    """Mark a ``stage`` token used without reading its file (it went to a background
    job): ``take_staged`` refuses it from now on."""
    from django.core.cache import caches

    data = _staged(token, user)
    caches["once"].add(f"mingzhu:staged-import:{data['k']}", 1, STAGE_MAX_AGE)


def apply_row(obj, row: dict, fields, table: Table, *, column_of=None) -> bool:
    """Set ``fields`` of ``obj`` from a cleaned ``row``: every field for a new record
    (``obj.pk`` None), only those whose column the sheet carries for a stored one (the
    others, and flags such as 示例, are kept). ``column_of`` maps a field to its column's
    key where they differ. True when a value changed (a stored record the row repeats is
    left unwritten: its writer returns ``(obj, None)``)."""
    column_of = column_of or {}
    if obj.pk is None:
        for name in fields:
            setattr(obj, name, row[name])
        return True
    changed = False
    for name in fields:
        if column_of.get(name, name) not in table.headers:
            continue
        if getattr(obj, name) != row[name]:
            setattr(obj, name, row[name])
            changed = True
    return changed
