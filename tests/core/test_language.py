"""Pages are in Chinese by default and in English on request."""

import pytest

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.fixture
def client(as_user, leader):
    return as_user(leader)


def test_it_speaks_chinese_by_default(client):
    content = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in content
    assert "您好，" in content
    assert "组织架构" in content
    assert "Welcome" not in content


def test_it_speaks_chinese_to_an_english_browser(client):
    content = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="zh-hans">' in content
    assert "组织架构" in content


def test_it_speaks_english_after_choosing_it(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert "Welcome, " in content


def test_it_speaks_english_with_the_language_cookie(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in client.get("/").content.decode()
