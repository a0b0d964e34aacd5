"""The monthly red-and-black list notice (红黑榜通报) as a Word document."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def rates_notice(result: dict, *, year: int, month: int, issuer: str, illustrative: bool) -> bytes:
    """A notice listing the red list (best five) and black list (worst five) of the month,
    with each unit's three rates and composite score."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"关于{year}年{month}月接诉即办“三率”红黑榜的通报")
    run.bold = True
    run.font.size = Pt(18)
    if illustrative:
        doc.add_paragraph("（示例数据）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    weights = result["weights"]
    doc.add_paragraph(
        f"按照接诉即办工作要求，现将{year}年{month}月各承办单位响应率、解决率、满意率及综合得分"
        f"（权重：响应率{weights.response}%、解决率{weights.resolution}%、"
        f"满意率{weights.satisfaction}%）排名情况通报如下。"
    )
    for heading, rows in (
        ("一、红榜（前五名）", result["red"]),
        ("二、黑榜（后五名）", result["black"]),
    ):
        doc.add_paragraph().add_run(heading).bold = True
        if not rows:
            doc.add_paragraph("本月无符合条件的单位。")
            continue
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            ("名次", "单位", "响应率", "解决率", "满意率", "综合得分"),
            strict=True,
        ):
            cell.text = text
        for i, r in enumerate(rows, start=1):
            cells = table.add_row().cells
            values = (
                str(i),
                r["name"],
                _pct(r["response_rate"]),
                _pct(r["resolution_rate"]),
                _pct(r["satisfaction_rate"]),
                "—" if r["composite"] is None else f"{r['composite']:.2f}",
            )
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    doc.add_paragraph(
        "请红榜单位总结经验，黑榜单位认真查找问题、限期整改，切实做到民有所呼、我有所应。"
    )
    signature = doc.add_paragraph(issuer)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
