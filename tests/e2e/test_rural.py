"""The rural module in the browser: the agriculture bureau scores a village, a deduction
raises its rectification task at once, and the quarterly ranking shows its chart; the
village sees only itself."""


def test_it_scores_a_village_and_ranks_it(login, demo_server, shot):
    bureau = login("nyj")
    bureau.goto(f"{demo_server}/rural/")
    assert "自然村" in bureau.locator("#naturals").inner_text()
    assert bureau.locator("#town-chart canvas").count() == 1

    bureau.goto(f"{demo_server}/rural/inspections/add/")
    bureau.select_option("#id_village", label="立新村")
    rows = bureau.locator("#items tbody tr")
    # Too many points on the first item: refused, naming the item.
    first = rows.nth(0).locator("input[name^=score_]")
    points = first.input_value()
    first.fill(str(float(points) + 1))
    bureau.click("#save")
    assert "超过该项分值" in bureau.locator("#items").inner_text()
    # Two points off the first item, with a finding: one rectification task.
    bureau.locator("#items tbody tr >> nth=0 >> input[name^=score_]").fill(str(float(points) - 2))
    bureau.locator("#items tbody tr >> nth=0 >> input[name^=note_]").fill("村口暴露垃圾")
    for i in range(1, rows.count()):
        rows.nth(i).locator("input[name^=task_]").uncheck()
    bureau.click("#save")
    scores = bureau.locator("#scores").inner_text()
    assert "村口暴露垃圾" in scores and "已交办" in scores
    shot(bureau, "rural-inspection")

    bureau.goto(f"{demo_server}/rural/ranking/")
    assert bureau.locator("#ranking-chart canvas").count() == 1
    assert "未检查" in bureau.locator("#villages").inner_text()
    shot(bureau, "rural-ranking")

    village = login("lixin")
    village.goto(f"{demo_server}/rural/ranking/")
    names = village.locator("#villages tbody").inner_text()
    assert "立新村" in names and "永胜村" not in names
