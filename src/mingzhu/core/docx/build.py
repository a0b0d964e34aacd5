"""Builds the shipped 公文 template (``notice.docx``, next to this file) after GB/T
9704-2012: A4, margins 37/35/28/26 mm, the 版头 (issuing organ in red, 发文字号, red line),
title, 主送, body, 落款 and date, page numbers "— 1 —" and the 版记 (抄送, 印发).

The template is a plain .docx with docxtpl (Jinja) tags, so an office can open it in WPS or
Word, change fonts, sizes or the 版头 and put its copy in ``MINGZHU_DOCX_TEMPLATES``
(docs/operations.md). Regenerate the shipped one with
``python -m mingzhu.core.docx.build``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
NOTICE = HERE / "notice.docx"

# The fonts GB/T 9704 names, then what a machine without them falls back to: Word and
# WPS read a font's alternative name from the font table; LibreOffice asks fontconfig,
# which a server can map to Noto Serif CJK SC (docs/operations.md).
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
NUMBER_FONT = "宋体"
FALLBACKS = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    "仿宋": "FangSong",
    "黑体": "SimHei",
    "宋体": "SimSun",
}
RED = RGBColor(0xFF, 0x00, 0x00)
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
LINE = Pt(28.95)  # 22 lines on the 225 mm type area


def set_fonts(target, name: str) -> None:
    """A run's or style's fonts: the same name for Latin and East Asian text."""
    rpr = target._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _run(paragraph, text: str, *, font: str = BODY_FONT, size=SIZE_3, color=None, bold=False):
    run = paragraph.add_run(text)
    set_fonts(run, font)
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


def _paragraph(doc, text: str = "", *, align=None, exact=True, **font):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text, **font)
    return p


def _border(paragraph, side: str, *, color: str = "000000", size: int = 4) -> None:
    """A line above or below the paragraph (``size`` in eighths of a point)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)


def _page_field(paragraph) -> None:
    """ "— PAGE —" as a field, so every page shows its own number."""
    _run(paragraph, "— ", font=NUMBER_FONT, size=SIZE_4)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = _run(paragraph, "", font=NUMBER_FONT, size=SIZE_4)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    end = _run(paragraph, "", font=NUMBER_FONT, size=SIZE_4)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    _run(paragraph, " —", font=NUMBER_FONT, size=SIZE_4)


def _font_table(doc) -> None:
    """Each 公文 font's alternative name, for machines that lack it."""
    part = next(
        (p for p in doc.part.package.parts if str(p.partname) == "/word/fontTable.xml"), None
    )
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_name = etree.SubElement(font, qn("w:altName"))
        alt_name.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "roman")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_notice_template(path: Path = NOTICE) -> Path:
    doc = Document()
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT)
    normal.font.size = SIZE_3
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    # Page numbers sit outside: right on odd pages, left on even ones.
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        _page_field(p)

    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._p.getparent().remove(body._p)

    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(doc, "{%p if mark %}")
    _paragraph(doc, "{{ mark }}", align=right, size=SIZE_4)
    _paragraph(doc, "{%p endif %}")
    organ = _paragraph(doc, "{{ organ }}", align=center, exact=False, font=TITLE_FONT)
    organ.runs[0].font.size, organ.runs[0].font.color.rgb = Pt(36), RED
    organ.paragraph_format.space_before = Pt(12)
    organ.paragraph_format.space_after = Pt(24)
    number = _paragraph(doc, "{{ number }}", align=center)
    _border(number, "bottom", color="FF0000", size=12)  # the red separator, 1.5 pt
    _paragraph(doc)
    title = _paragraph(doc, "{{ title }}", align=center, exact=False, font=TITLE_FONT, size=SIZE_2)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _paragraph(doc)
    _paragraph(doc, "{{ addressees }}：")
    _paragraph(doc, "{{p body }}")
    _paragraph(doc)
    signer = _paragraph(doc, "{{ signer }}", align=right)
    signer.paragraph_format.right_indent = Pt(16 * 4)
    dated = _paragraph(doc, "{{ dated }}", align=right)
    dated.paragraph_format.right_indent = Pt(16 * 4)
    # What follows the date on the same document: a reply slip (回执), an annex.
    _paragraph(doc, "{{p appendix }}")
    _paragraph(doc)
    # The 版记: 抄送 and 印发, between thin lines, at the end of the last page.
    _paragraph(doc, "{%p if cc %}")
    cc = _paragraph(doc, "抄送：{{ cc }}。", size=SIZE_4)
    cc.paragraph_format.left_indent = cc.paragraph_format.right_indent = Pt(14)
    _border(cc, "top")
    _paragraph(doc, "{%p endif %}")
    printed = _paragraph(doc, "{{ printer }}", size=SIZE_4)
    printed.paragraph_format.left_indent = printed.paragraph_format.right_indent = Pt(14)
    printed.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
    _run(printed, "\t{{ printed_on }}印发", size=SIZE_4)
    _border(printed, "top")
    _border(printed, "bottom")
    _font_table(doc)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build_notice_template())
