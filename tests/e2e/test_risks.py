"""Risks in the browser: the finance bureau plans the peak shaving and saves the plan,
the supervision office turns its moves into tasks; a town sees its hazards' heat map and
never the debt."""


def _number(page, selector: str) -> float:
    return float(page.locator(selector).inner_text().replace(",", ""))


def test_the_peak_is_shaved_saved_and_issued(login, demo_server, shot):
    finance = login("czj")
    finance.goto(f"{demo_server}/risks/debt/planner/?window=12")
    assert _number(finance, "#peak-after") < _number(finance, "#peak-before")
    finance.wait_for_selector("#plan-chart canvas")
    assert finance.locator("#moves tbody tr").count() > 0
    shot(finance, "risks-planner")
    finance.fill("#save-name", "浏览器削峰计划")
    finance.click("#save-button")
    finance.wait_for_selector("#moves")
    assert "浏览器削峰计划" in finance.locator("h1").inner_text()
    # The finance bureau does not issue its own tasks.
    assert finance.locator("#issue-tasks").count() == 0
    plan_url = finance.url

    office = login("supervisor")
    office.goto(plan_url)
    office.click("#issue-open")  # the confirmation says how many tasks go to whom
    office.click("#issue-tasks")
    office.wait_for_selector("#moves tbody tr td a[href*='/tasks/']")
    assert (
        office.locator("#moves a[href*='/tasks/']").count()
        == office.locator("#moves tbody tr").count()
    )
    shot(office, "risks-plan-issued")


def test_a_town_sees_its_heat_map_but_not_the_debt(login, demo_server, shot):
    town = login("xinba")
    town.goto(f"{demo_server}/risks/metrics/")
    town.wait_for_selector("#risks-heat canvas")
    # Its own town's row only, at a row's usual height rather than stretched over the box.
    assert town.locator("#risks-heat").bounding_box()["height"] < 200
    assert "可知" in town.locator("#summary").inner_text()
    shot(town, "risks-metrics")
    response = town.goto(f"{demo_server}/risks/debt/wall/")
    assert response.status == 403
    town.goto(f"{demo_server}/risks/hazards/")
    assert town.locator("#results tbody tr").count() > 0
