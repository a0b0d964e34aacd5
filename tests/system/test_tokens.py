"""API tokens: made and revoked by their owner on a page, with an expiry, read-only and
module scopes that the API's authentication enforces; tokens of the old table keep
working until their cut-off day."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from mingzhu.core.audit import history_for
from mingzhu.system import tokens
from mingzhu.system.models import ApiToken, ParameterValue, digest

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

PAGE = "/system/tokens/"
UNITS = "/api/v1/org/units/"
TASKS = "/api/v1/tasks/"


def _api(key) -> Client:
    return Client(headers={"Authorization": f"Token {key}"})


def _make(user, *, days=30, read_only=False, modules=()):
    return tokens.create(
        user=user, name="测试", days=days, read_only=read_only, modules=list(modules)
    )


def test_only_the_digest_of_the_key_is_stored(fgw):
    token, key = _make(fgw)
    assert key.startswith("mz_")
    assert token.key_digest == digest(key)
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())


def test_a_token_acts_with_its_users_permissions_and_scope(fgw):
    _token, key = _make(fgw)
    response = _api(key).get(UNITS)
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["YZ-DEPT-FGW"]


def test_it_records_when_the_token_was_last_used(fgw):
    token, key = _make(fgw)
    assert _api(key).get(UNITS).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_expired_token_is_refused(fgw):
    token, key = _make(fgw)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    response = _api(key).get(UNITS)
    assert response.status_code == 401
    assert "过期" in response.json()["detail"]


def test_a_revoked_token_is_refused(fgw):
    token, key = _make(fgw)
    tokens.revoke(token)
    response = _api(key).get(UNITS)
    assert response.status_code == 401
    assert "吊销" in response.json()["detail"]


def test_a_read_only_token_reads_but_may_not_write(administrator, unit):
    _token, key = _make(administrator, read_only=True)
    village = unit("321182001000-V02")
    client = _api(key)
    assert client.get(f"{UNITS}{village.pk}/").status_code == 200
    response = client.patch(
        f"{UNITS}{village.pk}/", {"name": "改名"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "只能读取" in response.json()["detail"]
    village.refresh_from_db()
    assert village.name != "改名"


def test_a_writing_token_writes_and_the_trail_names_its_user(administrator, unit):
    _token, key = _make(administrator)
    village = unit("321182001000-V02")
    response = _api(key).patch(
        f"{UNITS}{village.pk}/", {"name": "永胜村（令牌）"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert history_for(village).first().actor == administrator


def test_a_token_limited_to_modules_reaches_only_those(supervisor):
    _token, key = _make(supervisor, modules=["org"])
    client = _api(key)
    assert client.get(UNITS).status_code == 200
    response = client.get(TASKS)
    assert response.status_code == 403
    assert "tasks" in response.json()["detail"]


def test_a_demo_users_token_is_refused_outside_demo_mode(fgw, settings):
    _token, key = _make(fgw)
    settings.ALLOW_DEMO_USERS = False
    assert _api(key).get(UNITS).status_code == 401


def test_an_unknown_key_is_refused(db):
    assert _api("mz_nonsense").get(UNITS).status_code == 401


def test_an_inactive_users_token_is_refused(fgw):
    _token, key = _make(fgw)
    fgw.is_active = False
    fgw.save()
    assert _api(key).get(UNITS).status_code == 401


# Tokens of the old table -----------------------------------------------------------


def test_an_old_token_works_until_its_cut_off_day(fgw):
    old = Token.objects.create(user=fgw)
    today = timezone.localdate()
    ParameterValue.objects.update_or_create(
        name="api.legacy_tokens_until", defaults={"value": today.isoformat()}
    )
    assert _api(old.key).get(UNITS).status_code == 200
    ParameterValue.objects.filter(name="api.legacy_tokens_until").update(
        value=(today - dt.timedelta(days=1)).isoformat()
    )
    from mingzhu.system import params

    params.clear_cache()
    response = _api(old.key).get(UNITS)
    assert response.status_code == 401
    assert "旧版" in response.json()["detail"]


def test_the_migration_sets_the_cut_off_from_the_environment(db, monkeypatch):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mingzhu.system.migrations.0002_legacy_token_deadline")
    ParameterValue.objects.filter(name="api.legacy_tokens_until").delete()
    monkeypatch.setenv("MINGZHU_LEGACY_TOKEN_DAYS", "30")
    migration.set_deadline(apps, None)
    stored = ParameterValue.objects.get(name="api.legacy_tokens_until").value
    assert stored == (timezone.localdate() + dt.timedelta(days=30)).isoformat()


# The page ----------------------------------------------------------------------------


def test_a_user_makes_a_token_and_sees_its_key_once(as_user, sanmao):
    client = as_user(sanmao)
    response = client.post(
        PAGE, {"name": "数据对接", "days": "30", "read_only": "on", "modules": ["grid"]}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=sanmao, name="数据对接")
    assert token.read_only and token.modules == ["grid"]
    assert (token.expires_at - timezone.now()).days in (29, 30)
    body = response.content.decode()
    key = body.split('<code class="user-select-all">')[1].split("</code>")[0]
    assert token.key_digest == digest(key)
    assert key not in client.get(PAGE).content.decode()
    assert history_for(token).get().actor == sanmao


def test_a_token_cannot_outlive_the_longest_life(as_user, sanmao):
    ParameterValue.objects.create(name="api.token_max_days", value="30")
    response = as_user(sanmao).post(PAGE, {"name": "长期", "days": "31"})
    assert response.status_code == 400
    assert "30" in response.content.decode()
    assert not ApiToken.objects.filter(user=sanmao).exists()


def test_a_user_lists_only_their_own_tokens(as_user, sanmao, xinba):
    _make(xinba)
    mine, _key = _make(sanmao)
    body = as_user(sanmao).get(PAGE).content.decode()
    assert f'id="token-{mine.pk}"' in body
    assert body.count('<tr id="token-') == 1


def test_a_user_revokes_their_own_token(as_user, sanmao):
    token, key = _make(sanmao)
    response = as_user(sanmao).post(f"/system/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _api(key).get(UNITS).status_code == 401


@pytest.mark.parametrize("persona", ["xinba", "supervisor", "leader"])
def test_nobody_else_revokes_a_users_token(request, as_user, sanmao, persona):
    token, _key = _make(sanmao)
    client = as_user(request.getfixturevalue(persona))
    assert client.post(f"/system/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_administrator_lists_and_revokes_anybodys_token(as_user, administrator, sanmao):
    token, _key = _make(sanmao)
    client = as_user(administrator)
    assert "测试" in client.get("/system/tokens/all/").content.decode()
    response = client.post(f"/system/tokens/{token.pk}/revoke/", {"next": "all"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert history_for(token).first().actor == administrator


@pytest.mark.parametrize("persona", ["sanmao", "supervisor", "outsider"])
def test_others_do_not_list_every_token(request, as_user, persona):
    assert as_user(request.getfixturevalue(persona)).get("/system/tokens/all/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(PAGE).status_code == 302
    assert client.post("/system/tokens/1/revoke/").status_code == 302
