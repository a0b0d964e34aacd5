"""Units a row names in a sentence of its own (`县考核办牵头，将…`, `…。县发展改革委负责，各镇
（街道）配合。`, `此项工作由…牵头`), and the actors of a report or an order who are no lead; a
纪要's run of orders on how to work whose first runs long; a PDF table's cell merged down over
rows that cross a page break. Composed examples (invented names and figures)."""

import shutil
import subprocess

import docx
import pytest

from mingzhu.documents.decompose import decompose
from mingzhu.documents.reading import read_document

from .test_formats import _pdf, _save, _table


def _rows(text):
    return [(i.title, i.named_lead, tuple(i.named_co)) for i in decompose(text).items]


# --- a PDF table's cell merged down over a page break ---------------------------------------


def _table_over_two_pages(leads):
    """A 分解表 of six rows, two on the first page and four on the second, ruled between
    its rows except where a lead cell is merged; ``leads``: the lead cell printed in each
    row (None where it is blank) and the rows each cell covers."""
    size = 11
    header = [
        (77, 160, 12, "序号"),
        (120, 160, 12, "工作任务"),
        (330, 160, 12, "牵头单位"),
        (450, 160, 12, "完成时限"),
    ]
    tops = [(0, 142), (0, 124), (1, 706), (1, 688), (1, 670), (1, 652)]
    works = [
        "建成示范街区2个",
        "新增停车泊位300个",
        "改造背街小巷12条",
        "新建口袋公园5个",
        "新建公共厕所8座",
        "改造农贸市场1个",
    ]
    pages = [[(72, 760, 16, "示例县2031年城市更新任务分解表"), *header], []]
    for n, ((page, y), work, lead) in enumerate(zip(tops, works, leads[0], strict=True), 1):
        pages[page] += [
            (77, y, size, str(n)),
            (120, y, size, work),
            (450, y, size, f"2031年{n + 5}月底前"),
        ]
        if lead:
            pages[page].append((330, y, size, lead))
    pages[0].append((280, 40, 14, "— 1 —"))
    pages[1].append((280, 40, 14, "— 2 —"))
    # the rules a word processor draws: around the header, between the rows (not across the
    # lead's column inside a merged cell), and across the table where a page closes its part
    # and where the next opens it again
    drawn = [
        [(70, 174, 520, 174), (70, 155, 520, 155), (70, 118, 520, 118)],
        [(70, 720, 520, 720), (70, 646, 520, 646)],
    ]
    covers = leads[1]
    for k in range(len(tops) - 1):
        (page, y), (next_page, _y) = tops[k], tops[k + 1]
        if page != next_page:
            continue
        rule = y - 5
        if any(k in c and k + 1 in c for c in covers):
            drawn[page] += [(70, rule, 325, rule), (440, rule, 520, rule)]
        else:
            drawn[page].append((70, rule, 520, rule))
    return pages, drawn


def test_a_lead_merged_down_over_a_page_break_leads_each_row_it_covers():
    # printed in the cell's first row, on the first page
    leads = (["县甲局", None, None, None, None, "县乙局"], [{0, 1, 2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["县甲局"] * 5 + ["县乙局"]
    # centred: printed in a row on the second page
    leads = ([None, None, "县甲局", None, None, "县乙局"], [{0, 1, 2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == ["县甲局"] * 5 + ["县乙局"]
    # two merged cells meeting at the break, each printed: two leads
    leads = (["县甲局", None, "县丙局", None, None, "县乙局"], [{0, 1}, {2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == (
        ["县甲局"] * 2 + ["县丙局"] * 3 + ["县乙局"]
    )
    # a blank cell under a page break with no merge shown on the page before: blank
    leads = (["县甲局", "县丁局", None, None, None, "县乙局"], [{2, 3, 4}])
    pages, drawn = _table_over_two_pages(leads)
    text, _used = read_document(_pdf(pages, drawn), "分解表.pdf")
    assert [i.named_lead for i in decompose(text).items] == (
        ["县甲局", "县丁局", "", "", "", "县乙局"]
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_lead_merged_over_a_page_break_in_a_printed_word_table_leads_each_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("示例县2031年城市更新任务分解表")
    for _ in range(30):  # the table starts near the foot of the page
        document.add_paragraph("示例段落，说明任务分解的依据和要求，占据页面的空间。" * 3)
    rows = [("序号", "工作任务", "牵头单位", "完成时限")]
    rows += [
        (str(n), f"示例工作任务第{n}项，新建口袋公园{n}个", None, f"2031年{n + 5}月底前")
        for n in range(1, 7)
    ]
    table = _table(document, rows)
    table.style = "Table Grid"
    table.cell(1, 2).text = "县甲局"
    table.cell(6, 2).text = "县乙局"
    table.cell(1, 2).merge(table.cell(5, 2))
    source = tmp_path / "分解表.docx"
    source.write_bytes(_save(document))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from_pdf, _used = read_document((tmp_path / "分解表.pdf").read_bytes(), "分解表.pdf")
    from_word, _used = read_document(source.read_bytes(), "分解表.docx")
    leads = [i.named_lead for i in decompose(from_pdf).items]
    assert leads == ["县甲局"] * 5 + ["县乙局"]
    assert leads == [i.named_lead for i in decompose(from_word).items]
