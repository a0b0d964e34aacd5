"""Every persona's main pages at a phone's width (390 × 844) and at a desktop's, read as
a person reads them: no label over another, no word cut or wrapped a character a line,
no select too long to use; the loops that are done on a phone (the grid worker's 核查, the
enterprise's 评价答复, the 12345 回访, bulk 交办 from the ledger) walked through."""

from __future__ import annotations

import re

import pytest
from artifacts import screenshot
from page_layout import MAX_OPTIONS, check

PHONE, DESKTOP = 390, 1280

# Each persona's pages: list pages and form pages it works with. A path may be a list
# page's filter whose first row is opened (with ">" and the link to follow).
PAGES = {
    "leader": [
        "/",
        "/tasks/",
        "/livelihood/rates/",
        "/enterprises/demands/rates/",
        "/grid/events/",
    ],
    "supervisor": ["/tasks/", "/tasks/inbox/", "/tasks/lists/", "/risks/debt/plans/"],
    "fgw": ["/tasks/", "/tasks/inbox/", "/projects/"],
    "xinba": ["/tasks/", "/grid/events/", "/risks/hazards/", "/tasks/inbox/"],
    "wangge": ["/grid/events/", "/grid/events/add/"],
    "qiye": ["/enterprises/demands/", "/enterprises/demands/add/", "/enterprises/mu/"],
    "admin": ["/org/units/", "/org/users/", "/org/units/add/"],
    "tongji": ["/targets/", "/targets/observations/"],
    "sanmao": ["/tasks/", "/livelihood/requests/"],
    "gxj": ["/enterprises/", "/enterprises/mu/"],
    "czj": ["/risks/debt/wall/", "/risks/debt/instruments/"],
    "rexian": ["/livelihood/requests/", "/livelihood/requests/add/"],
    "nyj": ["/livelihood/households/", "/rural/facilities/"],
    "zzb": ["/party/members/"],
    "wmb": ["/civility/applications/"],
    "lixin": ["/", "/livelihood/households/"],
}


def _walk(page, demo_server, persona, width, paths) -> list[str]:
    problems = []
    for i, path in enumerate(paths):
        response = page.goto(f"{demo_server}{path}")
        assert response.status < 400, f"{persona} {path}: {response.status}"
        found = check(page)
        problems += [f"{persona} {width}px {path}: {p}" for p in found["problems"]]
        problems += [
            f"{persona} {width}px {path}: select {s['name']} holds {s['options']} options"
            for s in found["selects"]
            if s["options"] > MAX_OPTIONS
        ]
        screenshot(page, f"phone-{persona}-{width}-{i}")
    return problems


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("persona", list(PAGES))
def test_every_persona_reads_its_pages_whole(login, demo_server, persona, width):
    page = login(persona, width=width)
    problems = _walk(page, demo_server, persona, width, PAGES[persona])
    assert not problems, "\n".join(problems)


def _first_row(page, demo_server, path):
    page.goto(f"{demo_server}{path}")
    page.locator("#results tbody tr").first.locator("a").first.click()


def _form_reads_whole(page, name):
    found = check(page)
    assert not found["problems"], "\n".join(found["problems"])
    screenshot(page, name)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_grid_worker_rechecks_on_a_phone(login, demo_server, width):
    page = login("wangge", width=width)
    _first_row(page, demo_server, "/grid/events/?status=awaiting_recheck")
    page.click("#action-recheck")
    page.wait_for_url(re.compile(r"/recheck/$"))
    # Each choice is a form-check of its own; the group's wrapper is no input.
    assert page.locator("fieldset.choice-group .form-check").count() == 2
    assert page.locator("fieldset.choice-group > .form-check-input").count() == 0
    _form_reads_whole(page, f"phone-recheck-{width}")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_enterprise_rates_a_reply_on_a_phone(login, demo_server, width):
    page = login("qiye", width=width)
    _first_row(page, demo_server, "/enterprises/demands/?status=replied")
    page.click("#action-rate")
    page.wait_for_url(re.compile(r"/rate/$"))
    assert page.locator("fieldset.choice-group .form-check-inline").count() == 3
    _form_reads_whole(page, f"phone-rate-{width}")
    # The enterprise's menu holds nothing that is empty for it.
    menu = page.locator("#menu").inner_text() if width == DESKTOP else ""
    for item in ("任务台账", "单位指标", "巡视整改"):
        assert item not in menu


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_12345_callback_radios_read_whole(login, demo_server, width):
    page = login("rexian", width=width)
    _first_row(page, demo_server, "/livelihood/requests/?status=answered")
    page.click("#action-callback")
    page.wait_for_url(re.compile(r"/callback/$"))
    assert page.locator("fieldset.choice-group .form-check").count() == 5
    _form_reads_whole(page, f"phone-callback-{width}")


