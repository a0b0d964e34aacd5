"""The closed loop in the browser: the department reports and asks for closure with a
file as evidence; the supervision office checks the task off (销号)."""


def _open_task(page, demo_server, title):
    page.goto(f"{demo_server}/tasks/?q={title}")
    page.click("#results tbody tr >> nth=0 >> a")


def test_it_closes_a_task_only_after_the_supervision_office_verifies(
    login, demo_server, shot, tmp_path
):
    title = "提升营商惠企热度"  # a demo task of 发改委, accepted
    clerk = login("fgw")
    _open_task(clerk, demo_server, title)
    clerk.fill("#action-report_progress input[name=progress]", "100")
    clerk.click("#action-report_progress button[type=submit]")
    assert clerk.locator("#status").inner_text() == "办理中"
    evidence = tmp_path / "现场照片说明.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n%%EOF\n")
    clerk.fill("#action-request_closure textarea[name=result]", "惠企政策已兑现。")
    clerk.set_input_files("#action-request_closure input[name=files]", str(evidence))
    clerk.click("#action-request_closure button[type=submit]")
    assert clerk.locator("#status").inner_text() == "申请销号"
    # The lead unit's own people never verify their own task.
    assert clerk.locator("#action-verify").count() == 0

    office = login("supervisor")
    _open_task(office, demo_server, title)
    assert "现场照片说明.pdf" in office.locator("#timeline").inner_text()
    office.fill("#action-verify input[name=comment]", "材料齐全，同意销号。")
    office.click("#action-verify button[type=submit]")
    assert office.locator("#status").inner_text() == "已销号"
    assert "同意销号" in office.locator("#timeline").inner_text()
    shot(office, "supervisor-verified")
