"""Turning an uploaded file into text: UTF-8, GBK or GB18030 plain text, .docx (its
tables too: a 任务分解表 in Word becomes numbered rows naming their units and deadline),
the 任务分解表 as an .xlsx or .xls sheet (read the same way), or a PDF with a text layer.

Pure: bytes in, text out. The encodings are tried in order and the result is checked to
look like written text; binary files and unknown encodings are refused with a message
that says what is wrong.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
ENCODINGS = ("utf-8", "gbk", "gb18030")
# Characters a policy text is made of: CJK, its punctuation, ASCII, full-width forms, and
# the Latin letters with tone marks of the readings some pages print after a character
# (创(chuàng)建), and the emoji a post or a chat reprint puts after its lines (📈, 🌳🌬️),
# with their variation selector.
_TEXT_CHAR = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    r"\u0020-\u007e\u00a0-\u024f\u20a0-\u20cf\u2100-\u214f\u2190-\u21ff\u2460-\u24ff\u25a0-\u25ff"
    r"\u2600-\u27bf\ufe0f\U0001f300-\U0001faff\s]"
)


class ReadError(ValueError):
    """The file cannot be read as a document."""


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20000]
    good = len(_TEXT_CHAR.findall(sample))
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls == 0 and good >= 0.97 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of plain-text bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise ReadError(_("This is a binary file, not a text document."))
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text, encoding
    raise ReadError(_("The text is in an unknown encoding (expected UTF-8, GBK or GB18030)."))


# A 任务分解表 table (Word, a sheet, or text pasted from a page) becomes numbered rows.
from mingzhu.documents.decompose import table_columns as _columns  # noqa: E402
from mingzhu.documents.decompose import table_lines  # noqa: E402


def _header_words(cell: str) -> bool:
    return bool(_columns([cell]))


def _two_row_header(upper: list[str], lower: list[str]) -> list[str] | None:
    """The header of a table whose header takes two rows ("责任单位" merged across over
    "牵头单位 | 配合单位", "序号" and "任务" merged down over both): each column named by
    its lower cell where that one says more; None when the second row is a table row."""
    if len(lower) != len(upper):
        return None
    differs = [i for i, (a, b) in enumerate(zip(upper, lower, strict=True)) if a != b]
    if not differs or not all(not lower[i].strip() or _header_words(lower[i]) for i in differs):
        return None
    return [lower[i] if i in differs and lower[i].strip() else upper[i] for i in range(len(upper))]


def _merged_across(row: list[str]) -> bool:
    """A row of one cell merged across the table (a section heading, "一、…")."""
    cells = [" ".join(c.split()) for c in row]
    return len(cells) > 1 and bool(cells[0]) and len(set(cells)) == 1


def table_text(rows: list[list[str]]) -> list[str]:
    """The lines of a table read with its merged cells resolved (a cell merged down
    repeated in each row it covers, a cell merged across repeated in each column): a
    header of two rows is read as one, and in a 任务分解表 a row merged across the table
    is a heading line between the numbered rows, not a row of its own."""
    rows = [row for row in rows if any(c.strip() for c in row)]
    if len(rows) >= 2 and _columns(rows[0]):
        header = _two_row_header(rows[0], rows[1])
        if header is not None:
            rows = [header, *rows[2:]]
    if not rows:
        return []
    columns = _columns(rows[0])
    if "task" not in columns or not ({"lead", "co"} & set(columns)):
        return table_lines(rows)
    lines: list[str] = []
    chunk: list[list[str]] = []
    for row in rows[1:]:
        if _merged_across(row):
            lines += table_lines([rows[0], *chunk]) if chunk else []
            lines.append(" ".join(row[0].split()))
            chunk = []
        else:
            chunk.append(row)
    return lines + (table_lines([rows[0], *chunk]) if chunk else [])


# The furniture of a 公文 around its text: the 红头 ("××市人民政府文件", "××办公室文件")
# at the top, and the 版记 at the foot ("××办公室  2025年5月14日印发", "抄送：…").
_RED_HEAD = re.compile(r"[\u4e00-\u9fff（）()、]{2,40}文件")
_IMPRINT = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}\s+(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?印\s*发"
    r"|抄\s*送\s*[:：][^。]*"
)


def _furniture(line: str, top: bool) -> bool:
    text = line.strip()
    if top and _RED_HEAD.fullmatch(text):
        return True
    return bool(_IMPRINT.fullmatch(text))


def _drop_furniture(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        top = not any(k.strip() for k in kept)
        if not _furniture(line, top):
            kept.append(line)
    return kept


def read_docx(data: bytes) -> str:
    """The paragraphs and tables of a .docx, in the order they stand."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(block, document).text)
            elif tag == "tbl":
                table = Table(block, document)
                # row.cells repeats a cell merged across, and a cell merged down in each
                # row it covers: a 牵头单位 merged over its rows leads each of them.
                lines += table_text([[cell.text for cell in row.cells] for row in table.rows])
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise ReadError(_("The .docx file cannot be read: %(error)s") % {"error": exc}) from exc
    return "\n".join(_drop_furniture(lines))


