"""The ledgers on an office PC's screen (1366 × 768, the most common): the whole table on
the screen, no sideways scrolling of the page or of the table, every column shown; at a
phone's width the rows stay cards."""

from __future__ import annotations

import re

import pytest
from artifacts import screenshot
from page_layout import check

OFFICE, WIDE, PHONE = 1366, 1920, 390

# What an office's own ledger holds and the demo's titles do not: a long title without a
# comma or a bracket to wrap at (the demo's break at their ：and （示例）).
LONG = "推进城乡供水一体化工程建设全面提升农村饮水安全保障水平和供水服务质量"

# The first rows' prose cells given that title, then the page's width, the table's and
# its box's, and the headings shown.
FIT = """([long, labels]) => {
  const rows = [...document.querySelectorAll("#results tbody tr")].slice(0, 3);
  for (const tr of rows) {
    for (const td of tr.querySelectorAll("td.cell-prose")) td.textContent = long;
  }
  const table = document.querySelector("#results");
  const box = table.closest(".table-responsive") || table.parentElement;
  const shown = [...table.querySelectorAll("thead th")]
    .filter((th) => th.getBoundingClientRect().width > 0)
    .map((th) => th.innerText.trim());
  return {page: document.documentElement.scrollWidth, table: table.scrollWidth,
          box: box.clientWidth, right: table.getBoundingClientRect().right,
          prose: rows.length ? rows[0].querySelectorAll("td.cell-prose").length : 0,
          missing: labels.filter((l) => !shown.includes(l))};
}"""

TASK_COLUMNS = [
    "编码",
    "标题",
    "清单",
    "牵头单位",
    "状态",
    "亮灯",
    "完成时限",
    "进度（%）",
    "责任领导",
]


@pytest.mark.parametrize("width", [OFFICE, WIDE])
@pytest.mark.parametrize("persona", ["leader", "xinba"])
def test_the_task_ledger_fits_an_office_screen(login, demo_server, persona, width):
    page = login(persona, width=width)
    page.goto(f"{demo_server}/tasks/?show=all")
    fit = page.evaluate(FIT, [LONG, TASK_COLUMNS])
    assert fit["prose"] == 2, fit  # the title and the list's name
    assert fit["page"] <= width, fit
    assert fit["table"] <= fit["box"] and fit["right"] <= width, fit
    assert not fit["missing"], fit
    screenshot(page, f"office-tasks-{persona}-{width}", full_page=False)


def test_the_task_ledger_stays_cards_on_a_phone(login, demo_server):
    page = login("xinba", width=PHONE)
    page.goto(f"{demo_server}/tasks/?show=all")
    fit = page.evaluate(FIT, [LONG, []])
    assert fit["page"] <= PHONE, fit
    assert page.locator("#results thead").evaluate("el => getComputedStyle(el).display") == "none"
    row = page.locator("#results tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "block"


PROJECT_COLUMNS = [
    "项目名称",
    "投资方",
    "产业链",
    "总投资（万元）",
    "其中外资（万元）",
    "所在镇（街道、园区）",
    "港产城融合区",
    "洽谈日期",
    "投资规模",
    "阶段",
    "起始日期",
    "投资亮灯",
]

# How the project ledger's rows read (before FIT puts the long title in): the most lines a
# name takes, the amounts' alignment, the days as shown, and the tallest heading in lines.
READS = """() => {
  const rows = [...document.querySelectorAll("#results tbody tr")];
  const lines = (el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size;
  const cells = (n) => rows.map((tr) => tr.children[n]);
  const heads = [...document.querySelectorAll("#results thead th")];
  const lineHeight = (el) => parseFloat(getComputedStyle(el).lineHeight);
  return {
    nameLines: Math.max(...rows.map((tr) => lines(tr.querySelector("td.card-title a")))),
    amountsAlign: [...new Set([...cells(3), ...cells(4)].map(
      (td) => getComputedStyle(td).textAlign))],
    days: [...cells(7), ...cells(10)].map((td) => td.innerText.trim()),
    headingLines: Math.max(...heads.map((th) => Math.round(
      (th.clientHeight - parseFloat(getComputedStyle(th).paddingTop)
       - parseFloat(getComputedStyle(th).paddingBottom)) / lineHeight(th)))),
  };
}"""


@pytest.mark.parametrize("width", [OFFICE, WIDE])
@pytest.mark.parametrize("persona", ["leader", "xinba", "sanmao"])
def test_the_project_ledger_fits_an_office_screen(login, demo_server, persona, width):
    page = login(persona, width=width)
    page.goto(f"{demo_server}/projects/")
    # Nothing over another, no word cut (page_layout), as on every persona's pages.
    assert not check(page)["problems"], check(page)["problems"]
    reads = page.evaluate(READS)
    # A name takes at most two lines, the amounts stand right-aligned, the days compact,
    # a heading at most two lines.
    assert reads["nameLines"] <= 2, reads
    assert reads["amountsAlign"] == ["right"], reads
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}|—", day) for day in reads["days"]), reads
    assert reads["headingLines"] <= 2, reads
    fit = page.evaluate(FIT, [LONG, PROJECT_COLUMNS])
    assert fit["prose"] == 3, fit  # the name, the investor and the town
    assert fit["page"] <= width, fit
    assert fit["table"] <= fit["box"] and fit["right"] <= width, fit
    assert not fit["missing"], fit
    screenshot(page, f"office-projects-{persona}-{width}", full_page=False)


def test_the_project_ledger_stays_cards_on_a_phone(login, demo_server):
    page = login("xinba", width=PHONE)
    page.goto(f"{demo_server}/projects/")
    fit = page.evaluate(FIT, [LONG, []])
    assert fit["page"] <= PHONE, fit
    assert page.locator("#results thead").evaluate("el => getComputedStyle(el).display") == "none"
    row = page.locator("#results tbody tr").nth(3)
    assert row.evaluate("el => getComputedStyle(el).display") == "block"
    # A card's days in full, as before: 洽谈日期 2026年2月5日.
    day = row.locator('td[data-label="洽谈日期"]').inner_text()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日|—", day.strip()), day
