"""The decomposition in the browser: the office reads the seed essay beside its table,
then pastes a new text, corrects a cell, adopts it and finds the task list."""

import re


def test_it_decomposes_corrects_and_adopts_a_document(login, demo_server, shot):
    office = login("supervisor")
    office.goto(f"{demo_server}/documents/")
    office.click("text=奋力创造“江中明珠”新的更大荣光")
    # count() does not wait: the document's page is read once it has loaded.
    office.wait_for_url(re.compile(r"/documents/\d+/$"))
    # The seed: targets highlighted in the text, items beside it, linked to their tasks.
    assert office.locator("#doc-text mark").count() == 5
    assert "GDP 突破 800 亿元" in office.locator('#doc-text mark[data-target="1"]').inner_text()
    assert "提升城市文明内涵" in office.locator("#item-3\\.3").inner_text()
    assert "市文明办" in office.locator("#item-3\\.3").inner_text()
    assert office.locator("#task-list-link").count() == 1
    shot(office, "documents-seed")

    office.goto(f"{demo_server}/documents/add/")
    office.fill(
        "#id_text",
        "扬中市安全与转型工作要点\n\n今年工作安排如下。一是深化安全生产治理。开展专项整治。"
        "二是推进智改数转。力争到2027年，高新技术企业达到 500 家以上。",
    )
    office.click("#decompose")
    office.locator("#draft").wait_for()
    office.wait_for_load_state()
    assert office.locator("#draft tbody tr").count() == 2
    assert office.locator("#targets tbody tr").count() == 1
    office.fill("#id_items-0-title", "深化安全生产专项治理")
    office.click("#save-draft")
    assert office.locator("#id_items-0-title").input_value() == "深化安全生产专项治理"
    office.fill("#id_name", "浏览器测试清单")
    office.click("#adopt")
    assert "已采纳" in office.locator("#state").inner_text()
    assert "深化安全生产专项治理" in office.locator("#draft").inner_text()
    office.click("#task-list-link")
    assert "浏览器测试清单" in office.content()
    shot(office, "documents-adopted")


def test_a_decomposition_is_corrected_on_a_phone(login, demo_server, shot):
    """At phone width each target and each row is a card: every field on its own line,
    labelled, as wide as the card (the tables squeezed a field to one character)."""
    office = login("supervisor", width=390)
    office.goto(f"{demo_server}/documents/add/")
    office.fill(
        "#id_text",
        "扬中市民生工作要点\n\n今年工作安排如下。一是推进城镇老旧小区改造。力争新开工改造老旧小区12个。"
        "二是建设口袋公园。力争建成口袋公园8个以上。",
    )
    office.click("#decompose")
    office.locator("#draft").wait_for()
    office.wait_for_load_state()
    assert office.evaluate("document.documentElement.scrollWidth") <= 390
    indicator = office.locator("#id_targets-0-indicator_name")
    assert indicator.bounding_box()["width"] >= 150
    assert office.locator("#id_targets-0-value").bounding_box()["width"] >= 150
    title = office.locator("#id_items-0-title")
    assert title.bounding_box()["width"] >= 250
    label = office.evaluate(
        "getComputedStyle(document.querySelector('#draft td[data-label]'), '::before').content"
    )
    assert "任务" in label
    shot(office, "documents-phone")
