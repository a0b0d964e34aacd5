"""Exports print as offices print them: a title row, borders, wrapped text, widths by
display width, A4 landscape with the header repeated on every page, 是/否, real dates,
coloured lights and Chinese names."""

import datetime as dt
import io
from urllib.parse import unquote

from openpyxl import load_workbook

from mingzhu.core.excel import MAX_WIDTH, display_width, write_xlsx
from mingzhu.core.testing import pdf_pages
from mingzhu.tasks.choices import Light
from mingzhu.tasks.views import LightLabel

DAY = dt.date(2026, 12, 4)
LONG = "推进扬中港区二期码头建设并完成前期手续办理" * 4


def _sheet(rows, **values):
    content = write_xlsx(
        "任务台账",
        ["任务", "是否完成", "完成时限", "亮灯"],
        rows,
        scope="全市",
        as_of=DAY,
        **values,
    )
    return load_workbook(io.BytesIO(content)).active


def test_a_chinese_character_counts_double():
    assert display_width("新坝镇") == 6 and display_width("ab") == 2
    assert display_width("扬中\nabc") == 4


def test_the_sheet_is_ready_to_print():
    ws = _sheet([["港区建设", True, DAY, LightLabel("red")], [LONG, False, None, None]])
    assert ws.title == "任务台账"
    assert ws["A1"].value == "任务台账（全市，截至2026年12月4日）"
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == ["任务", "是否完成", "完成时限", "亮灯"]
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws["B3"].value, ws["B4"].value) == ("是", "否")
    assert ws["C3"].is_date and ws["C3"].value.date() == DAY
    assert ws["D3"].value == str(Light("red").label)
    assert ws["D3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["D4"].fill.fgColor.rgb in (None, "00000000")
    for cell in (ws["A2"], ws["A3"], ws["D4"]):
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
    assert ws["A4"].alignment.wrap_text
    widths = {c: ws.column_dimensions[c].width for c in "ABCD"}
    assert widths["A"] == MAX_WIDTH  # the long task wraps inside the cap
    assert widths["B"] == display_width("是否完成") + 2
    assert widths["C"] == len("2026-12-04") + 2


def test_a_scope_less_title_and_a_long_sheet_name():
    content = write_xlsx("关于印发扬中市2026年重点工作任务分解表的通知：附件一/二", ["序号"], [[1]])
    ws = load_workbook(io.BytesIO(content)).active
    assert len(ws.title) <= 31 and "/" not in ws.title and ws.title.startswith("关于印发")
    assert ws["A1"].value.startswith("关于印发") and "截至" in ws["A1"].value


def test_the_ledger_export_has_a_chinese_name_and_coloured_lights(as_user, supervisor):
    response = as_user(supervisor).get("/tasks/?export=xlsx")
    assert response.status_code == 200
    name = unquote(response["Content-Disposition"].split("''")[1])
    assert name.startswith("任务台账-") and name.endswith(".xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.title == "任务台账"
    assert ws["A1"].value.startswith("任务台账（全市，截至")
    light = [c.value for c in ws[2]].index("亮灯") + 1
    fills = {
        row[light - 1].value: row[light - 1].fill.fgColor.rgb[-6:]
        for row in ws.iter_rows(min_row=3)
        if row[light - 1].value
    }
    assert fills and set(fills.values()) <= {"C6EFCE", "FFEB9C", "FFC7CE"}


def test_the_export_prints_on_a4_landscape_in_libreoffice(tmp_path):
    rows = [[f"{LONG}{i}", i % 2 == 0, DAY, LightLabel("green")] for i in range(80)]
    content = write_xlsx("任务台账", ["任务", "是否完成", "完成时限", "亮灯"], rows, scope="全市")
    pages = pdf_pages(content, tmp_path, "ledger.xlsx")
    assert len(pages) > 1 and all(page == (297, 210) for page in pages)
