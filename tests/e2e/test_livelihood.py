"""接诉即办 in the browser: the intake desk registers a request, dispatches it, the unit
answers, and the desk calls back; the phone stays masked unless the desk asks to see it."""

import re


def test_the_desk_takes_a_request_round_the_loop(login, demo_server, shot, pick):
    desk = login("rexian")
    desk.click("#menu >> text=民生")
    desk.click("#menu >> text=受理诉求")
    desk.wait_for_url(re.compile(r"/livelihood/requests/add/"))
    desk.select_option("#id_channel", "hotline")
    desk.select_option("#id_request_type", "help")
    desk.select_option("#id_category", label="道路交通/道路破损")
    desk.fill("#id_content", "立新村3组路面塌陷一处，影响出行。")
    pick(desk, "#id_town", "新坝", "新坝镇")
    pick(desk, "#id_village", "立新", "立新村")
    desk.fill("#id_requester_name", "王建国")
    desk.fill("#id_phone", "138 1234 5678")
    desk.click("#save")
    desk.wait_for_url(re.compile(r"/livelihood/requests/\d+/$"))
    assert desk.locator("#status").inner_text() == "待派单"
    assert desk.locator("#phone").inner_text().startswith("138****5678")
    request_url = desk.url
    desk.click("#action-dispatch")
    pick(desk, "#id_unit", "发展和改革", "发展和改革委员会")
    desk.click("#save")
    desk.wait_for_url(request_url)
    assert desk.locator("#status").inner_text() == "已派单"
    shot(desk, "rexian-dispatched")

    clerk = login("fgw")
    clerk.goto(request_url)
    assert "13812345678" not in clerk.content()
    clerk.click("#action-accept")
    clerk.click("#save")
    clerk.click("#action-answer")
    clerk.fill("#id_result", "已安排施工队修复路面。")
    clerk.click("#save")
    assert clerk.locator("#status").inner_text() == "待回访"

    desk.goto(request_url)
    desk.click("#reveal")
    assert "13812345678" in desk.locator("#phone").inner_text()
    desk.goto(request_url)
    desk.click("#action-callback")
    # The callback form: the phone masked, the unit's answer, nothing chosen beforehand.
    assert desk.locator("#phone").inner_text().startswith("138****5678")
    assert "已安排施工队修复路面。" in desk.locator("#answer").inner_text()
    assert desk.locator("#action-form input:checked").count() == 0
    desk.check("#id_resolved_0")
    desk.check("#id_satisfaction_0")
    desk.click("#save")
    assert desk.locator("#status").inner_text() == "已办结"
    assert "满意" in desk.locator("#callbacks").inner_text()
    desk.goto(f"{demo_server}/livelihood/rates/")
    assert desk.locator("#rates").is_visible()
    shot(desk, "rexian-rates")
