"""A large import through the demo's real worker process: the page hands the sheet to the
worker, the job's page follows it (htmx, no inline script) to its preview, the uploader
confirms, the page follows the import to its result, and the bell tells them."""

import re

ROWS = 2100  # above the default threshold of 2,000 rows


def test_a_large_import_runs_on_the_worker(login, demo_server, shot, tmp_path):
    office = login("supervisor")
    office.goto(f"{demo_server}/tasks/lists/")
    href = office.locator("a[href^='/tasks/lists/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    task_list = next(h for h in href if re.fullmatch(r"/tasks/lists/\d+/", h))
    sheet = tmp_path / "大批任务.csv"
    lines = ["序号,任务内容,牵头单位,配合单位,责任领导,完成时限"]
    lines += [f"{9000 + i},后台导入的任务{i},发改委,,,2099-06-30" for i in range(ROWS)]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")

    office.goto(f"{demo_server}{task_list}import/")
    office.set_input_files("input[name=file]", str(sheet))
    office.click("form[enctype='multipart/form-data'] button[type=submit]")
    office.wait_for_url(re.compile(r".*/imports/\d+/$"))
    # The worker previews it; the page follows the job without being reloaded.
    office.wait_for_selector("#import-confirm", timeout=300_000)
    assert f"将新增 {ROWS} 行" in office.locator("#import-preview").inner_text()
    office.click("#import-confirm")
    office.wait_for_url(re.compile(r".*/imports/\d+/$"))
    office.wait_for_selector("#import-result", timeout=300_000)
    assert str(ROWS) in office.locator("#import-result").inner_text()
    shot(office, "background-import-done")

    office.goto(f"{demo_server}/tasks/notifications/")
    assert "导入完成" in office.locator("body").inner_text()
