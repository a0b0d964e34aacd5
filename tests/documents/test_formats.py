"""The same 任务分解 as a Word file, a PDF and a sheet, laid out as an office lays it out:
merged cells, a header of two rows, a section row merged across the table, the 红头 and
版记 of a 公文, page numbers, lines broken at the page width, a table flattened into lines.
Each reads as its plain text would. The files are built here; the names are invented."""

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from mingzhu.core.testing import to_pdf
from mingzhu.documents.decompose import decompose
from mingzhu.documents.reading import read_document


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            if value is not None:
                cell.text = value
    return table


def _items(text):
    return [(i.title, i.named_lead, i.named_co) for i in decompose(text).items]


# --- Word ---------------------------------------------------------------------------------


def test_a_lead_merged_down_over_its_rows_leads_each_of_them():
    document = docx.Document()
    table = _table(
        document,
        [
            ("序号", "工作任务", "牵头单位", "完成时限"),
            ("1", "建成示范街区2个", "县甲局", "2031年6月底前"),
            ("2", "新增停车泊位300个", None, "2031年9月底前"),
            ("3", "改造背街小巷12条", "县乙局", "2031年12月底前"),
        ],
    )
    table.cell(1, 2).merge(table.cell(2, 2))
    text, used = read_document(_save(document), "分解表.docx")
    assert used == "docx"
    items = decompose(text).items
    assert [(i.named_lead, i.deadline.isoformat()) for i in items] == [
        ("县甲局", "2031-06-30"),
        ("县甲局", "2031-09-30"),
        ("县乙局", "2031-12-31"),
    ]


def test_a_section_row_merged_across_is_a_heading_not_a_row():
    document = docx.Document()
    table = _table(
        document,
        [
            ("序号", "重点任务", "牵头单位", "配合单位"),
            ("一、示例产业提升", None, None, None),
            ("1", "培育规上企业15家", "县丙局", "各乡镇"),
            ("二、示例民生保障", None, None, None),
            ("2", "新建托育机构3所", "县丁局", ""),
        ],
    )
    for r in (1, 3):
        table.cell(r, 0).merge(table.cell(r, 3))
    text, _used = read_document(_save(document), "分解表.docx")
    lines = text.splitlines()
    assert "一、示例产业提升" in lines and "二、示例民生保障" in lines
    assert _items(text) == [
        ("培育规上企业15家", "县丙局", ["各乡镇"]),
        ("新建托育机构3所", "县丁局", []),
    ]


def test_a_header_of_two_rows_is_read_as_one():
    document = docx.Document()
    table = _table(
        document,
        [
            ("序号", "工作任务", "责任单位", None, "完成时限"),
            (None, None, "牵头单位", "配合单位", None),
            ("1", "完成示例河道清淤8公里", "县戊局", "县己局", "2031年10月底"),
        ],
    )
    table.cell(0, 2).merge(table.cell(0, 3))
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))
    text, _used = read_document(_save(document), "分解表.docx")
    (item,) = decompose(text).items
    assert (item.title, item.named_lead, item.named_co) == (
        "完成示例河道清淤8公里",
        "县戊局",
        ["县己局"],
    )
    assert item.deadline.isoformat() == "2031-10-31"


def _page_number_footer(document):
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = text
        run._element.append(element)
    paragraph.add_run(" —")


def _gongwen() -> docx.Document:
    """A 公文 as an office sends it: 红头, 文号, the notice, a 分解表, the 版记."""
    document = docx.Document()
    _page_number_footer(document)
    document.add_paragraph("示例县人民政府办公室文件")
    document.add_paragraph("示政办〔2031〕7号")
    document.add_paragraph("示例县人民政府办公室关于印发2031年重点工作任务分解表的通知")
    document.add_paragraph("各乡镇人民政府，县政府各部门：")
    document.add_paragraph("现将2031年重点工作任务分解表印发给你们，请认真抓好落实。")
    _table(
        document,
        [
            ("序号", "工作任务", "牵头单位", "完成时限"),
            ("1", "新建示范公园2个", "县庚局", "2031年11月底前"),
            ("2", "新增就业岗位800个", "县辛局", "2031年12月底前"),
        ],
    )
    document.add_paragraph("示例县人民政府办公室　　　　　　2031年3月2日印发")
    return document


