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
import zipfile

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
    r"\S.{0,40}?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?印\s*发"
    r"|抄\s*送\s*[:：].*"
)


def _furniture(line: str, top: bool) -> bool:
    text = line.strip()
    if top and _RED_HEAD.fullmatch(text):
        return True
    return bool(_IMPRINT.fullmatch(text)) and not text.endswith(("的通知", "的函"))


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


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF; a scanned one (no text) is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError(_("The PDF is protected by a password."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(_("The PDF cannot be read: %(error)s") % {"error": exc}) from exc
    text = "\n".join(pages)
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