def read_sheet(data: bytes, filename: str = "") -> str:
    """The first sheet of an .xlsx or .xls 任务分解表 as the text its Word form would give:
    the title rows above the header as lines (they often carry the year), then the rows
    under the header naming the task and its units (``table_lines``)."""
    import datetime as dt

    from mingzhu.core.tabular import WorkbookError, read_grid

    upload = io.BytesIO(data)
    upload.name = filename or "sheet.xlsx"
    try:
        grid = read_grid(upload)
    except WorkbookError as exc:
        raise ReadError(str(exc)) from exc

    def text(cell) -> str:
        if cell is None:
            return ""
        if isinstance(cell, dt.datetime | dt.date):
            return f"{cell.year}年{cell.month}月{cell.day}日"
        return str(cell)

    rows = [[text(cell) for cell in row] for row in grid]
    for index, row in enumerate(rows[:20]):
        columns = _columns(row)
        if "task" in columns and {"lead", "co"} & set(columns):
            titles = ["　".join(c for c in r if c.strip()) for r in rows[:index]]
            return "\n".join([t for t in titles if t] + table_text(rows[index:]))
    raise ReadError(
        _(
            "The sheet has no header naming the task and its lead or responsible unit "
            "(such as 任务内容 and 牵头单位)."
        )
    )


# A PDF's text layer read by the place of its pieces: lines rebuilt from what stands at
# one height, left to right (the quotation marks and figures a PDF sets in another font
# come back where they stand), a paragraph's lines broken at the page width joined back,
# the page numbers ("— 3 —") left out, and a 任务分解表 set as a table read as its rows.
_PAGE_NUMBER = re.compile(
    r"[-—–－‒\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)[-—–－‒\s]*"
)
_ROW_NUMBER = re.compile(r"[(（]?\d{1,3}[)）.、．]?")


def _em(text: str, latin: float = 0.55) -> float:
    """The width of a run of text in ems: CJK characters are square, Latin ones about
    half as wide (``latin``: from a quarter, "il", to more than a half, "m")."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else latin for c in text)


class _Piece:
    __slots__ = ("x", "y", "size", "text")

    def __init__(self, x: float, y: float, size: float, text: str) -> None:
        self.x, self.y, self.size, self.text = x, y, size, text

    @property
    def end(self) -> float:
        return self.x + _em(self.text) * self.size


def _page_lines(page) -> list[list[_Piece]]:
    """The page's lines, top to bottom, each the pieces of text on it, left to right."""
    pieces: list[_Piece] = []

    def visit(text, cm, tm, _font, size) -> None:
        text = text.replace("\n", "")
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        pieces.append(_Piece(x, y, (size or 12) * scale, text))

    page.extract_text(visitor_text=visit)
    lines: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if lines and abs(lines[-1][0].y - piece.y) <= 0.4 * piece.size:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [_overlaid(sorted(line, key=lambda p: p.x)) for line in lines]


