"""A refused or unknown address answers in Chinese: a page with the site's menu for the
pages, JSON with a Chinese message under /api/."""

import pytest
from django.test import Client, RequestFactory

from mingzhu.core import views

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _page(response) -> str:
    return response.content.decode()


def test_an_unknown_page_answers_404_with_the_menu_in_chinese(as_user, leader):
    response = as_user(leader).get("/no/such/page/")
    assert response.status_code == 404
    page = _page(response)
    assert 'id="menu"' in page and 'href="/changelog/"' in page
    assert "页面不存在，或不在您的数据权限范围内。" in page
    assert "Not Found" not in page


def test_an_object_outside_the_scope_answers_the_same_404(as_user, sanmao, unit):
    response = as_user(sanmao).get(f"/org/units/{unit('YZ-XINBA').pk}/")
    assert response.status_code == 404
    assert "页面不存在" in _page(response) and 'id="menu"' in _page(response)


def test_a_refused_page_answers_403_with_the_menu_in_chinese(as_user, supervisor):
    # The supervision office reads the org tree but may not add a unit.
    response = as_user(supervisor).get("/org/units/add/")
    assert response.status_code == 403
    page = _page(response)
    assert 'id="menu"' in page
    assert "您没有权限进行此操作。" in page
    assert "Forbidden" not in page


def test_an_anonymous_visitor_gets_the_404_page_in_chinese_with_a_way_to_log_in(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = _page(response)
    assert "页面不存在" in page
    assert 'href="/accounts/login/?next=/no/such/page/"' in page
    assert 'id="menu"' not in page


def test_a_form_sent_without_its_csrf_token_is_refused_in_chinese(leader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader, backend="mingzhu.org.backends.RoleBackend")
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "表单已过期或来源不明" in _page(response)
    assert "CSRF verification failed" not in _page(response)


def test_an_unknown_api_address_answers_json_in_chinese(as_user, leader, client):
    for c in (as_user(leader), client):
        response = c.get("/api/v1/no-such-thing/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == "not_found"
        assert response.json()["detail"] == "接口中没有这个地址。"


def test_an_api_object_outside_the_scope_answers_json_404_in_chinese(as_user, sanmao, unit):
    response = as_user(sanmao).get(f"/api/v1/org/units/{unit('YZ-XINBA').pk}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "未找到。"


def test_a_refused_api_call_answers_json_403_in_chinese(as_user, outsider, client):
    response = as_user(outsider).get("/api/v1/org/units/")
    assert response.status_code == 403
    assert response.json()["detail"] == "您没有执行该操作的权限。"
    anonymous = client.get("/api/v1/org/units/")
    assert anonymous.status_code in (401, 403)
    assert anonymous.json()["detail"] == "身份认证信息未提供。"


def test_errors_raised_outside_the_api_views_answer_json_under_api(db):
    # What the API's own views do not catch (a middleware's refusal, a URL that the
    # router does not know) still answers JSON there, and a page elsewhere.
    request = RequestFactory().get("/api/v1/tasks/")
    forbidden = views.permission_denied(request)
    assert forbidden.status_code == 403
    assert forbidden["Content-Type"] == "application/json"
    assert b"permission_denied" in forbidden.content
    missing = views.page_not_found(RequestFactory().get("/api/v1/x/"))
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    failed = views.server_error(RequestFactory().get("/api/v1/x/"))
    assert failed.status_code == 500 and failed["Content-Type"] == "application/json"


def test_the_server_error_page_is_chinese_without_the_database(db):
    response = views.server_error(RequestFactory().get("/tasks/"))
    assert response.status_code == 500
    assert "服务器出错" in response.content.decode()


def test_a_request_refused_before_authentication_still_gets_the_page(db):
    # A bad request (e.g. a disallowed host) is answered before the session and the user
    # are known: the page shows without the menu instead of failing.
    response = views.bad_request(RequestFactory().get("/tasks/"))
    assert response.status_code == 400
    assert "无法识别该请求。" in response.content.decode()