def test_the_supervisor_assigns_drafts_in_bulk_on_a_phone(login, demo_server):
    page = login("supervisor", width=PHONE)
    page.goto(f"{demo_server}/tasks/?status=draft")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 2
    # A card is titled by the task's title, its code under it (the table's first column).
    codes = [rows.nth(i).locator("td.card-title .card-under").inner_text() for i in range(2)]
    assert all(re.fullmatch(r"\d{4}-[A-Z]+-\d{4}", code) for code in codes), codes
    title = rows.first.locator("td.card-title a").inner_text()
    assert title == rows.first.locator("td[data-label='标题']").text_content().strip()
    assert not rows.first.locator("td[data-label='标题']").is_visible()
    for i in range(2):
        rows.nth(i).locator("input[name=ids]").check()
    page.click("#bulk-assign")
    page.wait_for_url(re.compile(r"/tasks/bulk/"))
    listed = page.locator("#bulk-tasks").inner_text()
    assert all(code in listed for code in codes)
    _form_reads_whole(page, "phone-bulk-confirm")
    page.click("#confirm")
    page.wait_for_url(f"{demo_server}/tasks/")
    assert "已交办 2 项任务" in page.content()
    page.goto(f"{demo_server}/tasks/?show=all&q={codes[0]}")
    assert "已交办" in page.locator("#results tbody tr").first.inner_text()


# Pages that had long pickers. The task form's 上级任务 and unit fields are searchable
# selects that load their options as the user types (core/widgets.py): the page holds
# only the chosen ones.
LONG_PICKERS = [
    pytest.param("supervisor", "/tasks/add/", id="task-form"),
    pytest.param("supervisor", "/tasks/", id="ledger-filters"),
    pytest.param("wangge", "/grid/events/add/", id="grid-report"),
    pytest.param("rexian", "/livelihood/requests/add/", id="request-form"),
    pytest.param("admin", "/org/units/add/", id="unit-form"),
]