def _page_rules(page) -> list[tuple[float, float, float]]:
    """The horizontal rules drawn on the page (y, left x, right x): the lines stroked
    (``m``/``l`` then ``S``), and the edges of rectangles stroked or the thin rectangles
    filled that a word processor draws a table's borders with. [] when the content
    cannot be read."""
    from pypdf.errors import PyPdfError

    try:
        contents = page.get_contents()  # (a ContentStream since pypdf 3)
        operations = contents.operations if contents is not None else []
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return []  # a drawing that cannot be read draws no rules
    rules: list[tuple[float, float, float]] = []
    matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple[float, ...]] = []
    path: list[tuple[str, tuple[float, ...]]] = []
    point = (0.0, 0.0)

    def at(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = matrix
        return a * x + c * y + e, b * x + d * y + f

    def horizontal(p: tuple[float, float], q: tuple[float, float]) -> None:
        if abs(p[1] - q[1]) <= 0.5 and abs(p[0] - q[0]) >= 2:
            rules.append(((p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))

    for operands, operator in operations:
        op = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
        try:
            values = tuple(float(v) for v in operands)
        except (TypeError, ValueError):
            values = ()
        if op == "q":
            stack.append(matrix)
        elif op == "Q":
            matrix = stack.pop() if stack else matrix
        elif op == "cm" and len(values) == 6:
            a, b, c, d, e, f = values
            A, B, C, D, E, F = matrix
            matrix = (
                a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                e * A + f * C + E, e * B + f * D + F,
            )  # fmt: skip
        elif op == "m" and len(values) == 2:
            point = at(*values)
            path.append(("m", point))
        elif op == "l" and len(values) == 2:
            nxt = at(*values)
            path.append(("l", (*point, *nxt)))
            point = nxt
        elif op == "re" and len(values) == 4:
            x, y, w, h = values
            path.append(("re", (*at(x, y), *at(x + w, y + h))))
        elif op in ("S", "s", "B", "B*", "b", "b*"):
            for kind, v in path:
                if kind == "l":
                    horizontal(v[:2], v[2:])
                elif kind == "re":
                    horizontal((v[0], v[1]), (v[2], v[1]))
                    horizontal((v[0], v[3]), (v[2], v[3]))
            path = []
        elif op in ("f", "F", "f*"):
            for kind, v in path:
                if kind == "re" and abs(v[3] - v[1]) <= 2 and abs(v[2] - v[0]) >= 2:
                    horizontal((v[0], (v[1] + v[3]) / 2), (v[2], (v[1] + v[3]) / 2))
            path = []
        elif op == "n":
            path = []
    return rules


def _overlaid(line: list[_Piece]) -> list[_Piece]:
    """A piece set inside another one (a quotation mark in another font, the text around
    it keeping a space for it) put in its place."""
    out: list[_Piece] = []
    for piece in line:
        last = out[-1] if out else None
        narrowest = last.x + _em(last.text, 0.25) * last.size if last else 0.0
        if last is None or piece.x >= narrowest - 0.3 * last.size:
            out.append(piece)
            continue
        k, width = 0, last.x
        while k < len(last.text) and width + 0.3 * last.size < piece.x:
            width += _em(last.text[k]) * last.size
            k += 1
        marks = piece.text.split()
        text = list(last.text)
        if len(marks) > 1 and text[k:].count(" ") >= len(marks):
            # "“ ”" set as one piece over "行 一岗双责 情": each mark in a space kept for it
            for mark in marks:
                k = text.index(" ", k)
                text[k] = mark
            last.text = "".join(text)
            continue
        rest = last.text[k:]
        if rest[:1] == " ":
            rest = rest[1:]
        last.text = last.text[:k] + piece.text + rest
    return out


def _segments(line: list[_Piece]) -> list[list[_Piece]]:
    """The pieces of a line in the runs a wide gap parts (the cells of a table row)."""
    runs = [[line[0]]]
    for piece in line[1:]:
        last = runs[-1][-1]
        if piece.x - last.end > 0.9 * max(piece.size, last.size):
            runs.append([piece])
        else:
            runs[-1].append(piece)
    return runs


def _joined(pieces: list[_Piece]) -> str:
    """The text of pieces side by side, with the spaces they hold (") 4.", ": "), a
    space between two Latin words set apart, and one where a CJK character is followed
    by a space's width of nothing ("事项 1.", "名称 2024"; the narrower gap a word
    processor leaves between CJK and Latin text, "的 2020年", is no space)."""
    out = ""
    last: _Piece | None = None
    for piece in pieces:
        text = piece.text if out else piece.text.lstrip()
        if out and not out[-1].isspace() and text[:1] and not text[:1].isspace():
            latin = out[-1].isascii() and out[-1].isalnum() and text[:1].isascii()
            gap = piece.x - last.end if last and _em(out[-1]) == 1.0 else 0.0
            wide = 0.15 if _em(text[:1]) == 1.0 else 0.28
            if (latin and text[:1].isalnum()) or gap >= wide * piece.size:
                out += " "
        out += text
        last = piece
    return out.rstrip()


class _PdfTable:
    """A 任务分解表 set as a table: its columns from the header's cells, its rows started
    by a number in the 序号 column (or any text in the first column)."""

    def __init__(self, header: list[list[_Piece]]) -> None:
        self.starts = [run[0].x for run in header]
        self.ends = [run[-1].end for run in header]
        self.lefts = list(self.starts)
        self.header = [_joined(run) for run in header]
        self.head_line = list(self.header)  # the header's first line, repeated on a new page
        self.repeated = False  # reading a header repeated at the top of a page
        self.key = _columns(self.header).get("number", 0)
        self.rows: list[list[str]] = []
        self.in_header = True
        self.em = header[0][0].size
        self.last_y: float | None = header[0][0].y  # None: the table goes on over a page
        self.page = 0  # the page being read, and the horizontal rules drawn on each
        self.rules: dict[int, list[tuple[float, float, float]]] = {}
        self.tops: list[tuple[int, float] | None] = []  # where each row starts

    def column(self, x: float) -> int:
        tolerance = 0.3 * self.em
        return max([0] + [i for i, left in enumerate(self.lefts) if left <= x + tolerance])

    def learn(self, runs: list[list[_Piece]]) -> None:
        """A cell's text starts at its column's left edge, left of a centred header."""
        for run in runs:
            for i in range(1, len(self.starts)):
                if self.ends[i - 1] < run[0].x < self.lefts[i]:
                    self.lefts[i] = run[0].x

    def cells(self, runs: list[list[_Piece]]) -> list[str]:
        cells = [""] * len(self.starts)
        for run in runs:
            cells[self.column(run[0].x)] += _joined(run)
        return cells

    def take(self, line: list[_Piece]) -> bool:
        """Read a line into the table; False when the line is no longer the table's: it
        starts left of the table, below a gap of more than two lines, or with words in
        the 序号 column."""
        runs = _segments(line)
        first = runs[0][0]
        gap = 0.0 if self.last_y is None else self.last_y - first.y
        if first.x < self.lefts[0] - 0.3 * first.size or gap > 2.5 * first.size:
            return False
        if self.last_y is None and [_joined(run) for run in runs] == self.head_line:
            # the header repeated at the top of the next page: the table goes on below it
            self.repeated, self.last_y = True, first.y
            return True
        numbered = "number" in _columns(self.header)
        span = len(runs) == 1 and self.column(first.x) == 0 < self.column(runs[0][-1].end)
        if span and not _ROW_NUMBER.fullmatch(_joined(runs[0])):
            self.rows.append([_joined(runs[0])] * len(self.starts))  # a heading merged across
            self.tops.append(None)
            self.in_header = False
            self.last_y = first.y
            return True
        cells = self.cells(runs)
        key = cells[self.key].strip()
        starts_row = bool(_ROW_NUMBER.fullmatch(key)) if numbered else bool(key)
        if self.repeated and not starts_row:
            self.last_y = first.y  # (the repeated header's other lines)
            return True
        self.repeated = False
        if numbered and key and not starts_row:
            return False
        if starts_row:
            self.learn(runs)
            cells = self.cells(runs)
        if self.in_header and not starts_row:
            self.header = [h + c for h, c in zip(self.header, cells, strict=True)]
        elif starts_row or not self.rows or _merged_across(self.rows[-1]):
            self.rows.append(cells)
            self.tops.append((self.page, first.y) if starts_row else None)
            self.in_header = False
        else:
            self.rows[-1] = [a + b for a, b in zip(self.rows[-1], cells, strict=True)]
        self.last_y = first.y
        return True

    def _ruled(self, upper: tuple[int, float], lower: tuple[int, float], column: int) -> bool:
        """Whether a rule is drawn across the column between the rows starting at these
        places (a row's first line, on the same page)."""
        x = self.lefts[column] + 0.5 * self.em
        return any(
            lower[1] < y < upper[1] and left - 0.5 <= x <= right + 0.5
            for y, left, right in self.rules.get(lower[0], ())
        )

    def merged_down(self) -> list[list[str]]:
        """The rows with each cell merged down over several rows given to every row it
        covers. A cell merged down is printed once, in its first row or, centred, in a
        middle one; the drawing shows it: between the rows it covers no rule crosses its
        column while one crosses the 序号 (or first) column. A table drawn without rules
        keeps its blank cells blank."""
        rows = [list(row) for row in self.rows]
        key = self.key
        for column in range(len(self.starts)):
            if column == key:
                continue
            groups: list[list[int]] = []  # the rows each cell of the column covers
            group: list[int] = []
            for k in range(len(rows) + 1):
                joined = (
                    k < len(rows)
                    and group
                    and (upper := self.tops[group[-1]]) is not None
                    and (lower := self.tops[k]) is not None
                    and upper[0] == lower[0]
                    and self._ruled(upper, lower, key)
                    and not self._ruled(upper, lower, column)
                )
                if joined:
                    group.append(k)
                    continue
                if group:
                    groups.append(group)
                group = [k] if k < len(rows) and self.tops[k] is not None else []
            blank = [not row[column].strip() for row in rows]
            for group in self._across_pages(groups, blank):
                if len(group) >= 2:
                    text = "".join(rows[g][column] for g in group)
                    for g in group:
                        rows[g][column] = text
        return rows

    def _across_pages(self, groups: list[list[int]], blank: list[bool]) -> list[list[int]]:
        """The groups of rows a cell covers, a cell that goes on over a page break made
        one: the page closes the table's part on it with a rule across every column,
        so the drawing shows such a cell only by its merge on both pages — a group of
        two rows or more ending the table's part on a page, one of two or more opening
        it on the next (the row after the first, on the next page, right after it) —
        and its text is printed on one page only: two merged cells that meet at the
        break, each with its text, stay two."""
        out: list[list[int]] = []
        for group in groups:  # (every row of a group starts on a page: its top is known)
            last = out[-1] if out else None
            if (
                last is not None
                and len(last) >= 2
                and len(group) >= 2
                and group[0] == last[-1] + 1
                and self.tops[group[0]][0] == self.tops[last[-1]][0] + 1
                and (all(blank[g] for g in last) or all(blank[g] for g in group))
            ):
                out[-1] = last + group
            else:
                out.append(group)
        return out


def _table_header(line: list[_Piece]) -> list[list[_Piece]] | None:
    runs = _segments(line)
    columns = _columns([_joined(run) for run in runs])
    if len(runs) >= 2 and "task" in columns and {"lead", "co"} & set(columns):
        return runs
    return None


def pdf_text(
    pages: list[list[list[_Piece]]],
    rules: Callable[[int], list[tuple[float, float, float]]] | None = None,
) -> str:
    """The text of a PDF's pages (their lines of pieces) as paragraphs and table rows;
    ``rules(n)``, the horizontal rules drawn on page n, show a table's cells merged down
    (asked only of the pages a table stands on)."""
    out: list[str] = []
    short = float("inf")  # how far the last line stopped before the right edge
    table: _PdfTable | None = None
    for number, lines in enumerate(pages):
        if table is not None:
            table.page = number
            table.rules[number] = rules(number) if rules else []
        lines = [
            line
            for i, line in enumerate(lines)
            if not (i in (0, len(lines) - 1) and _PAGE_NUMBER.fullmatch(_joined(line)))
        ]
        if not lines:
            continue
        left = min(line[0].x for line in lines)
        # The right edge from the lines ending in a CJK character (its width is known).
        right = max(
            [line[-1].end for line in lines if _em(line[-1].text[-1:]) == 1.0]
            or [line[-1].end for line in lines]
        )
        for line in lines:
            first = line[0]
            if table is not None:
                if table.take(line):
                    continue
                out += table_text([table.header, *table.merged_down()])
                table, short = None, float("inf")
            if (runs := _table_header(line)) is not None:
                table = _PdfTable(runs)
                table.page = number
                table.rules[number] = rules(number) if rules else []
                continue
            text = _joined(line)
            if _furniture(text, top=not out):
                short = float("inf")
                continue
            # A line broken at the page width: the last one ran to the right edge (short
            # of it by less than the Latin word that did not fit there, "(zé)", "GDP"), and
            # this one starts at the left edge, not indented as a paragraph's first line.
            word = re.match(r"[^\u3000-\u9fff\uff00-\uffef]*", text).group()
            if (
                out
                and short <= (2.5 + _em(word, 0.6)) * first.size
                and first.x <= left + 0.5 * first.size
            ):
                out[-1] += text
            else:
                out.append(text)
            short = right - line[-1].end
        if table is not None:
            table.last_y = None  # a table goes on over the page
    if table is not None:
        out += table_text([table.header, *table.merged_down()])
    return "\n".join(_drop_furniture(out))


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF; a scanned one (no text) is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError(_("The PDF is protected by a password."))
        pages = [_page_lines(page) for page in reader.pages]
        try:
            drawn: dict[int, list[tuple[float, float, float]]] = {}

            def rules(n: int) -> list[tuple[float, float, float]]:
                if n not in drawn:
                    drawn[n] = _page_rules(reader.pages[n])
                return drawn[n]

            text = pdf_text(pages, rules)
        except (ArithmeticError, IndexError, ValueError, TypeError):
            # pieces placed where no line is made of them: the text layer as pypdf reads it
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(_("The PDF cannot be read: %(error)s") % {"error": exc}) from exc
    if len(text.strip()) < 20:
        raise ReadError(
            _("The PDF has no text layer (a scan?): paste the text or upload a .docx instead.")
        )
    return text


def _zip_holds(data: bytes, member: str) -> bool:
    try:
        return member in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False


def read_document(data: bytes, filename: str = "") -> tuple[str, str]:
    """(text, encoding or "docx", "xlsx", "xls" or "pdf") of an uploaded file."""
    if not data:
        raise ReadError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ReadError(_("The file is larger than 5 MB."))
    name = filename.lower()
    if data.startswith(b"PK\x03\x04"):
        if name.endswith(".xlsx") or _zip_holds(data, "xl/workbook.xml"):
            return read_sheet(data, name), "xlsx"
        if name and not name.endswith(".docx") and zipfile.is_zipfile(io.BytesIO(data)):
            raise ReadError(_("Only .docx and .xlsx files among archives are read."))
        return read_docx(data), "docx"
    if data.startswith(b"%PDF"):
        return read_pdf(data), "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if name.endswith(".xls"):
            return read_sheet(data, name), "xls"
        raise ReadError(_("Old .doc files are not read: save the document as .docx."))
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError(_("The file is empty."))
    return text, encoding
