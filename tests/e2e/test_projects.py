"""A town walks its project ledger and moves a project on with its contract; the
supervision office reads the flag board and the quarter's ranking."""

import re


def test_a_town_moves_its_project_on_and_the_office_reads_the_flags(
    login, demo_server, shot, tmp_path
):
    town = login("xinba")
    town.click('#menu a.dropdown-toggle >> text="项目"')
    town.click("#menu >> text=项目台账")
    town.wait_for_url(re.compile(r"/projects/"))
    rows = town.locator("#results tbody tr")
    assert rows.count() > 0
    # Only 新坝镇's own projects.
    assert all("新坝镇" in r for r in rows.all_inner_texts())
    town.select_option("#id_stage", "negotiating")
    town.click("#filters button[type=submit]")
    town.wait_for_load_state("networkidle")
    town.click("#results tbody tr >> nth=0 >> a")
    assert town.locator("#stage").inner_text().startswith("洽谈")
    shot(town, "xinba-project")
    town.click("#action-move")
    contract = tmp_path / "投资协议.pdf"
    contract.write_bytes(b"%PDF-1.4\n% contract\n%%EOF\n")
    town.select_option("#id_to_stage", "signed")
    town.set_input_files("#id_evidence", str(contract))
    town.click("#save")
    assert town.locator("#stage").inner_text().startswith("签约")
    assert "投资协议.pdf" in town.locator("#timeline").inner_text()

    office = login("supervisor")
    office.goto(f"{demo_server}/appraisal/")
    assert office.locator("#red-holder").inner_text().strip()
    assert office.locator("#flag-history tbody tr").count() >= 1
    office.click("#flag-history tbody tr >> nth=0 >> a")
    # count() does not wait: the quarter's page is read once it has loaded.
    office.wait_for_url(re.compile(r"/appraisal/results/\d+/$"))
    assert office.locator("#ranking tbody tr").count() == 8
    office.locator("#score-chart canvas").first.wait_for()
    shot(office, "supervisor-flags")