@pytest.mark.parametrize(("persona", "path"), LONG_PICKERS)
def test_no_select_is_too_long_to_use(login, demo_server, persona, path):
    page = login(persona)
    page.goto(f"{demo_server}{path}")
    long = [s for s in check(page)["selects"] if s["options"] > MAX_OPTIONS]
    assert not long, long


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_debt_wall_opens_on_bars_a_finger_can_tell_apart(login, demo_server, width):
    """The wall's five years of months as hair-thin bars on a phone: it opens on as many
    months as its width shows at about 24 px a bar, and the slider moves along the rest."""
    page = login("czj", width=width)
    page.goto(f"{demo_server}/risks/debt/wall/")
    page.wait_for_selector("#wall-chart canvas")
    shown = page.evaluate(
        """() => {
          const node = document.getElementById("wall-chart");
          const option = echarts.getInstanceByDom(node).getOption();
          const zoom = option.dataZoom[0];
          return {periods: option.xAxis[0].data.length, start: zoom.startValue,
                  end: zoom.endValue, width: node.clientWidth};
        }"""
    )
    assert shown["periods"] > 24  # the demo's debt falls due over years
    assert shown["start"] == 0
    assert shown["end"] + 1 == min(shown["periods"], shown["width"] // 24)
    # The bars grow in for a second before the picture.
    screenshot(page, f"phone-wall-{width}", full_page=False, settle_ms=1500)


# Pages whose tables ran wider than a phone: a list of figures that did not scroll
# sideways, or a detail page whose long value (a sentence quoted from a document, a scheme's
# rule) would not break. A path ending in ">" opens the page's first record.
NOT_WIDER = [
    pytest.param("leader", "/appraisal/", id="flag-board"),
    pytest.param("nyj", "/rural/facilities/stats/", id="facility-stats"),
    pytest.param("zzb", "/party/training/summary/", id="training-summary"),
    pytest.param("zzb", "/party/project-branches/", id="project-branches"),
    pytest.param("wmb", "/civility/hours/", id="volunteer-hours"),
    pytest.param("wmb", "/civility/campaign/", id="creation-campaign"),
    pytest.param("sanmao", "/system/tokens/", id="api-tokens"),
    pytest.param("leader", "/targets/>", id="target"),
    pytest.param("gxj", "/enterprises/mu/schemes/>", id="mu-scheme"),
    pytest.param("gxj", "/enterprises/>", id="enterprise"),
    pytest.param("nyj", "/rural/sheets/>", id="scoring-sheet"),
    pytest.param("nyj", "/rural/secretaries/>", id="secretary-plan"),
    pytest.param("nyj", "/rural/inspections/>", id="village-inspection"),
    pytest.param("zzb", "/party/members/>", id="party-member"),
    pytest.param("wmb", "/civility/activities/>", id="volunteer-activity"),
    pytest.param("leader", "/projects/inspections/>", id="project-inspection"),
    pytest.param("leader", "/appraisal/schemes/>", id="appraisal-scheme"),
]


@pytest.mark.parametrize(("persona", "path"), NOT_WIDER)
def test_no_page_is_wider_than_a_phone(login, demo_server, persona, path):
    page = login(persona, width=PHONE)
    if path.endswith(">"):
        page.goto(f"{demo_server}{path[:-1]}")
        first = page.locator("main a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
            "  .find(h => /\\/\\d+\\/(\\?|$)/.test(h || ''))"
        )
        assert first, f"{path}: no record to open"
        path = first
    page.goto(f"{demo_server}{path}")
    wide = page.evaluate(
        """() => {
          const out = [];
          for (const el of document.querySelectorAll("main table")) {
            const r = el.getBoundingClientRect();
            if (r.right > window.innerWidth + 1 && !el.closest(".table-responsive")) {
              out.push(`${el.id || el.className}: ${Math.round(r.right)} px`);
            }
          }
          return {page: document.documentElement.scrollWidth, tables: out};
        }"""
    )
    assert wide["page"] <= PHONE and not wide["tables"], f"{path}: {wide}"
    screenshot(page, f"phone-not-wider-{persona}-" + re.sub(r"[^a-z0-9]+", "-", path.strip("/")))


# The texts ECharts draws (axis names and figures, the slanted units' names, a target's
# mark, a radar's indicators), each with its box on the chart's canvas.
CHART_TEXTS = """() => [...document.querySelectorAll("div[_echarts_instance_]")].map((node) => {
  const chart = echarts.getInstanceByDom(node);
  const width = chart.getWidth(), height = chart.getHeight();
  const texts = [];
  chart.getZr().storage.getDisplayList(true).forEach((el) => {
    if (!["text", "tspan"].includes(el.type) || el.invisible || el.ignore) return;
    if (!el.style || !el.style.text) return;
    const box = el.getBoundingRect().clone();
    const transform = el.getComputedTransform();
    if (transform) box.applyTransform(transform);
    texts.push({text: String(el.style.text), x: box.x, y: box.y, right: box.x + box.width,
                bottom: box.y + box.height});
  });
  return {id: node.id, width, height, texts};
})"""

CHARTS = [
    pytest.param("leader", "/livelihood/rates/", id="12345-rates"),
    pytest.param("leader", "/enterprises/demands/rates/", id="demand-rates"),
    pytest.param("leader", "/tasks/metrics/", id="unit-metrics"),
    pytest.param("leader", "/targets/peers/", id="peers"),
    pytest.param("nyj", "/rural/", id="remediation"),
    pytest.param("gxj", "/enterprises/mu/", id="mu-classes"),
    pytest.param("qiye", "/enterprises/>", id="mu-radar"),
]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize(("persona", "path"), CHARTS)
def test_no_chart_text_runs_past_its_chart(login, demo_server, persona, path, width):
    """A unit's name slanted under its bar, an axis's name, a target's mark or a radar's
    indicator drawn past the chart's edge is cut off: every text stays inside."""
    page = login(persona, width=width)
    if path.endswith(">"):
        page.goto(f"{demo_server}{path[:-1]}")
        page.locator("#results tbody tr").first.locator("a").first.click()
        page.wait_for_load_state()
    else:
        page.goto(f"{demo_server}{path}")
    if path == "/targets/peers/":
        # The seed's GDP, which every peer reports (a test may have added an indicator
        # that sorts first and none has figures of).
        gdp = page.locator("select[name=indicator] option", has_text="地区生产总值")
        page.goto(f"{demo_server}{path}?indicator={gdp.first.get_attribute('value')}")
    page.wait_for_selector("div[_echarts_instance_] canvas")
    charts = page.evaluate(CHART_TEXTS)
    assert charts and all(c["texts"] for c in charts), charts
    outside = [
        f"{c['id']}: {t['text']} ({t['x']:.0f}, {t['y']:.0f} – {t['right']:.0f}, {t['bottom']:.0f})"
        for c in charts
        for t in c["texts"]
        if t["x"] < -1
        or t["y"] < -1
        or t["right"] > c["width"] + 1
        or t["bottom"] > c["height"] + 1
    ]
    assert not outside, "\n".join(outside)
    if path == "/targets/peers/":
        # Every county named under its bar, none left out to make room.
        (chart,) = charts
        units = page.evaluate(
            "() => echarts.getInstanceByDom(document.getElementById('peer-chart'))"
            ".getOption().xAxis[0].data"
        )
        drawn = {t["text"] for t in chart["texts"]}
        assert set(units) <= drawn, set(units) - drawn
    screenshot(page, f"chart-{persona}-{width}-" + re.sub(r"[^a-z0-9]+", "-", path.strip("/>")))


def test_an_inspector_scores_a_village_on_a_phone(login, demo_server):
    """The scoring sheet's items as cards on a phone: each score, finding and task box on
    the screen and wide enough to read the score typed, not a table's narrow column with
    the finding off to the right."""
    page = login("nyj", width=PHONE)
    page.goto(f"{demo_server}/rural/inspections/add/")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll("#items input")].map((el) => {
          const r = el.getBoundingClientRect();
          return {name: el.name, type: el.type, left: r.left, right: r.right, width: r.width};
        })"""
    )
    assert len(boxes) >= 9  # three inputs an item
    off = [b["name"] for b in boxes if b["left"] < 0 or b["right"] > PHONE]
    assert not off, off
    narrow = [b["name"] for b in boxes if b["type"] == "text" and b["width"] < PHONE / 2]
    assert not narrow, narrow
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    _form_reads_whole(page, "phone-inspection-form")


# Tables whose codes (ZW-0053, 2026-DB-0012) and months (2028-01) broke at their hyphen
# on a phone. A path ending in ">" opens the list's first record.
CODES = [
    pytest.param("czj", "/risks/debt/planner/?window=12", "#moves", id="peak-shaving"),
    pytest.param("czj", "/risks/debt/high-cost/", "#results", id="high-cost"),
    pytest.param("leader", "/tasks/lists/>", "#tasks", id="task-list"),
]


@pytest.mark.parametrize(("persona", "path", "table"), CODES)
def test_codes_and_months_read_a_line_each_on_a_phone(login, demo_server, persona, path, table):
    """An instrument's or a task's code and a month broken at their hyphen read as two
    things: each stays on its line (a table scrolls sideways, a list shows as cards)."""
    page = login(persona, width=PHONE)
    if path.endswith(">"):
        page.goto(f"{demo_server}{path[:-1]}")
        page.locator("#results tbody tr").first.locator("a").first.click()
        page.wait_for_load_state()
    else:
        page.goto(f"{demo_server}{path}")
    broken = page.evaluate(
        """(table) => [...document.querySelectorAll(`${table} tbody td`)].filter((td) => {
          if (!/^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$/.test(td.innerText.trim())) return false;
          const range = document.createRange();
          range.selectNodeContents(td);
          // Boxes less than half a character apart in height are one line (a link's box
          // and its text's).
          const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
          const half = parseFloat(getComputedStyle(td).fontSize) / 2;
          return Math.max(...tops) - Math.min(...tops) > half;
        }).map((td) => td.innerText)""",
        table,
    )
    assert page.locator(f"{table} tbody tr").count() > 1
    assert not broken, broken[:10]


def test_a_badge_beside_a_long_title_keeps_its_height(login, demo_server):
    """A card whose title wraps (an enterprise's long name): its 示例 badge stays a badge
    beside the first line, not a yellow block as tall as the title."""
    page = login("gxj", width=PHONE)
    page.goto(f"{demo_server}/enterprises/mu/")
    found = page.evaluate(
        """() => [...document.querySelectorAll(".table-cards td.card-title")].map((td) => {
          const badge = td.querySelector(".badge");
          const link = td.querySelector("a");
          return badge && link ? {title: link.getBoundingClientRect().height,
                                  badge: badge.getBoundingClientRect().height} : null;
        }).filter(Boolean)"""
    )
    two_lines = [f for f in found if f["title"] > 1.6 * f["badge"]]
    assert two_lines  # the demo's long names wrap at a phone's width
    assert all(f["badge"] < 30 for f in found), found[:5]


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        pytest.param("leader", "/", id="cockpit"),
        pytest.param("leader", "/livelihood/rates/", id="12345-rates"),
        pytest.param("nyj", "/rural/", id="remediation"),
        pytest.param("czj", "/risks/debt/wall/", id="debt-wall"),
    ],
)
def test_the_charts_follow_a_phone_turned_sideways(login, demo_server, persona, path):
    """Turned from portrait to landscape, every chart is drawn again across its wider box,
    not left at the width it had (half the screen blank, or cut off when turned back)."""
    page = login(persona, width=PHONE, own=True)
    page.goto(f"{demo_server}{path}")
    page.wait_for_selector("div[_echarts_instance_] canvas")
    widths = """() => [...document.querySelectorAll("div[_echarts_instance_]")].map((node) => ({
      id: node.id, box: node.clientWidth,
      drawn: echarts.getInstanceByDom(node).getWidth()}))"""
    before = page.evaluate(widths)
    page.set_viewport_size({"width": 844, "height": PHONE})
    page.wait_for_timeout(300)
    after = page.evaluate(widths)
    assert any(a["box"] > b["box"] for a, b in zip(after, before, strict=True))
    assert all(a["drawn"] == a["box"] for a in after), after


def test_the_menu_bar_keeps_to_one_line_on_an_office_screen(login):
    """The leader's fourteen menu groups, the bell and the user's menu on one line at the
    office screens' widths (1366, 1280, and down to 1200 px, where the bar collapses behind
    its button), none of them past the screen's right edge."""
    page = login("leader", width=1366)
    groups = page.locator("#menu > li").count()
    assert groups >= 14
    for width in (1366, 1280, 1200):
        page.set_viewport_size({"width": width, "height": 900})
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(
                 '.navbar-brand, #menu > li, #main-menu > ul:last-child > li')]
               .map((el) => { const r = el.getBoundingClientRect();
                 return {top: Math.round(r.top), right: r.right, height: r.height}; })"""
        )
        assert len(boxes) == groups + 3
        assert len({b["top"] for b in boxes[1:]}) == 1, f"{width}px: {boxes}"
        assert max(b["right"] for b in boxes) <= width, f"{width}px: {boxes}"
        assert page.locator("nav.navbar").bounding_box()["height"] < 70
    page.set_viewport_size({"width": 1366, "height": 900})  # the tab as it was lent


# Each line of the cockpit's figure panels: a figure (a number with its unit) or its label.
LINES = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const range = document.createRange(); range.selectNodeContents(el);
  const lines = new Set([...range.getClientRects()].filter((b) => b.width > 0)
    .map((b) => Math.round(b.top)));
  return {text: el.innerText, lines: lines.size, width: range.getBoundingClientRect().width,
          room: el.parentElement.clientWidth};
})"""


