"""The audit trail: who, when, before, after, from which request; never passwords; never
editable."""

import json

import pytest
from auditlog.models import LogEntry
from django.test import Client

from mingzhu.core.audit import history_for
from mingzhu.org.models import User

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

VILLAGE = "321182001000-V02"
PASSWORD = "Secret-pass-phrase-77"


def _edit_village(client, village, name, **headers):
    data = {
        "name": name,
        "kind": village.kind,
        "code": village.code,
        "parent": village.parent_id,
        "sort_order": village.sort_order,
        "is_active": "on",
        "is_illustrative": "on",
    }
    return client.post(f"/org/units/{village.pk}/edit/", data, headers=headers)


def test_it_records_actor_before_after_and_request_id(as_user, administrator, unit):
    village = unit(VILLAGE)
    response = _edit_village(as_user(administrator), village, "永胜村（新）")
    assert response.status_code == 302
    entry = history_for(village).first()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == administrator
    assert entry.changes_dict == {"name": ["永胜村", "永胜村（新）"]}
    assert entry.cid == response["X-Request-ID"]
    assert len(entry.cid) >= 16


def test_it_keeps_a_well_formed_request_id_from_the_trusted_proxy(
    settings, as_user, administrator, unit
):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    village = unit(VILLAGE)
    response = _edit_village(as_user(administrator), village, "甲", **{"X-Request-ID": "req-42"})
    assert response["X-Request-ID"] == "req-42"
    assert history_for(village).first().cid == "req-42"


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_it_ignores_the_request_id_of_any_other_caller(
    settings, as_user, administrator, unit, behind_proxy
):
    settings.BEHIND_PROXY = behind_proxy
    settings.TRUSTED_PROXIES = ["10.0.0.9"]  # not the test client's 127.0.0.1
    village = unit(VILLAGE)
    response = _edit_village(as_user(administrator), village, "乙", **{"X-Request-ID": "req-42"})
    assert response["X-Request-ID"] != "req-42"
    assert history_for(village).first().cid == response["X-Request-ID"]


def test_it_replaces_a_malformed_request_id(as_user, leader):
    response = as_user(leader).get("/", headers={"X-Request-ID": "bad id; drop table"})
    assert response["X-Request-ID"] != "bad id; drop table"
    assert response["X-Request-ID"].isalnum()


def test_it_shows_editor_and_change_on_the_history_page(as_user, administrator, leader, unit):
    village = unit(VILLAGE)
    response = _edit_village(as_user(administrator), village, "永胜村（新）")
    page = as_user(leader).get(f"/org/units/{village.pk}/history/")
    content = page.content.decode()
    assert page.status_code == 200
    assert administrator.display_name in content
    assert "永胜村（新）" in content
    assert response["X-Request-ID"] in content


def test_it_lists_the_change_in_the_change_log(as_user, administrator, leader, unit):
    response = _edit_village(as_user(administrator), unit(VILLAGE), "永胜村（新）")
    page = as_user(leader).get("/changelog/", {"request_id": response["X-Request-ID"]})
    assert [e.object_repr for e in page.context["page_obj"]] == ["永胜村（新）"]


def _everything_recorded_about(user: User) -> str:
    entries = history_for(user)
    assert entries.exists()
    return json.dumps(
        [[e.changes, e.serialized_data, e.additional_data, e.object_repr] for e in entries],
        ensure_ascii=False,
        default=str,
    )


def test_it_never_records_passwords(as_user, administrator, unit):
    client = as_user(administrator)
    data = {"username": "lisi", "display_name": "李四", "unit": unit(VILLAGE).pk}
    client.post("/org/users/add/", {**data, "new_password": PASSWORD, "is_active": "on"})
    user = User.objects.get(username="lisi")
    client.post(
        f"/org/users/{user.pk}/edit/",
        {**data, "display_name": "李四四", "new_password": PASSWORD + "x", "is_active": "on"},
    )
    user.refresh_from_db()
    recorded = _everything_recorded_about(user)
    assert "李四四" in recorded  # the edit was recorded ...
    assert "password" not in recorded  # ... but no password, plain or hashed
    assert PASSWORD not in recorded
    assert user.password not in recorded


def test_it_offers_no_way_to_post_to_the_change_log(as_user, administrator):
    assert as_user(administrator).post("/changelog/").status_code == 405


@pytest.fixture
def root(db):
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
    return client


def test_it_refuses_to_change_or_delete_history_in_the_admin(root, as_user, administrator, unit):
    _edit_village(as_user(administrator), unit(VILLAGE), "永胜村（新）")
    entry = history_for(unit(VILLAGE)).first()
    base = f"/admin/auditlog/logentry/{entry.pk}"
    assert root.get("/admin/auditlog/logentry/").status_code == 200  # readable ...
    assert root.get("/admin/auditlog/logentry/add/").status_code == 403
    assert root.post(f"{base}/change/", {"cid": "forged"}).status_code == 403
    assert root.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    response = root.post(
        "/admin/auditlog/logentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302, 403)
    entry.refresh_from_db()
    assert entry.cid != "forged"


def test_it_shows_the_history_of_a_unit_created_on_the_add_page(as_user, administrator, unit):
    client = as_user(administrator)
    data = {"name": "测试网格", "kind": "grid", "code": "T-NEW", "sort_order": 0}
    client.post("/org/units/add/", {**data, "parent": unit(VILLAGE).pk})
    created = unit("T-NEW")
    page = client.get(f"/org/units/{created.pk}/history/")
    assert page.status_code == 200
    assert "T-NEW" in page.content.decode()
    assert set(history_for(created).first().changes_dict) <= {
        f.name for f in type(created)._meta.concrete_fields
    }


def test_a_bulk_creation_is_recorded_as_auditlog_records_one_creation(supervisor, unit):
    """``log_created`` (for objects inserted with ``bulk_create``) writes what auditlog
    itself writes when the same object is saved."""
    import datetime as dt

    from auditlog.models import LogEntry

    from mingzhu.core.audit import log_created
    from mingzhu.tasks.actions import create_task
    from mingzhu.tasks.models import Task

    task = create_task(
        actor=supervisor,
        title="审计对照",
        content="对照",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=dt.date(2099, 6, 30),
        time_limit=5,
    )
    (original,) = history_for(task)
    LogEntry.objects.filter(pk=original.pk).delete()
    assert log_created([Task.objects.get(pk=task.pk)], actor=supervisor) == 1
    (copy,) = history_for(task)
    assert copy.action == LogEntry.Action.CREATE and copy.actor == supervisor
    assert copy.object_repr == original.object_repr
    assert copy.changes == original.changes
    assert copy.serialized_data == original.serialized_data
