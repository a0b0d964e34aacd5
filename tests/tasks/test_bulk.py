"""Bulk work from the ledger (交办, 催办, 导出 of the ticked tasks) and the ledger's
defaults: who may and may not, the confirmation, all or nothing."""

import io

import pytest
from openpyxl import load_workbook

from mingzhu.tasks import actions
from mingzhu.tasks.choices import NoticeKind, Status
from mingzhu.tasks.models import Notification, Task

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

BULK = "/tasks/bulk/"
LEDGER = "/tasks/"


def _query(action, tasks):
    return {"action": action, "ids": [t.pk for t in tasks]}


# --- the actions ------------------------------------------------------------------------


def test_bulk_assign_assigns_every_draft(make_task, supervisor):
    drafts = [make_task(Status.DRAFT) for _ in range(3)]
    done = actions.bulk_assign([t.pk for t in drafts], actor=supervisor, comment="批量")
    assert len(done) == 3
    for task in drafts:
        task.refresh_from_db()
        assert task.status == Status.ASSIGNED
        assert task.events.filter(action="assign", actor=supervisor).exists()


def test_bulk_assign_does_nothing_when_one_task_is_not_allowed(make_task, supervisor):
    drafts = [make_task(Status.DRAFT) for _ in range(2)]
    assigned = make_task(Status.ASSIGNED)
    with pytest.raises(actions.BatchRefused) as refused:
        actions.bulk_assign([t.pk for t in [*drafts, assigned]], actor=supervisor)
    assert assigned.code in " ".join(refused.value.messages)
    assert all(d.code not in " ".join(refused.value.messages) for d in drafts)
    for task in drafts:
        task.refresh_from_db()
        assert task.status == Status.DRAFT  # nothing half-done


def test_the_lead_unit_may_not_assign_its_own_drafts(make_task, fgw):
    draft = make_task(Status.DRAFT)
    with pytest.raises(actions.BatchRefused):
        actions.bulk_assign([draft.pk], actor=fgw)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_task_out_of_scope_refuses_the_batch_without_naming_it(make_task, xinba):
    task = make_task(Status.ASSIGNED)
    with pytest.raises(actions.BatchRefused) as refused:
        actions.bulk_remind([task.pk], actor=xinba)
    assert task.code not in " ".join(refused.value.messages)


def test_an_empty_or_oversized_batch_is_refused(supervisor):
    with pytest.raises(actions.BatchRefused):
        actions.bulk_assign([], actor=supervisor)
    with pytest.raises(actions.BatchRefused):
        actions.bulk_assign(range(1, actions.BULK_LIMIT + 2), actor=supervisor)


def test_bulk_remind_tells_the_lead_units_people(make_task, supervisor, fgw):
    tasks = [make_task(Status.ASSIGNED), make_task(Status.IN_PROGRESS)]
    before = Notification.objects.filter(kind=NoticeKind.REMINDER).count()
    actions.bulk_remind([t.pk for t in tasks], actor=supervisor, comment="请抓紧")
    notes = Notification.objects.filter(kind=NoticeKind.REMINDER)
    assert notes.count() > before
    for task in tasks:
        mine = notes.filter(task=task, recipient=fgw)
        assert mine.count() == 1 and task.code in mine.get().text
        assert not notes.filter(task=task, recipient=supervisor).exists()


def test_bulk_remind_refuses_drafts_and_closed_tasks(make_task, supervisor):
    before = Notification.objects.filter(kind=NoticeKind.REMINDER).count()
    ok = make_task(Status.ASSIGNED)
    closed = make_task(Status.CLOSED)
    with pytest.raises(actions.BatchRefused) as refused:
        actions.bulk_remind([ok.pk, closed.pk], actor=supervisor)
    assert closed.code in " ".join(refused.value.messages)
    assert Notification.objects.filter(kind=NoticeKind.REMINDER).count() == before


def test_the_lead_unit_may_not_remind_itself(make_task, fgw):
    task = make_task(Status.ASSIGNED)
    with pytest.raises(actions.BatchRefused):
        actions.bulk_remind([task.pk], actor=fgw)


# --- the pages --------------------------------------------------------------------------


def test_the_confirmation_lists_the_tasks_and_changes_nothing(as_user, make_task, supervisor):
    drafts = [make_task(Status.DRAFT) for _ in range(2)]
    response = as_user(supervisor).get(BULK, _query("assign", drafts))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="bulk-tasks"' in page and 'id="confirm"' in page
    assert all(d.code in page for d in drafts)
    assert "Each draft below is assigned now" in page and "Tasks selected: 2" in page
    assert set(
        Task.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)
    ) == {Status.DRAFT}