@pytest.mark.parametrize("width", [PHONE, 1366])
def test_the_cockpit_figures_keep_to_one_line(login, width):
    """Each of the cockpit's debt and hazard figures, a number with its unit, on one line
    within its column (two interest ratios once stood as "2.3% /" over "3.43%"), and the
    hazards' labels whole on a phone (未整改隐 over 患 once)."""
    page = login("leader", width=width)
    figures = page.evaluate(
        LINES, "#debt-panel > .col > div:first-child, #risks-panel > .col > div:first-child"
    )
    assert len(figures) >= 10
    for figure in figures:
        assert figure["lines"] == 1, figure
        assert figure["width"] <= figure["room"], figure
    for label in page.evaluate(LINES, "#risks-panel > .col > div.small"):
        assert label["lines"] == 1, label
    # Each target's value and unit on one line under its name ("> 800 亿" over "元" once).
    tails = page.evaluate(TARGET_TAILS)
    assert len(tails) >= 4
    for tail in tails:
        assert tail["lines"] == 1, tail
    # Each large project's amount, place and stage whole (经 over 开区 once).
    for part in page.evaluate(PROJECT_PARTS):
        assert part["lines"] == 1, part


# The lines the comparison of each target's link (e.g. "> 1,500 亿元") stands on: the tops
# of its characters, one by one.
TARGET_TAILS = r"""() => [...document.querySelectorAll('#targets-panel a')].map((link) => {
  const chars = [];
  const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.textContent.length; i++) chars.push([node, i]);
  }
  const text = chars.map(([node, i]) => node.textContent[i]).join("");
  const start = text.search(/[<>≥≤=]+\s*[\d,.]+\s*\S*\s*$/);
  const tops = new Set();
  for (const [node, i] of chars.slice(start)) {
    if (!node.textContent[i].trim()) continue;
    const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
    tops.add(Math.round(range.getBoundingClientRect().top / 4));
  }
  return {text: text.trim(), lines: tops.size};
})"""


