"""系统管理: roles, accounts (enable, disable, reset password, force sign-out), online
users, the login log and the operation log — who may open each page, and what each
action does."""

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from mingzhu.org.models import Role, User, UserSession
from mingzhu.org.personas import DEMO_PASSWORD

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _perm(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _signed_in(user: User) -> Client:
    """A client signed in through the login page, as a browser would be."""
    client = Client(HTTP_USER_AGENT="TestBrowser/1.0")
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _can_sign_in(username: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _admin_pages(role: Role, user: User) -> list[str]:
    return [
        "/org/roles/",
        f"/org/roles/{role.pk}/",
        f"/org/roles/{role.pk}/history/",
        "/org/roles/add/",
        f"/org/roles/{role.pk}/edit/",
        f"/org/roles/{role.pk}/delete/",
        f"/org/users/{user.pk}/reset-password/",
        "/org/online/",
        "/org/logins/",
    ]


# -- who may open the pages ---------------------------------------------------------------


def test_it_opens_every_page_to_the_administrator(as_user, administrator, sanmao):
    client = as_user(administrator)
    role = Role.objects.get(code="town_staff")
    for url in [*_admin_pages(role, sanmao), "/changelog/", f"/org/users/{sanmao.pk}/edit/"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["supervisor", "outsider", "sanmao"])
def test_it_refuses_the_pages_to_others(request, as_user, persona, sanmao):
    client = as_user(request.getfixturevalue(persona))
    role = Role.objects.get(code="town_staff")
    for url in _admin_pages(role, sanmao):
        assert client.get(url).status_code in (403, 404), url
    for url in [
        f"/org/users/{sanmao.pk}/disable/",
        f"/org/users/{sanmao.pk}/sign-out/",
        f"/org/users/{sanmao.pk}/reset-password/",
        f"/org/roles/{role.pk}/delete/",
    ]:
        assert client.post(url).status_code in (403, 404), url
    sanmao.refresh_from_db()
    assert sanmao.is_active
    assert Role.objects.filter(pk=role.pk).exists()


def test_it_shows_the_system_menu_by_permission(as_user, administrator, supervisor):
    admin_page = as_user(administrator).get("/").content.decode()
    assert "系统管理" in admin_page
    for url in ["/org/roles/", "/org/online/", "/org/logins/", "/changelog/", "/org/users/"]:
        assert f'href="{url}"' in admin_page, url
    supervisor_page = as_user(supervisor).get("/").content.decode()
    assert 'href="/changelog/"' in supervisor_page  # the change log, in its scope
    for url in ["/org/roles/", "/org/online/", "/org/logins/"]:
        assert f'href="{url}"' not in supervisor_page, url


def test_it_refuses_anonymous_visitors(client, sanmao):
    for url in ["/org/roles/", "/org/online/", "/org/logins/", "/org/password/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


# -- roles ------------------------------------------------------------------------------


def test_it_creates_a_role_with_permissions_grouped_by_module(as_user, administrator):
    client = as_user(administrator)
    form = client.get("/org/roles/add/")
    content = form.content.decode()
    # One section per module, each permission named in the interface's language.
    assert '<summary class="fw-semibold">组织机构</summary>' in content
    assert ">查看单位</label>" in content
    perms = [_perm("org.view_orgunit"), _perm("org.view_user")]
    response = client.post(
        "/org/roles/add/",
        {
            "code": "flood_office",
            "name": "防汛办",
            "data_scope": "custom",
            "description": "",
            "permissions": [p.pk for p in perms],
            "form_token": form.context["form_token"],
        },
    )
    assert response.status_code == 302
    role = Role.objects.get(code="flood_office")
    assert set(role.permissions.all()) == set(perms)
    entry = LogEntry.objects.get_for_object(role).get(action=LogEntry.Action.CREATE)
    assert entry.actor == administrator


def test_it_refuses_a_change_permission_without_its_view(as_user, administrator):
    role = Role.objects.get(code="town_staff")
    response = as_user(administrator).post(
        f"/org/roles/{role.pk}/edit/",
        {
            "code": role.code,
            "name": role.name,
            "data_scope": role.data_scope,
            "permissions": [_perm("org.change_orgunit").pk],
        },
    )
    assert response.status_code == 200
    assert "角色不能修改或删除其无权查看的数据：修改单位" in response.content.decode()
    assert not role.permissions.filter(codename="change_orgunit").exists()


def test_it_keeps_the_code_of_a_platform_role(as_user, administrator):
    role = Role.objects.get(code="town_staff")
    as_user(administrator).post(
        f"/org/roles/{role.pk}/edit/",
        {
            "code": "renamed",
            "name": "镇街工作人员（改）",
            "data_scope": role.data_scope,
            "permissions": list(role.permissions.values_list("pk", flat=True)),
        },
    )
    role.refresh_from_db()
    assert role.code == "town_staff"
    assert role.name == "镇街工作人员（改）"


def test_a_role_edit_changes_what_its_holders_see(as_user, administrator, sanmao):
    assert as_user(sanmao).get("/org/units/").status_code == 200
    role = Role.objects.get(code="town_staff")
    kept = role.permissions.exclude(content_type__app_label="org", codename="view_orgunit")
    response = as_user(administrator).post(
        f"/org/roles/{role.pk}/edit/",
        {
            "code": role.code,
            "name": role.name,
            "data_scope": role.data_scope,
            "permissions": list(kept.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    assert list(sanmao.roles.all()) == [role]
    assert as_user(User.objects.get(pk=sanmao.pk)).get("/org/units/").status_code == 403


def test_a_role_scope_edit_narrows_what_its_holders_see(as_user, administrator, supervisor):
    before = as_user(supervisor).get("/org/users/").context["page_obj"].paginator.count
    role = Role.objects.get(code="supervisor")
    as_user(administrator).post(
        f"/org/roles/{role.pk}/edit/",
        {
            "code": role.code,
            "name": role.name,
            "data_scope": "self",
            "permissions": list(role.permissions.values_list("pk", flat=True)),
        },
    )
    role.refresh_from_db()
    assert role.data_scope == "self"
    after = as_user(User.objects.get(pk=supervisor.pk)).get("/org/users/")
    assert after.context["page_obj"].paginator.count < before


def test_it_refuses_to_delete_a_role_in_use(as_user, administrator, sanmao):
    role = Role.objects.create(code="helpers", name="帮办")
    sanmao.roles.add(role)
    response = as_user(administrator).post(f"/org/roles/{role.pk}/delete/", follow=True)
    assert Role.objects.filter(pk=role.pk).exists()
    assert "仍有 1 名用户在用" in _messages(response)


def test_it_deletes_an_unused_role_and_keeps_platform_roles(as_user, administrator):
    client = as_user(administrator)
    spare = Role.objects.create(code="spare", name="备用")
    assert client.post(f"/org/roles/{spare.pk}/delete/").status_code == 302
    assert not Role.objects.filter(pk=spare.pk).exists()
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Role),
        object_pk=str(spare.pk),
        action=LogEntry.Action.DELETE,
        actor=administrator,
    ).exists()
    builtin = Role.objects.get(code="enterprise")
    builtin.users.clear()
    response = client.post(f"/org/roles/{builtin.pk}/delete/", follow=True)
    assert Role.objects.filter(pk=builtin.pk).exists()
    assert "内置角色，不能删除" in _messages(response)


def test_it_refuses_an_administrator_removing_their_own_administration(as_user, administrator):
    role = Role.objects.get(code="admin")
    kept = role.permissions.exclude(content_type__app_label="org", codename="change_user")
    response = as_user(administrator).post(
        f"/org/roles/{role.pk}/edit/",
        {
            "code": role.code,
            "name": role.name,
            "data_scope": role.data_scope,
            "permissions": list(kept.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200
    assert "无法再管理用户和角色" in response.content.decode()
    assert role.permissions.filter(codename="change_user").exists()


# -- accounts ---------------------------------------------------------------------------


def test_a_disabled_user_is_signed_out_and_cannot_sign_in(as_user, administrator, sanmao):
    browser = _signed_in(sanmao)
    assert browser.get("/org/units/").status_code == 200
    response = as_user(administrator).post(f"/org/users/{sanmao.pk}/disable/", follow=True)
    assert "已停用" in _messages(response)
    sanmao.refresh_from_db()
    assert not sanmao.is_active
    after = browser.get("/org/units/")
    assert after.status_code == 302 and after["Location"].startswith("/accounts/login/")
    assert not _can_sign_in("sanmao", DEMO_PASSWORD)
    entry = LogEntry.objects.get_for_object(sanmao).latest("timestamp")
    assert entry.actor == administrator and "is_active" in entry.changes_dict
    as_user(administrator).post(f"/org/users/{sanmao.pk}/enable/")
    assert _can_sign_in("sanmao", DEMO_PASSWORD)


def test_an_administrator_cannot_disable_themselves(as_user, administrator):
    client = as_user(administrator)
    response = client.post(f"/org/users/{administrator.pk}/disable/", follow=True)
    assert "不能停用自己的账号" in _messages(response)
    administrator.refresh_from_db()
    assert administrator.is_active


def test_an_administrator_cannot_take_their_own_roles_away(as_user, administrator):
    client = as_user(administrator)
    page = client.get(f"/org/users/{administrator.pk}/edit/")
    data = {
        "username": administrator.username,
        "display_name": administrator.display_name,
        "is_active": "",
        "roles": [],
    }
    response = client.post(f"/org/users/{administrator.pk}/edit/", data)
    assert page.status_code == 200 and response.status_code == 200
    content = response.content.decode()
    assert "不能停用自己的账号" in content
    assert "请由其他管理员操作" in content
    assert administrator.roles.filter(code="admin").exists()


def test_the_user_form_ticks_custom_units_in_a_tree(as_user, administrator, grid_worker):
    client = as_user(administrator)
    page = client.get(f"/org/users/{grid_worker.pk}/edit/")
    content = page.content.decode()
    assert 'class="border rounded p-2 unit-tree"' in content
    chosen = list(grid_worker.custom_units.values_list("pk", flat=True))
    for pk in chosen:
        assert f'value="{pk}" id="unit-custom_units-{pk}" checked' in content


def test_reset_password_shows_it_once_and_forces_a_change(as_user, administrator, sanmao):
    browser = _signed_in(sanmao)
    client = as_user(administrator)
    assert "确定为" in client.get(f"/org/users/{sanmao.pk}/reset-password/").content.decode()
    response = client.post(f"/org/users/{sanmao.pk}/reset-password/")
    password = response.context["password"]
    assert response.status_code == 200 and password in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    sanmao.refresh_from_db()
    assert sanmao.must_change_password and sanmao.check_password(password)
    reset = LogEntry.objects.get_for_object(sanmao).latest("timestamp")
    assert reset.actor == administrator and "密码" in reset.changes_dict
    assert password not in str(reset.changes_dict)
    # The old session is over; the old password no longer works.
    assert browser.get("/org/units/").status_code == 302
    assert not _can_sign_in("sanmao", DEMO_PASSWORD)
    # Signed in with the one-time password, every page leads to the password change.
    fresh = Client()
    assert (
        fresh.post("/accounts/login/", {"username": "sanmao", "password": password}).status_code
        == 302
    )
    forced = fresh.get("/org/units/")
    assert forced.status_code == 302 and forced["Location"] == "/org/password/"
    assert fresh.get("/api/v1/org/units/").status_code == 403
    page = fresh.get("/org/password/")
    assert "请先设置新密码" in page.content.decode()
    changed = fresh.post(
        "/org/password/",
        {
            "old_password": password,
            "new_password1": "Qiang-Mima-2026",
            "new_password2": "Qiang-Mima-2026",
        },
    )
    assert changed.status_code == 302
    sanmao.refresh_from_db()
    assert not sanmao.must_change_password
    assert fresh.get("/org/units/").status_code == 200


def test_an_administrator_does_not_reset_their_own_password_here(as_user, administrator):
    response = as_user(administrator).post(
        f"/org/users/{administrator.pk}/reset-password/", follow=True
    )
    assert "修改密码" in _messages(response)
    administrator.refresh_from_db()
    assert not administrator.must_change_password


# -- online users -----------------------------------------------------------------------


def test_online_users_lists_sessions_and_forced_sign_out_ends_them(as_user, administrator, sanmao):
    browser = _signed_in(sanmao)
    row = UserSession.objects.get(user=sanmao)
    assert row.user_agent == "TestBrowser/1.0"
    client = as_user(administrator)
    page = client.get("/org/online/")
    assert sanmao in [r.user for r in page.context["page_obj"]]
    response = client.post(
        f"/org/users/{sanmao.pk}/sign-out/", {"next": "/org/online/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/org/online/"
    assert "已强制下线" in _messages(response)
    assert not UserSession.objects.filter(user=sanmao).exists()
    after = browser.get("/org/units/")
    assert after.status_code == 302 and after["Location"].startswith("/accounts/login/")
    entry = LogEntry.objects.get_for_object(sanmao).latest("timestamp")
    assert entry.actor == administrator and "在线会话" in entry.changes_dict


def test_signing_out_removes_the_online_row(sanmao):
    browser = _signed_in(sanmao)
    assert UserSession.objects.filter(user=sanmao).count() == 1
    browser.post("/accounts/logout/")
    assert not UserSession.objects.filter(user=sanmao).exists()


# -- login log --------------------------------------------------------------------------


def test_login_log_lists_success_and_failure_and_filters(as_user, administrator, fgw):
    Client().post("/accounts/login/", {"username": "fgw", "password": "wrong"})
    _signed_in(fgw)
    client = as_user(administrator)
    rows = list(client.get("/org/logins/", {"username": "fgw"}).context["page_obj"])
    assert {r["succeeded"] for r in rows} == {True, False}
    failures = list(
        client.get("/org/logins/", {"username": "fgw", "result": "failure"}).context["page_obj"]
    )
    assert failures and not any(r["succeeded"] for r in failures)
    today = timezone.localdate().isoformat()
    dated = client.get("/org/logins/", {"start": today, "end": today, "ip": "127.0.0.1"})
    assert len(dated.context["page_obj"]) >= 2
    bad = client.get("/org/logins/", {"start": today, "end": "2000-01-01"})
    assert "结束日期早于开始日期" in bad.content.decode()
    assert list(bad.context["page_obj"]) == []
    assert AccessLog.objects.filter(username="fgw").exists()
    assert AccessFailureLog.objects.filter(username="fgw").exists()


def test_unlock_clears_a_lockout(as_user, administrator, fgw):
    browser = Client()
    for _ in range(5):
        browser.post("/accounts/login/", {"username": "fgw", "password": "wrong"})
    assert (
        browser.post("/accounts/login/", {"username": "fgw", "password": DEMO_PASSWORD}).status_code
        == 429
    )
    client = as_user(administrator)
    lockouts = client.get("/org/logins/").context["lockouts"]
    locked = [a for a in lockouts if a.username == "fgw" and a.locked]
    assert locked
    response = client.post(f"/org/logins/{locked[0].pk}/unlock/", follow=True)
    assert "已解锁" in _messages(response)
    assert not AccessAttempt.objects.filter(username="fgw").exists()
    assert (
        browser.post("/accounts/login/", {"username": "fgw", "password": DEMO_PASSWORD}).status_code
        == 302
    )
    entry = LogEntry.objects.get_for_object(fgw).latest("timestamp")
    assert entry.actor == administrator


def test_others_cannot_unlock(as_user, supervisor, fgw):
    for _ in range(5):
        Client().post("/accounts/login/", {"username": "fgw", "password": "wrong"})
    attempt = AccessAttempt.objects.get(username="fgw")
    assert as_user(supervisor).post(f"/org/logins/{attempt.pk}/unlock/").status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


# -- operation log ----------------------------------------------------------------------


def test_operation_log_filters_by_record_action_and_date(as_user, administrator, sanmao):
    client = as_user(administrator)
    client.post(f"/org/users/{sanmao.pk}/disable/")
    today = timezone.localdate().isoformat()
    page = client.get(
        "/changelog/",
        {"actor": "admin", "model": "org.user", "action": "1", "start": today, "end": today},
    )
    entries = list(page.context["page_obj"])
    assert entries and all(e.content_type.model == "user" and e.action == 1 for e in entries)
    assert "操作日志" in page.content.decode()
    roles = client.get("/changelog/", {"model": "org.role", "action": "1", "start": today})
    assert all(e.content_type.model == "role" for e in roles.context["page_obj"])
    bad = client.get("/changelog/", {"start": today, "end": "2000-01-01"})
    assert list(bad.context["page_obj"]) == []
