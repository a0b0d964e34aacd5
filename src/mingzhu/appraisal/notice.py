"""The notice (通报) of a quarter's result as a Word document, ready to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from mingzhu.core import numbers

from .scoring import SchemeSpec, ScoreRow, item_text

FONT = "仿宋"
TITLE_FONT = "宋体"


@dataclass(frozen=True)
class NoticeData:
    year: int
    quarter: int
    scheme: SchemeSpec
    rows: list[ScoreRow]
    issuer: str  # e.g. 市委办公室督查室
    dated: dt.date
    interviews: tuple[str, ...] = ()  # names of towns due an interview (约谈)
    kept_for_good: tuple[str, ...] = ()  # names of towns keeping the red flag for good
    draft: bool = False


def _font(run, name: str = FONT, size: float = 14, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, *, size=14, bold=False, align=None, font=FONT):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold)
    return p


def build_notice(data: NoticeData) -> bytes:
    doc = Document()
    quarter = f"{data.year}年第{'一二三四'[data.quarter - 1]}季度"
    if data.draft:
        _paragraph(doc, "（征求意见稿）", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(
        doc,
        f"关于{quarter}{data.scheme.name}结果的通报",
        size=20,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        font=TITLE_FONT,
    )
    red = [r.name for r in data.rows if r.flag == "red"]
    yellow = [r.name for r in data.rows if r.flag == "yellow"]
    body = (
        f"根据《{data.scheme.name}》（第{data.scheme.version}版），现将{quarter}评比结果通报如下。"
    )
    _paragraph(doc, body)
    if red or yellow:
        parts = []
        if red:
            parts.append(f"{'、'.join(red)}获得“流动红旗”")
        if yellow:
            parts.append(f"{'、'.join(yellow)}获得“流动黄旗”")
        _paragraph(doc, "；".join(parts) + "。")
    if data.kept_for_good:
        _paragraph(
            doc, f"{'、'.join(data.kept_for_good)}连续三个季度获得“流动红旗”，红旗永久保留。"
        )
    if data.interviews:
        _paragraph(doc, f"{'、'.join(data.interviews)}连续两个季度获得“流动黄旗”，将予以约谈。")
    items = list(data.scheme.items)
    headers = [
        "排名",
        "单位",
        *[f"{i.name}（{numbers.number(i.weight)}分）" for i in items],
        "加分",
        "得分",
    ]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), size=10.5, bold=True)
    for r in data.rows:
        flag = {"red": "（红旗）", "yellow": "（黄旗）"}.get(r.flag, "")
        values = [
            str(r.rank),
            r.name + flag,
            *[item_text(i.name, r.items.get(i.code)) for i in items],
            numbers.number(r.bonus),
            numbers.number(r.score, 2),
        ]
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), size=10.5)
    _paragraph(doc, "")
    _paragraph(doc, data.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(
        doc,
        f"{data.dated.year}年{data.dated.month}月{data.dated.day}日",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def notice_for(result) -> bytes:
    """The notice of a stored result (draft marked as such)."""
    from django.utils import timezone

    from .choices import ResultStatus

    rows = [
        ScoreRow(
            unit=r.unit.code,
            name=r.unit.name,
            score=float(r.score),
            rank=r.rank,
            items=r.items,
            points=r.points,
            bonus=float(r.bonus),
            flag=r.flag,
        )
        for r in result.rows.select_related("unit").order_by("rank")
    ]
    flags = list(result.flags.select_related("unit"))
    dated = timezone.localdate(result.published_at or result.computed_at)
    return build_notice(
        NoticeData(
            year=result.year,
            quarter=result.quarter,
            scheme=result.scheme.spec(),
            rows=rows,
            issuer=result.issuer.name,
            dated=dated,
            interviews=tuple(f.unit.name for f in flags if f.interview),
            kept_for_good=tuple(f.unit.name for f in flags if f.kept_for_good),
            draft=result.status != ResultStatus.PUBLISHED,
        )
    )
