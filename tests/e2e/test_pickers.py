"""Pickers that scale, in the browser: the task form's 上级任务 and 牵头单位 search the server
as the user types (Tom Select), the page holding only the chosen options; the 12345 form's
village follows its town."""


def test_the_task_form_searches_as_you_type(login, demo_server, shot):
    page = login("supervisor")
    page.goto(f"{demo_server}/tasks/add/")
    assert page.locator("select option").count() < 100
    page.click("#id_lead_unit-ts-control")
    page.keyboard.type("立新")
    option = page.locator("#id_lead_unit-ts-dropdown .option", has_text="新坝镇 › 立新村")
    option.first.wait_for()
    option.first.click()
    assert page.locator("#id_lead_unit").input_value() != ""
    page.click("#id_parent-ts-control")
    page.keyboard.type("任务")
    options = page.locator("#id_parent-ts-dropdown .option")
    options.first.wait_for()
    assert 0 < options.count() <= 50
    shot(page, "picker-task-parent")


def test_the_village_follows_the_town(login, demo_server):
    page = login("rexian")
    page.goto(f"{demo_server}/livelihood/requests/add/")
    page.click("#id_town-ts-control")
    page.keyboard.type("新坝")
    page.locator("#id_town-ts-dropdown .option", has_text="新坝镇").first.click()
    page.click("#id_village-ts-control")
    page.keyboard.type("村")  # the villages and communities whose name has 村
    options = page.locator("#id_village-ts-dropdown .option")
    options.first.wait_for()
    texts = options.all_inner_texts()
    assert texts and all(text.startswith("新坝镇") for text in texts)