def test_the_red_head_and_the_imprint_of_a_notice_are_no_text_rows():
    text, _used = read_document(_save(_gongwen()), "通知.docx")
    lines = text.splitlines()
    assert "示例县人民政府办公室文件" not in lines
    assert not any(line.endswith("印发") for line in lines)
    assert "示政办〔2031〕7号" in lines  # the 文号 stays: it dates the notice
    assert "PAGE" not in text and "—" not in text  # the footer is not read
    assert [(t, lead) for t, lead, _co in _items(text)] == [
        ("新建示范公园2个", "县庚局"),
        ("新增就业岗位800个", "县辛局"),
    ]


# --- Sheets -------------------------------------------------------------------------------


def test_a_sheet_with_merged_cells_reads_as_its_word_table(db):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in [
        ("2031年示例工作任务分解表", None, None, None, None),
        ("序号", "工作任务", "责任单位", None, "完成时限"),
        (None, None, "牵头单位", "配合单位", None),
        ("一、示例城乡建设", None, None, None, None),
        (1, "改造示例老旧小区6个", "县壬局", "各街道", "2031年8月底前"),
        (2, "新建示例污水管网5公里", None, None, "2031年10月底前"),
    ]:
        sheet.append(list(row))
    # the title and the section row across; 责任单位 over its two columns; 序号, 工作任务
    # and 完成时限 down over the header's two rows; the lead and co-units over two tasks
    for cells in ("A1:E1", "A4:E4", "C2:D2", "A2:A3", "B2:B3", "E2:E3", "C5:C6", "D5:D6"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    text, used = read_document(buffer.getvalue(), "分解表.xlsx")
    assert used == "xlsx"
    assert "一、示例城乡建设" in text.splitlines()
    assert _items(text) == [
        ("改造示例老旧小区6个", "县壬局", ["各街道"]),
        ("新建示例污水管网5公里", "县壬局", ["各街道"]),
    ]


# --- PDF ----------------------------------------------------------------------------------


def _cmap(chars) -> bytes:
    entries = "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in sorted(chars))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Sample def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(set(chars))} beginbfchar\n{entries}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _pdf(pages, drawn=None) -> bytes:
    """A PDF whose pages hold pieces of text (x, y, size, text) where they are put, as a
    word processor prints them: a line of a paragraph, a table cell's line, a page number,
    a quotation mark in another font. One CJK font, its codes the characters' own
    (Identity-H, with a ToUnicode map). ``drawn``: for each page, the lines stroked on it
    (x0, y0, x1, y1), a table's rules."""
    chars = {c for page in pages for *_xy, text in page for c in text}
    font = 3 + 2 * len(pages)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages))), len(pages)),
        font: b"<< /Type /Font /Subtype /Type0 /BaseFont /Sample /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (font + 1, font + 2),
        font + 1: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Sample"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /DW 1000 >>",
    }
    cmap = _cmap(chars)
    objects[font + 2] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    for i, page in enumerate(pages):
        stream = b"".join(
            b"BT /F1 %g Tf %g %g Td <%s> Tj ET\n"
            % (size, x, y, "".join(f"{ord(c):04X}" for c in text).encode())
            for x, y, size, text in page
        )
        if drawn:
            stream += (
                b"q 0.5 w " + b"".join(b"%g %g m %g %g l S " % line for line in drawn[i]) + b"Q\n"
            )
        objects[3 + 2 * i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font)
        )
        objects[4 + 2 * i] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number in range(1, len(objects) + 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _lines(x, y, size, text, width):
    """A paragraph set as a word processor sets it: the first line indented two
    characters, ``width`` characters a line."""
    pieces, first = [], True
    while text:
        room = width - 2 if first else width
        pieces.append((x + (2 * size if first else 0), y, size, text[:room]))
        text, first, y = text[room:], False, y - 1.5 * size
    return pieces


def test_a_pdf_paragraph_broken_at_the_page_width_is_joined_and_page_numbers_left_out():
    para = (
        "示例县将新建口袋公园12个，改造提升示例广场3处，让群众推窗见绿、出门见园，"
        "力争到2031年底前全部建成投用。"
    )
    other = "二、保障措施"
    page = [
        *_lines(72, 760, 16, para, 28),
        (104, 660, 16, other),
        (270, 60, 14, "— 1 —"),
    ]
    text, used = read_document(_pdf([page]), "方案.pdf")
    assert used == "pdf"
    assert text.splitlines() == [para, other]


def test_a_quotation_mark_set_apart_in_a_pdf_comes_back_in_its_place():
    # The line's text keeps a space for each mark; the marks come as one piece of their own.
    page = [
        (72, 760, 16, "坚持 示例优先 原则，推进示例工作，力争年内全面见效。"),
        (104, 760, 16, "“ ”"),
    ]
    text, _used = read_document(_pdf([page]), "方案.pdf")
    assert text == "坚持“示例优先”原则，推进示例工作，力争年内全面见效。"


def test_a_table_flattened_in_a_pdf_is_read_as_its_rows():
    size = 11
    header = [
        (77, 700, 12, "序号"),
        (120, 700, 12, "工作任务"),
        (330, 700, 12, "牵头单位"),
        (450, 700, 12, "完成时限"),
    ]
    page1 = [
        (72, 760, 16, "示例县2031年重点工作任务分解表"),
        *header,
        (77, 682, 12, "一、示例产业发展"),
        (77, 664, size, "1"),
        (120, 664, size, "新增示例规上工业企业"),
        (330, 664, size, "县工业和信息"),
        (450, 664, size, "2031年12月"),
        (120, 650, size, "20家"),
        (330, 650, size, "化局"),
        (450, 650, size, "底前"),
        (77, 632, size, "2"),
        (120, 632, size, "建成示例产业园标准厂房"),
        (330, 632, size, "县发展和改革"),
        (120, 618, size, "5万平方米"),
        (330, 618, size, "局"),
        (280, 60, 14, "— 1 —"),
    ]
    page2 = [
        (77, 770, size, "3"),
        (120, 770, size, "新建示例农贸市场2个"),
        (330, 770, size, "县商务局"),
        (450, 770, size, "2031年9月底"),
        (280, 60, 14, "— 2 —"),
    ]
    text, _used = read_document(_pdf([page1, page2]), "分解表.pdf")
    assert "一、示例产业发展" in text.splitlines()
    items = decompose(text).items
    assert [(i.title, i.named_lead) for i in items] == [
        ("新增示例规上工业企业20家", "县工业和信息化局"),
        ("建成示例产业园标准厂房5万平方米", "县发展和改革局"),
        ("新建示例农贸市场2个", "县商务局"),
    ]
    assert [i.deadline and i.deadline.isoformat() for i in items] == [
        "2031-12-31",
        None,
        "2031-09-30",
    ]


def test_a_notice_printed_to_pdf_by_a_word_processor_reads_as_its_word_file(tmp_path):
    source = tmp_path / "通知.docx"
    source.write_bytes(_save(_gongwen()))
    (printed,) = to_pdf([source], tmp_path)
    from_pdf, used = read_document(printed.read_bytes(), "通知.pdf")
    from_word, _used = read_document(source.read_bytes(), "通知.docx")
    assert used == "pdf"
    assert _items(from_pdf) == _items(from_word)
    assert "印发" not in from_pdf.splitlines()[-1] and "—" not in from_pdf


def _merged_table(lead_row):
    """A 分解表 of four rows whose lead cell covers the first three: its text printed in
    row ``lead_row`` (1 when it stands at the cell's top, 2 when it is centred)."""
    size = 11
    tops = [682, 664, 646, 628]
    page = [
        (72, 760, 16, "示例县2031年重点工作任务分解表"),
        (77, 700, 12, "序号"),
        (120, 700, 12, "工作任务"),
        (330, 700, 12, "牵头单位"),
        (450, 700, 12, "完成时限"),
    ]
    works = ["建成示范街区2个", "新增停车泊位300个", "改造背街小巷12条", "新建口袋公园5个"]
    for n, (y, work) in enumerate(zip(tops, works, strict=True), start=1):
        page += [
            (77, y, size, str(n)),
            (120, y, size, work),
            (450, y, size, f"2031年{n + 5}月底前"),
        ]
        if n == lead_row:
            page.append((330, y, size, "县甲局"))
        if n == 4:
            page.append((330, y, size, "县乙局"))
    # the rules: above the header, under it, between the rows (not across the lead's
    # column where its cell is merged), under the last row
    rules = [(70, 714, 520, 714), (70, 695, 520, 695), (70, 623, 520, 623)]
    for y in (677, 659):
        rules += [(70, y, 325, y), (440, y, 520, y)]
    rules.append((70, 641, 520, 641))
    return page, rules


def test_a_lead_merged_down_in_a_pdf_leads_each_row_it_covers():
    for lead_row in (1, 2):  # printed in the cell's first row, or centred in the middle one
        page, rules = _merged_table(lead_row)
        text, _used = read_document(_pdf([page], [rules]), "分解表.pdf")
        items = decompose(text).items
        assert [(i.title, i.named_lead) for i in items] == [
            ("建成示范街区2个", "县甲局"),
            ("新增停车泊位300个", "县甲局"),
            ("改造背街小巷12条", "县甲局"),
            ("新建口袋公园5个", "县乙局"),
        ], lead_row


def test_a_blank_unit_cell_of_a_pdf_table_drawn_without_rules_stays_blank():
    page, rules = _merged_table(2)
    text, _used = read_document(_pdf([page]), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["", "县甲局", "", "县乙局"]
    # ruled across every column between each row: three cells of their own, two blank
    ruled = [r for r in rules if r[0] == 70 and r[2] == 520] + [
        (70, 677, 520, 677),
        (70, 659, 520, 659),
    ]
    text, _used = read_document(_pdf([page], [ruled]), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["", "县甲局", "", "县乙局"]


def test_a_lead_merged_down_and_centred_in_a_printed_word_table_leads_each_row(tmp_path):
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    document = docx.Document()
    document.add_paragraph("示例县2031年重点工作任务分解表")
    table = _table(
        document,
        [
            ("序号", "工作任务", "牵头单位", "完成时限"),
            ("1", "建成示范街区2个", "县甲局", "2031年6月底前"),
            ("2", "新增停车泊位300个", None, "2031年9月底前"),
            ("3", "改造背街小巷12条", None, "2031年10月底前"),
            ("4", "新建口袋公园5个", "县乙局", "2031年12月底前"),
        ],
    )
    table.style = "Table Grid"
    table.cell(1, 2).merge(table.cell(3, 2)).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    source = tmp_path / "分解表.docx"
    source.write_bytes(_save(document))
    (printed,) = to_pdf([source], tmp_path)
    from_pdf, _used = read_document(printed.read_bytes(), "分解表.pdf")
    from_word, _used = read_document(source.read_bytes(), "分解表.docx")
    assert [i.named_lead for i in decompose(from_pdf).items] == ["县甲局"] * 3 + ["县乙局"]
    assert _items(from_pdf) == _items(from_word)


def test_a_row_s_units_note_left_open_in_a_pdf_ends_at_the_next_row():
    # Items set without a first-line indent: the line of the next row starts at the left
    # edge under a line that ran to the right edge, and is joined to it as a broken line.
    size, width = 16, 28
    rows = [
        "1、持续优化示例营商环境，推动涉企事项全流程网上办理，压减审批时限，全面提升服务效能。（责任单位：县甲局、县乙局",
        "2、加大示例企业融资支持力度。（责任单位：县丙局）",
    ]
    page, y = [], 760
    for row in rows:
        while row:
            page.append((72, y, size, row[:width]))
            row, y = row[width:], y - 1.5 * size
    assert len(rows[0]) % width == 0  # its last line runs to the right edge
    text, _used = read_document(_pdf([page]), "方案.pdf")
    assert _items(text) == [
        (
            "持续优化示例营商环境，推动涉企事项全流程网上办理，压减审批时限，全面提升服务效能",
            "县甲局",
            ["县乙局"],
        ),
        ("加大示例企业融资支持力度", "县丙局", []),
    ]
