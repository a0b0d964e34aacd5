"""The enterprise module in the browser: the industry bureau reads the year's per-mu
results (chart by town, an enterprise's radar against the benchmarks); the enterprise
rates the reply to its demand and the demand closes."""


def test_it_shows_the_evaluation_and_lets_the_enterprise_rate_a_reply(login, demo_server, shot):
    bureau = login("gxj")
    bureau.goto(f"{demo_server}/enterprises/mu/?year=2025")
    assert "2025" in bureau.locator("h1").inner_text()
    bureau.wait_for_selector("#town-chart canvas")
    assert bureau.locator("#results tbody tr").count() == 50
    bureau.select_option("#id_mu_class", "A")
    bureau.click("#filters button[type=submit]")
    bureau.wait_for_load_state("networkidle")
    classes = bureau.locator("#results tbody tr td:nth-child(6)").all_inner_texts()
    assert classes and set(classes) == {"A"}
    bureau.click("#results tbody tr >> nth=0 >> a")
    bureau.wait_for_selector("#radar canvas")
    # 2025 under the city's, the Jiangsu and the Zhejiang scheme, and 2024.
    assert bureau.locator("#class-history tbody tr").count() == 4
    shot(bureau, "enterprises-radar")

    company = login("qiye")
    company.goto(f"{demo_server}/enterprises/demands/?status=replied")
    company.click("#results tbody tr >> nth=0 >> a")
    assert company.locator("#status").inner_text() == "已答复，待评价"
    company.click("#action-rate")
    company.check("input[name=rating][value=satisfied]")
    company.click("#save")
    assert company.locator("#status").inner_text() == "已办结"
    assert "满意" in company.locator("#ratings").inner_text()
    shot(company, "enterprise-rated")


def test_the_scheme_form_previews_the_classes_at_a_phones_width(login, demo_server, shot):
    from page_layout import check

    bureau = login("gxj", width=390)
    bureau.goto(f"{demo_server}/enterprises/mu/?year=2025")
    assert bureau.locator("#side-by-side tbody tr").count() == 3
    bureau.goto(f"{demo_server}/enterprises/mu/schemes/add/")
    found = check(bureau)
    assert not found["problems"], "\n".join(found["problems"])
    bureau.fill("#id_code", "phone-test")
    bureau.fill("#id_name", "手机端测试方案")
    bureau.select_option("#id_ind-0-rule", "published")
    bureau.fill("#id_ind-0-value", "20")
    bureau.fill("#id_preview_year", "2025")
    bureau.click("#preview-button")
    bureau.wait_for_selector("#preview")
    text = bureau.locator("#preview-above").inner_text()
    assert text.count("·") >= 4 and "A " in text
    shot(bureau, "scheme-form-preview-phone")
    bureau.click("#save")
    bureau.wait_for_url(lambda url: "/edit/" not in url and "/add/" not in url)
    assert "手机端测试方案" in bureau.locator("h1").inner_text()
