import re


def test_the_administrator_disables_a_user_who_is_signed_out_at_once(login, demo_server, shot):
    user_page = login("lixin")
    admin = login("admin")
    admin.locator("#menu .dropdown-toggle", has_text="系统管理").click()
    admin.click('#menu a[href="/org/users/"]')
    admin.wait_for_url(re.compile(r"/org/users/"))
    admin.fill("#id_q", "lixin")
    admin.press("#id_q", "Enter")
    # The filtered table is swapped in, then its address pushed: a row clicked before
    # may be one of the table being replaced.
    admin.wait_for_url(re.compile(r"[?&]q=lixin"))
    admin.locator("#results tbody tr", has_text="lixin").locator("a").first.click()
    admin.wait_for_url(re.compile(r"/org/users/\d+/$"))
    admin.click("#disable")
    assert "已停用" in admin.locator(".alert[role=alert]").first.inner_text()
    shot(admin, "admin-disabled-user")
    user_page.goto(f"{demo_server}/org/units/")
    assert "/accounts/login/" in user_page.url
    # Put the account back for the other browser tests.
    admin.click("#enable")
    assert "已启用" in admin.locator(".alert[role=alert]").first.inner_text()
