"""The ledgers on an office PC's screen (1366 × 768, the most common): the whole table on
the screen, no sideways scrolling of the page or of the table, every column shown; at a
phone's width the rows stay cards."""

from __future__ import annotations

import pytest
from artifacts import screenshot

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
