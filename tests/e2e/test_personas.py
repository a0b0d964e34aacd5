import re


def test_it_shows_sanmao_the_menu_and_their_part_of_the_org_tree(login, demo_server, shot):
    page = login("sanmao")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.locator("#menu .dropdown-toggle", has_text="组织机构").click()
    page.click("#menu >> text=组织架构")
    page.wait_for_url(re.compile(r"/org/units/"))
    rows = page.locator("#results tbody tr")
    names = rows.all_inner_texts()
    assert any("三茅街道" in r for r in names)
    assert not any("新坝镇" in r for r in names)
    shot(page, "sanmao-org-tree")


def test_it_opens_the_menu_on_a_phone(login, shot):
    page = login("sanmao", width=390)
    assert not page.locator("#menu").is_visible()
    page.click(".navbar-toggler")
    page.locator("#menu").wait_for(state="visible")
    assert page.locator("#menu .dropdown-toggle", has_text="组织机构").is_visible()
    # The bell says what it is in the opened menu, as the items beside it do.
    label = page.locator("#notifications span", has_text="通知").filter(visible=True)
    assert label.count() == 1 and label.bounding_box()["width"] > 20  # not visually hidden
    shot(page, "sanmao-phone-menu")


def test_it_shows_the_outsider_nothing_of_the_towns(login, demo_server, shot):
    page = login("outsider")
    assert page.locator("#menu > li").count() == 0
    assert page.locator("#no-role").is_visible()
    response = page.goto(f"{demo_server}/org/units/")
    assert response.status == 403
    assert "三茅街道" not in page.content()
    shot(page, "outsider-denied")


def test_it_records_an_edit_in_the_history_tab(login, demo_server, shot):
    page = login("admin")
    page.goto(f"{demo_server}/org/units/?q=YZ-DEPT-TJJ")
    page.click("#results tbody tr >> nth=0 >> a")
    page.click("#edit")
    page.fill("#id_short_name", "统计")
    page.click("#save")
    page.click("#history-tab")
    history = page.locator("#history tbody").inner_text()
    assert "系统管理员" in history
    assert "统计" in history
    shot(page, "admin-history")


def test_it_switches_to_english(login):
    page = login("leader")
    with page.expect_navigation():
        page.select_option("#language-form select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#menu .dropdown-toggle", has_text="Organisation").is_visible()


def test_it_shows_the_leader_the_cockpit_with_its_charts(login, shot):
    page = login("leader")
    for key in ("targets", "tasks", "grid"):
        assert page.locator(f"#panel-{key}").is_visible()
    # ECharts drew a gauge per target (served by the app, no CDN): the four seed targets,
    # and any target another browser test adopted on the shared demo server.
    page.locator("#targets-panel canvas").first.wait_for(state="attached")
    assert page.locator("#targets-panel canvas").count() >= 4
    assert "地区生产总值" in page.locator("#panel-targets").inner_text()
    shot(page, "leader-cockpit")


def _animated(page, selector: str) -> bool:
    page.locator(f"{selector} canvas").first.wait_for(state="attached")
    return page.evaluate(
        f"echarts.getInstanceByDom(document.querySelector('{selector}')).getOption().animation"
    )


def test_it_draws_the_charts_at_once_for_a_reader_who_asks_for_less_motion(login):
    still = login("leader")
    moving = login("leader", motion=True)
    # The cockpit's panels (a page script of its own) and a target's gauge (mingzhuChart).
    for selector in (".cockpit-chart", "#targets-panel .targets-gauge"):
        assert _animated(still, selector) is False, selector
        assert _animated(moving, selector) == "auto", selector  # ECharts' default


def test_it_fits_the_cockpit_on_a_phone(login, shot):
    page = login("sanmao", width=390)
    assert page.locator("#panel-tasks").is_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390
    shot(page, "sanmao-phone-cockpit")


def test_the_pages_run_under_the_content_security_policy(login, demo_server):
    """Every script of the chart pages comes from the site: Chromium reports no blocked
    script or handler, and the charts are drawn."""
    page = login("leader", own=True)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ("/", "/risks/metrics/", "/tasks/metrics/", "/rural/ranking/"):
        response = page.goto(f"{demo_server}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    page.goto(f"{demo_server}/risks/metrics/")
    page.locator(".risks-heatmap canvas").first.wait_for(state="attached")
    assert refused == []


def test_it_shows_the_leader_the_cockpit_of_a_past_day(login, demo_server, shot):
    """Long before the demo's records: every panel says there was nothing, none shows a
    figure of today, and the debt's unknown cash coverage is not a red 0."""
    page = login("leader")
    page.goto(f"{demo_server}/?as_of=2024-06-30")
    assert page.locator("#panel-tasks .panel-empty").is_visible()
    assert page.locator("#panel-appraisal .panel-empty").is_visible()
    debt = page.locator("#debt-panel")
    assert debt.is_visible()
    assert page.locator("#debt-no-cash").is_visible()
    assert debt.locator(".text-danger", has_text="0.0").count() == 0
    assert "2026Q" not in page.locator("#cockpit").inner_text()
    shot(page, "leader-cockpit-2024-06-30")
