"""The change log shows an entry only to someone who may view its object now (or holds
the audit role), scoped like every other list."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission

from mingzhu.core.audit import acting_as, visible_entries
from mingzhu.livelihood.models import CitizenRequest
from mingzhu.org.models import User


@pytest.fixture
def edited_request(rexian, unit):
    """A request of 新坝镇 changed by the desk, and the id of that change's entry."""
    request = CitizenRequest.objects.filter(town=unit("YZ-XINBA")).first()
    assert request is not None
    with acting_as(rexian):
        request.address = "新坝镇秘密路1号"
        request.save()
    entry = LogEntry.objects.get_for_object(request).latest("pk")
    return request, entry


def _log_shows(client, entry) -> bool:
    response = client.get("/changelog/", {"actor": "rexian"})
    assert response.status_code == 200
    return entry.pk in {e.pk for e in response.context["page_obj"].object_list}


def test_the_administrator_neither_opens_the_request_nor_reads_its_entry(
    as_user, administrator, edited_request
):
    request, entry = edited_request
    client = as_user(administrator)
    assert client.get(f"/livelihood/requests/{request.pk}/").status_code == 404
    assert not _log_shows(client, entry)
    response = client.get("/changelog/", {"request_id": entry.cid or "none"})
    assert "新坝镇秘密路1号" not in response.content.decode()
    assert not visible_entries(administrator).filter(pk=entry.pk).exists()


def test_those_who_may_view_the_request_read_its_entry(as_user, leader, edited_request):
    request, entry = edited_request
    client = as_user(leader)
    assert client.get(f"/livelihood/requests/{request.pk}/").status_code == 200
    assert _log_shows(client, entry)


def test_an_entry_outside_a_readers_scope_is_left_out(sanmao, xinba, edited_request):
    _request, entry = edited_request
    reader = Permission.objects.get(content_type__app_label="auditlog", codename="view_logentry")
    sanmao.user_permissions.add(reader)
    xinba.user_permissions.add(reader)
    sanmao, xinba = User.objects.get(pk=sanmao.pk), User.objects.get(pk=xinba.pk)
    assert not visible_entries(sanmao).filter(pk=entry.pk).exists()  # 三茅街道
    assert visible_entries(xinba).filter(pk=entry.pk).exists()  # 新坝镇's own request


def test_the_audit_role_reads_the_whole_trail(administrator, edited_request):
    _request, entry = edited_request
    administrator.user_permissions.add(Permission.objects.get(codename="view_whole_trail"))
    auditor = User.objects.get(pk=administrator.pk)
    assert visible_entries(auditor).filter(pk=entry.pk).exists()
    assert visible_entries(auditor).count() == LogEntry.objects.count()


def test_nobody_without_the_change_log_permission_reads_any_entry(outsider, edited_request):
    assert not visible_entries(outsider).exists()
