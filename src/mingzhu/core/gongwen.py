"""公文: every notice the platform prints (通报, 督办单, 交办单 …) as a .docx after GB/T
9704-2012, rendered from a template.

The layout (A4, margins, 版头 in red with the 发文字号 and the red line, title, 主送, 落款,
date, page numbers, 抄送 and 印发) lives in a .docx template with docxtpl tags; the body
(paragraphs, headings, tables) is built here and put in the template's ``{{p body }}``.
The template of a kind of notice is ``<kind>.docx``, else ``notice.docx``, looked up first
in the administrator's directory (``settings.DOCX_TEMPLATES``, env MINGZHU_DOCX_TEMPLATES)
and then among the shipped ones (``mingzhu/core/docx``, built by ``core/docx/build.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.conf import settings
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docxtpl import DocxTemplate

from .docx.build import BODY_FONT, HERE, LINE, SIZE_3, set_fonts

HEADING_FONT = "黑体"
TABLE_SIZE = Pt(12)  # 小四
TYPE_WIDTH_MM = 156  # 210 − 28 − 26


def chinese_date(day: dt.date) -> str:
    """2026年12月4日, as a 公文 writes its date."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Cell:
    """A table cell's text with a colour (e.g. a 督办单's level), RGB hex."""

    text: str
    color: str = ""
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    """A first-level heading (一、…), in 黑体."""

    text: str


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str | Cell]]
    # Relative column widths; equal when not given.
    widths: Sequence[float] = ()
    # A form (label, value, label, value …) rather than a list: no header row, labels bold.
    form: bool = False
    # Rows this tall (mm) at least, for what is written in by hand.
    min_height_mm: float = 0


@dataclass(frozen=True)
class CutLine:
    """A dashed line to cut along (the 回执 below it goes back to the issuer)."""

    text: str = "裁　剪　线"


Block = str | Heading | Table | CutLine


@dataclass(frozen=True)
class Notice:
    organ: str  # 发文机关, the red 版头
    title: str
    addressees: str  # 主送
    body: Sequence[Block]
    signer: str  # 落款
    dated: dt.date
    number: str = ""  # 发文字号; blank for the office to fill in
    cc: str = ""  # 抄送
    printer: str = ""  # 印发机关; the signer when not given
    mark: str = ""  # e.g. （征求意见稿）, （示例数据）
    appendix: Sequence[Block] = ()  # after the date: a reply slip (回执), an annex
    kind: str = "notice"
    extra: dict = field(default_factory=dict)


def template_path(kind: str = "notice") -> Path:
    """The template a notice of ``kind`` is rendered from: the administrator's first."""
    names = [f"{kind}.docx", "notice.docx"] if kind != "notice" else ["notice.docx"]
    override = getattr(settings, "DOCX_TEMPLATES", None)
    for directory in ([Path(override)] if override else []) + [HERE]:
        for name in names:
            if (directory / name).is_file():
                return directory / name
    raise FileNotFoundError(f"no 公文 template for {kind!r}")


def render(notice: Notice) -> bytes:
    tpl = DocxTemplate(template_path(notice.kind))
    body, appendix = tpl.new_subdoc(), tpl.new_subdoc()
    for block in notice.body:
        _add_block(body, block)
    for block in notice.appendix:
        _add_block(appendix, block)
    context = {
        "organ": notice.organ,
        "number": notice.number or f"〔{notice.dated.year}〕　号",
        "title": notice.title,
        "addressees": notice.addressees,
        "body": body,
        "appendix": appendix,
        "signer": notice.signer,
        "dated": chinese_date(notice.dated),
        "cc": notice.cc,
        "printer": notice.printer or notice.signer,
        "printed_on": chinese_date(notice.dated),
        "mark": notice.mark,
        **notice.extra,
    }
    tpl.render(context, autoescape=True)
    buffer = BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _run(paragraph, text: str, *, font=BODY_FONT, size=SIZE_3, bold=False, color=""):
    run = paragraph.add_run(text)
    set_fonts(run, font)
    run.font.size = size
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def _exact(paragraph, line=LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line


def _add_block(doc, block: Block) -> None:
    if isinstance(block, str):
        p = doc.add_paragraph()
        _exact(p)
        p.paragraph_format.first_line_indent = Pt(32)  # two characters
        _run(p, block)
    elif isinstance(block, Heading):
        p = doc.add_paragraph()
        _exact(p)
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, block.text, font=HEADING_FONT)
    elif isinstance(block, CutLine):
        p = doc.add_paragraph()
        _exact(p)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, f"✂ {'-' * 24} {block.text} {'-' * 24}", size=Pt(10.5))
    else:
        _add_table(doc, block)


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.append(borders)


def _add_table(doc, table: Table) -> None:
    columns = len(table.headers) if table.headers else len(table.rows[0])
    out = doc.add_table(rows=0, cols=columns)
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    _borders(out)
    weights = list(table.widths) or [1] * columns
    total = sum(weights)
    widths = [Mm(TYPE_WIDTH_MM * w / total) for w in weights]
    for column, width in zip(out.columns, widths, strict=True):
        column.width = width  # the table grid, which LibreOffice and WPS lay out by
    lines = ([] if table.form else [[Cell(str(h), bold=True) for h in table.headers]]) + [
        list(r) for r in table.rows
    ]
    for n, values in enumerate(lines):
        row = out.add_row()
        if table.min_height_mm and n >= (0 if table.form else 1):
            row.height = Mm(table.min_height_mm)
        if n == 0 and not table.form:
            # The header row repeats on each page the table runs over.
            trpr = row._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            trpr.append(header)
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[i]
            value = value if isinstance(value, Cell) else Cell(str(value))
            bold = value.bold or (table.form and i % 2 == 0)
            p = cell.paragraphs[0]
            _exact(p, Pt(20))
            # A form's values read from the left; a list's short cells are centred.
            short = len(value.text) < 12 and not table.form
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if (bold or short) else None
            _run(p, value.text, size=TABLE_SIZE, bold=bold, color=value.color)


def organ_name(unit) -> str:
    """How a unit signs a 公文: a city department with the city's name before its own
    (发展和改革委员会 → 扬中市发展和改革委员会); a town or the city as named."""
    if unit is None:
        return ""
    from mingzhu.org.models import OrgUnit

    if unit.kind != "department":
        return unit.name
    city = OrgUnit.objects.filter(kind="city").order_by("depth").values_list("name", flat=True)
    city_name = city.first() or ""
    return unit.name if unit.name.startswith(city_name) else f"{city_name}{unit.name}"
