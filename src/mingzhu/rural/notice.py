"""The quarterly notice (通报) of the village ranking as a Word document (python-docx)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _score(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _rank(value) -> str:
    return str(value) if value is not None else _("Not inspected")


def ranking_notice(ranking: dict, *, issued_by: str, issued_on: dt.date) -> bytes:
    """A .docx notice of the ranking: title, the rule, the towns' and villages' tables."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(11)
    title = doc.add_heading(
        _("Notice of the living environment ranking, %(year)s Q%(quarter)s")
        % {"year": ranking["year"], "quarter": ranking["quarter"]},
        level=1,
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(
        _(
            "Inspections from %(start)s to %(end)s. A village's score is the mean of its "
            "inspections on a 100-point scale; a town's is the mean of its inspected "
            "villages. Villages not inspected are listed without a rank."
        )
        % {"start": _day(ranking["start"]), "end": _day(ranking["end"])}
    )
    for heading, rows, with_town in (
        (_("Towns"), ranking["towns"], False),
        (_("Villages"), ranking["villages"], True),
    ):
        doc.add_heading(heading, level=2)
        headers = [_("Rank"), _("Name")] + ([_("Town")] if with_town else []) + [_("Score")]
        table = doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = str(text)
        for row in rows:
            values = [_rank(row["rank"]), row["name"]]
            if with_town:
                values.append(row.get("town", ""))
            values.append(_score(row["score"]))
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = str(text)
    end = doc.add_paragraph(f"{issued_by}\n{_day(issued_on)}")
    end.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