def test_confirming_assigns_them_all(as_user, make_task, supervisor):
    drafts = [make_task(Status.DRAFT) for _ in range(2)]
    response = as_user(supervisor).post(BULK, _query("assign", drafts))
    assert response.status_code == 302 and response["Location"] == LEDGER
    assert set(
        Task.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)
    ) == {Status.ASSIGNED}


def test_a_refused_batch_names_the_tasks_and_changes_nothing(as_user, make_task, supervisor):
    draft = make_task(Status.DRAFT)
    closed = make_task(Status.CLOSED)
    client = as_user(supervisor)
    shown = client.get(BULK, _query("assign", [draft, closed]))
    assert shown.status_code == 400
    page = shown.content.decode()
    assert 'id="bulk-refused"' in page and closed.code in page and 'id="confirm"' not in page
    posted = client.post(BULK, _query("assign", [draft, closed]))
    assert posted.status_code == 400 and closed.code in posted.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize("persona", ["fgw", "xinba", "grid_worker", "enterprise_user"])
def test_those_who_do_not_issue_may_not_bulk_assign(as_user, request, make_task, persona):
    draft = make_task(Status.DRAFT)
    response = as_user(request.getfixturevalue(persona)).post(BULK, _query("assign", [draft]))
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize(("persona", "status"), [("administrator", 403), ("outsider", 403)])
def test_those_without_tasks_may_not_open_bulk_pages(as_user, request, make_task, persona, status):
    task = make_task(Status.ASSIGNED)
    client = as_user(request.getfixturevalue(persona))
    assert client.get(BULK, _query("export", [task])).status_code == status
    assert client.post(BULK, _query("export", [task])).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(BULK, {"action": "export"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_bulk_export_writes_the_selection(as_user, make_task, fgw):
    tasks = [make_task(Status.ASSIGNED), make_task(Status.IN_PROGRESS)]
    client = as_user(fgw)  # the lead unit may export what it sees
    assert client.get(BULK, _query("export", tasks)).status_code == 200
    response = client.post(BULK, _query("export", tasks))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    # A title row (what, whose, as of when), the header, then the selected tasks.
    assert "任务台账" in str(sheet["A1"].value) or "Task ledger" in str(sheet["A1"].value)
    codes = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(codes) == sorted(t.code for t in tasks)


def test_an_unknown_action_is_refused(as_user, make_task, supervisor):
    task = make_task(Status.DRAFT)
    assert as_user(supervisor).post(BULK, _query("delete", [task])).status_code == 403
    assert as_user(supervisor).get(BULK, _query("delete", [task])).status_code == 302


# --- the ledger's defaults --------------------------------------------------------------


def test_the_ledger_opens_on_open_tasks_most_urgent_first(as_user, make_task, supervisor):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    later = make_task(Status.ASSIGNED, deadline=today + dt.timedelta(days=60))
    sooner = make_task(Status.ASSIGNED, deadline=today + dt.timedelta(days=1))
    closed = make_task(Status.CLOSED)
    client = as_user(supervisor)
    page = client.get(LEDGER, {"q": "测试任务"}).content.decode()
    assert closed.code not in page
    assert page.index(sooner.code) < page.index(later.code)
    everything = client.get(LEDGER, {"q": "测试任务", "show": "all"}).content.decode()
    assert closed.code in everything and 'id="show-all"' in everything


def test_a_status_asked_for_is_shown_even_if_finished(as_user, make_task, supervisor):
    closed = make_task(Status.CLOSED)
    page = (
        as_user(supervisor)
        .get(LEDGER, {"status": Status.CLOSED, "q": closed.code})
        .content.decode()
    )
    assert closed.code in page


def test_the_ledger_offers_bulk_change_only_to_the_issuing_side(as_user, supervisor, fgw):
    assert 'id="bulk-assign"' in as_user(supervisor).get(LEDGER).content.decode()
    page = as_user(fgw).get(LEDGER).content.decode()
    assert 'id="bulk-assign"' not in page and 'id="bulk-export"' in page


def test_a_task_awaiting_verification_says_who_verifies(as_user, make_task, fgw):
    task = make_task(Status.CLOSURE_REQUESTED)
    page = as_user(fgw).get(task.get_absolute_url()).content.decode()
    assert 'id="waiting-for"' in page
    assert f"To be verified by {task.issuer}" in page
