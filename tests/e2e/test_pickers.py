"""Pickers that scale, in the browser: the task form's 上级任务 and 牵头单位 search the server
as the user types (Tom Select), the page holding only the chosen options; the 12345 form's
village follows its town."""

import re


def test_the_task_form_searches_as_you_type(login, demo_server, shot, pick):
    page = login("supervisor")
    page.goto(f"{demo_server}/tasks/add/")
    assert page.locator("select option").count() < 100
    # Typed, the matching option clicked and the list seen to close before the next field.
    pick(page, "#id_lead_unit", "立新", "新坝镇 › 立新村")
    assert page.locator("#id_lead_unit").input_value() != ""
    page.click("#id_parent-ts-control")
    page.keyboard.type("任务")
    options = page.locator("#id_parent-ts-dropdown .option")
    options.first.wait_for()
    assert 0 < options.count() <= 50
    shot(page, "picker-task-parent")


def test_the_village_follows_the_town(login, demo_server, pick):
    page = login("rexian")
    page.goto(f"{demo_server}/livelihood/requests/add/")
    pick(page, "#id_town", "新坝", "新坝镇")
    page.click("#id_village-ts-control")
    page.keyboard.type("村")  # the villages and communities whose name has 村
    options = page.locator("#id_village-ts-dropdown .option")
    options.first.wait_for()
    texts = options.all_inner_texts()
    assert texts and all(text.startswith("新坝镇") for text in texts)


def test_a_late_answer_does_not_reopen_the_list_after_a_choice(login, demo_server):
    """On a slow line the list asked for on focus may come back after the user has typed
    and chosen: it is dropped, and the town's list stays closed over the village field."""
    page = login("rexian", own=True)
    page.goto(f"{demo_server}/livelihood/requests/add/")
    remote = page.locator("#id_town").get_attribute("data-remote")
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)  # the list asked for on focus, answered below

    page.route(re.compile(re.escape(remote) + r"\?"), hold_the_first)
    page.click("#id_town-ts-control")
    page.keyboard.type("新坝")
    page.locator("#id_town-ts-dropdown .option", has_text="新坝镇").first.click()
    dropdown = page.locator("#id_town-ts-dropdown")
    dropdown.wait_for(state="hidden")
    assert len(held) == 1 and "q=&" in held[0].request.url + "&"
    with page.expect_response(lambda response: response.url == held[0].request.url):
        held[0].continue_()
    page.wait_for_timeout(300)  # the late answer is handled
    assert dropdown.is_hidden()
    assert page.locator("#id_town option:checked").inner_text() == "新坝镇"
    page.click("#id_village-ts-control")  # not covered by the town's list
    page.locator("#id_village-ts-dropdown .option").first.wait_for()


def test_a_quick_choice_after_typing_does_not_reopen_the_list(login, demo_server):
    """A choice clicked within the moment Tom Select waits after a keystroke: the search
    it would run for the typed words, and the list it would open, are not run after the
    choice (the list used to open again, over the next field)."""
    page = login("rexian", own=True)
    page.goto(f"{demo_server}/livelihood/requests/add/")
    page.click("#id_town-ts-control")
    option = page.locator("#id_town-ts-dropdown .option", has_text="新坝镇").first
    option.wait_for()  # the list asked for on focus
    page.keyboard.type("新坝")
    option.click()  # at once, before the typed words are searched
    dropdown = page.locator("#id_town-ts-dropdown")
    dropdown.wait_for(state="hidden")
    page.wait_for_timeout(1000)  # past the search's wait (300 ms) and the load's (250 ms)
    assert dropdown.is_hidden()
    assert page.locator("#id_town option:checked").inner_text() == "新坝镇"
