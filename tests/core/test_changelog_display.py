"""The change log (变更记录) and history tabs show a change as a person reads it: related
records by name, choices by label, moments in local time (Asia/Shanghai), no codes."""

import datetime as dt

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from mingzhu.core.templatetags.mingzhu import audit_changes
from mingzhu.tasks.models import Task


def _changed_task(supervisor, unit):
    task = (
        Task.objects.exclude(lead_unit__code="YZ-DEPT-FGW")
        .filter(deadline_basis="calendar_days")
        .order_by("pk")
        .first()
    )
    before_lead = task.lead_unit
    with set_actor(supervisor):
        task.lead_unit = unit("YZ-DEPT-FGW")
        task.due_at = dt.datetime(2026, 12, 31, 9, 30, 15, 123456, tzinfo=dt.UTC)
        task.deadline_basis = "working_days"
        task.save()
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Task), object_pk=str(task.pk)
    ).latest("pk")
    return task, before_lead, entry


def test_a_change_shows_names_labels_and_local_time(supervisor, unit):
    task, before_lead, entry = _changed_task(supervisor, unit)
    rows = {label: (before, after) for label, before, after in audit_changes(entry)}
    lead = rows[str(Task._meta.get_field("lead_unit").verbose_name)]
    assert lead == (str(before_lead), "发展和改革委员会")
    due = rows[str(Task._meta.get_field("due_at").verbose_name)]
    assert due[1] == "2026-12-31 17:30:15"  # 09:30 UTC is 17:30 in Shanghai; no microseconds
    basis = rows[str(Task._meta.get_field("deadline_basis").verbose_name)]
    assert basis[1] == "工作日"


def test_the_change_log_page_shows_no_ids_codes_nor_utc(as_user, supervisor, leader, unit):
    task, before_lead, entry = _changed_task(supervisor, unit)
    page = as_user(leader).get("/changelog/", {"actor": "supervisor"}).content.decode()
    assert "发展和改革委员会" in page and "工作日" in page and "2026-12-31 17:30:15" in page
    unit_id = unit("YZ-DEPT-FGW").pk
    assert f'</span>: <span class="text-danger">{before_lead.pk}</span>' not in page
    assert f'<span class="text-success">{unit_id}</span>' not in page
    assert "working_days" not in page and "123456" not in page and "+00:00" not in page


def test_a_related_record_deleted_since_keeps_its_number(supervisor, unit):
    _, _, entry = _changed_task(supervisor, unit)
    entry.changes = {"lead_unit": ["999999", str(unit("YZ-DEPT-FGW").pk)]}
    rows = audit_changes(entry)
    assert ("牵头单位", "#999999", "发展和改革委员会") in rows


def test_a_roles_granted_defaults_are_labelled_in_chinese(db):
    """A role's bookkeeping of the default permissions granted shows with a Chinese label,
    not its field's name ("defaults applied")."""
    from mingzhu.org.models import Role

    role = Role.objects.get(code="leader")
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(Role),
        object_pk=str(role.pk),
        object_repr=str(role),
        action=LogEntry.Action.UPDATE,
        changes={"defaults_applied": ["[]", "['tasks.view_task']"]},
    )
    (label, _before, _after) = audit_changes(entry)[0]
    assert label == "已授予的默认权限"