def test_a_grid_event_card_says_what_happened(login, demo_server):
    """The grid worker's events on a phone: each card titled by what happened and where,
    its number under the title; on a wider screen the table's first column is the
    number."""
    page = login("wangge", width=PHONE)
    page.goto(f"{demo_server}/grid/events/")
    card = page.locator("#results tbody tr").first
    title = card.locator("td.card-title a").inner_text()
    category = card.locator("td[data-label='类别']").text_content().strip()
    assert title.startswith(f"{category} · ") and not title.isdigit()
    assert card.locator(".card-under").inner_text().startswith("编号 ")
    # The number's line stands under the title, not beside it.
    link_box = card.locator("td.card-title a").bounding_box()
    under_box = card.locator(".card-under").bounding_box()
    assert under_box["y"] >= link_box["y"] + link_box["height"] - 1
    assert not card.locator("td[data-label='类别']").is_visible()
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    assert card.locator("td.card-title a").inner_text().isdigit()
    assert card.locator("td[data-label='类别']").is_visible()
    page.set_viewport_size({"width": PHONE, "height": 900})  # the tab as it was lent


# The parts of each large project's line after its name ("52 亿元", "经开区", "落地"), each
# with the lines its characters stand on.
PROJECT_PARTS = r"""() => [...document.querySelectorAll('#major-projects li')].flatMap((li) => {
  const parts = [[]];
  const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("a, .badge")) continue;
    for (let i = 0; i < node.textContent.length; i++) {
      const c = node.textContent[i];
      if (c === "·") { parts.push([]); continue; }
      if (!c.trim()) continue;
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      parts[parts.length - 1].push([c, Math.round(range.getBoundingClientRect().top / 4)]);
    }
  }
  return parts.filter((p) => p.length).map((p) => ({
    text: p.map(([c]) => c).join(""), lines: new Set(p.map(([, top]) => top)).size}));
})"""


def test_a_schemes_items_are_edited_as_cards_on_a_phone(login, demo_server):
    """The appraisal scheme editor's rows of fields are cards at phone width: each field
    labelled on its own line, as wide as the card, not squeezed into a column."""
    page = login("supervisor", width=PHONE)
    page.goto(f"{demo_server}/appraisal/schemes/")
    first = page.locator("main a").evaluate_all(
        "els => els.map(e => e.getAttribute('href')).find(h => /\\/\\d+\\/$/.test(h || ''))"
    )
    page.goto(f"{demo_server}{first}edit/")
    weight = page.locator("#item-forms input[name$='-weight']").first
    assert weight.bounding_box()["width"] >= 150
    label = page.evaluate(
        "getComputedStyle(document.querySelector('#item-forms td[data-label]'), '::before').content"
    )
    assert label not in ("", "none", "normal")
