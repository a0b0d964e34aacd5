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
