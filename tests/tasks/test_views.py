import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.cockpit.builtin import quarter_start, tasks_panel
from mingzhu.tasks.choices import Status
from mingzhu.tasks.demo import LIST_NAME as DEMO_LIST
from mingzhu.tasks.models import SupervisionSheet, Task, TaskList

LEDGER = "/tasks/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("leader", 200),
        ("supervisor", 200),
        ("fgw", 200),
        ("sanmao", 200),
        ("xinba", 200),
        ("grid_worker", 200),
        ("enterprise_user", 200),
        ("administrator", 403),
        ("outsider", 403),
    ],
)
def test_it_guards_the_ledger(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(LEDGER).status_code == status


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(LEDGER)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_each_unit_only_its_tasks(as_user, make_task, fgw, xinba):
    task = make_task(Status.ASSIGNED)
    assert task.code in as_user(fgw).get(LEDGER).content.decode()
    assert task.code not in as_user(xinba).get(LEDGER).content.decode()


def test_it_filters_the_ledger(as_user, make_task, supervisor, unit):
    late = make_task(Status.ACCEPTED, deadline=dt.date(2020, 1, 1))
    fine = make_task(Status.ACCEPTED)
    client = as_user(supervisor)

    def codes(query):
        return client.get(f"{LEDGER}?{query}").content.decode()

    # Each module's demo adds tasks: look the two up by code, the filter still decides.
    def row(task):  # the code as a cell, not as the search term in the export link
        return f">{task.code}<"

    for light, shown, hidden in (("red", late, fine), ("green", fine, late)):
        assert row(shown) in codes(f"light={light}&q={shown.code}")
        assert row(hidden) not in codes(f"light={light}&q={hidden.code}")
    assert row(late) in codes(f"deadline_before=2020-12-31&q={late.code}")
    assert row(fine) not in codes(f"deadline_before=2020-12-31&q={fine.code}")
    assert fine.code in codes(f"status=accepted&lead_unit={unit('YZ-DEPT-FGW').pk}&q={fine.code}")
    assert fine.code not in codes(f"lead_unit={unit('YZ-XINBA').pk}")
    demo_list = TaskList.objects.get(name=DEMO_LIST)
    assert "2026" in codes(f"task_list={demo_list.pk}") or demo_list.tasks.exists()


def test_it_exports_the_ledger_to_excel(as_user, supervisor):
    response = as_user(supervisor).get(f"{LEDGER}?export=xlsx&status=closed")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def _ledger_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LEDGER).status_code == 200
    return len(ctx.captured_queries)


def test_it_lists_the_ledger_in_a_fixed_number_of_queries(as_user, make_task, supervisor, fgw):
    # Both counts are made with tasks written in this transaction, which are read afresh
    # rather than kept by the process (core.cache.pending): only the number of rows differs.
    make_task(Status.ACCEPTED)
    for user in (supervisor, fgw):
        client = as_user(user)
        # What the process keeps for a while (the user's access, the holiday calendar) is
        # read by whichever request comes first after it lapses: read it now.
        _ledger_queries(client)
        before = _ledger_queries(client)
        for _ in range(5):
            make_task(Status.ACCEPTED)
        # session, user, roles/permissions, the count (lead unit, issuer, co-units and the
        # scope's units), page (with its joins): not one per row
        assert _ledger_queries(client) == before
        assert before <= 14


def test_it_shows_a_task_with_its_timeline_and_actions(as_user, make_task, fgw, supervisor):
    task = make_task(Status.ACCEPTED)
    page = as_user(fgw).get(task.get_absolute_url()).content.decode()
    assert 'id="timeline"' in page and "action-report_progress" in page
    assert "action-verify" not in page
    page = as_user(supervisor).get(task.get_absolute_url()).content.decode()
    assert "action-report_progress" not in page and "action-cancel" in page
    assert as_user(supervisor).get(f"{task.get_absolute_url()}history/").status_code == 200


@pytest.mark.parametrize(
    "persona", ["xinba", "sanmao", "grid_worker", "enterprise_user", "outsider"]
)
def test_it_hides_a_task_out_of_scope(as_user, make_task, request, persona):
    task = make_task(Status.ASSIGNED)
    client = as_user(request.getfixturevalue(persona))
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.post(f"/tasks/{task.pk}/do/accept/").status_code in (403, 404)


def test_it_runs_actions_from_the_page(as_user, make_task, fgw, supervisor):
    task = make_task(Status.ASSIGNED)
    staff = as_user(fgw)
    assert staff.post(f"/tasks/{task.pk}/do/accept/").status_code == 302
    staff.post(f"/tasks/{task.pk}/do/report_progress/", {"progress": "40", "comment": "推进中"})
    staff.post(f"/tasks/{task.pk}/do/request_closure/", {"result": "完成"})
    response = as_user(supervisor).post(f"/tasks/{task.pk}/do/verify/", {"comment": "同意"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress) == (Status.CLOSED, 100)


def test_it_refuses_a_comment_holding_a_nul_character(as_user, make_task, supervisor):
    """No column takes a NUL character (PostgreSQL refuses it): the action is refused on the
    page with the reason, and the task is left as it was."""
    task = make_task(Status.ASSIGNED)
    client = as_user(supervisor)
    response = client.post(f"/tasks/{task.pk}/do/cancel/", {"comment": "撤销\x00原因"})
    assert response.status_code == 303
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Null characters are not allowed." in page
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED


def test_it_refuses_actions_on_the_page(as_user, make_task, fgw, supervisor):
    task = make_task(Status.ASSIGNED)
    staff = as_user(fgw)
    response = staff.post(f"/tasks/{task.pk}/do/request_closure/", {"result": "x"}, follow=True)
    assert "not possible" in response.content.decode()
    response = staff.post(f"/tasks/{task.pk}/do/report_progress/", {"progress": "abc"})
    assert response.status_code == 303
    assert staff.post(f"/tasks/{task.pk}/do/assign/").status_code == 403
    assert staff.post(f"/tasks/{task.pk}/do/delete/").status_code == 403
    assert as_user(supervisor).post(f"/tasks/{task.pk}/do/accept/").status_code == 403
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED


def test_it_adds_and_edits_tasks_for_the_issuing_side(as_user, supervisor, fgw, unit):
    client = as_user(supervisor)
    assert client.get("/tasks/add/").status_code == 200
    response = client.post(
        "/tasks/add/",
        {
            "title": "网页新建",
            "lead_unit": unit("YZ-XINBA").pk,
            "deadline": "2099-05-01",
            "deadline_basis": "working_days",
            "urgency": "urgent",
            "weight": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    task = Task.objects.get(title="网页新建")
    assert task.issuer == supervisor.unit and task.events.count() == 1
    assert client.get(f"/tasks/{task.pk}/edit/").status_code == 200
    assert as_user(fgw).get("/tasks/add/").status_code == 403


def test_it_refuses_editing_to_the_lead_unit(as_user, make_task, fgw):
    task = make_task(Status.ASSIGNED)
    assert as_user(fgw).get(f"/tasks/{task.pk}/edit/").status_code == 403


def _edit_data(task, **changes):
    data = {
        "title": task.title,
        "content": task.content,
        "lead_unit": task.lead_unit_id,
        "deadline": task.deadline.isoformat(),
        "deadline_basis": task.deadline_basis,
        "urgency": task.urgency,
        "weight": str(task.weight),
    }
    return {**data, **changes}


def test_an_assigned_task_keeps_its_deadline_until_an_extension(as_user, make_task, supervisor):
    task = make_task(Status.ASSIGNED)
    client = as_user(supervisor)
    later = (task.deadline + dt.timedelta(days=30)).isoformat()
    refused = client.post(f"/tasks/{task.pk}/edit/", _edit_data(task, deadline=later))
    assert refused.status_code == 200  # the form again, with its errors
    assert "through an extension" in refused.context["form"].errors["deadline"][0]
    task.refresh_from_db()
    assert task.deadline != dt.date.fromisoformat(later)
    # Another field may still be edited; the deadline is left as it was.
    renamed = client.post(f"/tasks/{task.pk}/edit/", _edit_data(task, title="改名后的任务"))
    assert renamed.status_code == 302
    task.refresh_from_db()
    assert task.title == "改名后的任务"


def test_a_tasks_sheets_follow_it_to_another_lead_unit(
    as_user, make_task, supervisor, unit, xinba, fgw
):
    """Moved by an edit of the issuing side, an overdue task's sheets are seen by its new
    lead unit, no longer by the old one; the unit supervised when each was issued stays."""
    task = make_task(Status.ACCEPTED)
    old, new = task.lead_unit, unit("YZ-XINBA")
    today = timezone.localdate()
    sheet = SupervisionSheet.objects.create(task=task, level="red", issued_on=today, unit=old)
    assert (sheet.lead_unit, sheet.issuer) == (old, supervisor.unit)
    xinba_user, fgw_user = xinba, fgw
    assert not SupervisionSheet.objects.restrict(xinba_user, "view").filter(pk=sheet.pk)
    moved = as_user(supervisor).post(f"/tasks/{task.pk}/edit/", _edit_data(task, lead_unit=new.pk))
    assert moved.status_code == 302, moved.content.decode()[-2000:]
    sheet.refresh_from_db()
    assert (sheet.lead_unit, sheet.issuer, sheet.unit) == (new, supervisor.unit, old)
    assert SupervisionSheet.objects.restrict(xinba_user, "view").filter(pk=sheet.pk).exists()
    assert not SupervisionSheet.objects.restrict(fgw_user, "view").filter(pk=sheet.pk)
    # The page of sheets and the cockpit's count say the same to the new lead unit.
    listed = as_user(xinba_user).get("/tasks/supervision/")
    assert listed.status_code == 200 and task.code in listed.content.decode()
    context = tasks_panel(xinba_user, today).context
    counted = {str(level): n for level, _label, n in context["sheets"]}
    in_scope = SupervisionSheet.objects.restrict(xinba_user, "view").filter(
        issued_on__gte=quarter_start(today), issued_on__lte=today, level="red"
    )
    assert counted["red"] == in_scope.count() >= 1


def test_a_drafts_deadline_cannot_move_into_the_past(as_user, make_task, supervisor):
    from django.utils import timezone

    task = make_task(Status.DRAFT)
    client = as_user(supervisor)
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    refused = client.post(f"/tasks/{task.pk}/edit/", _edit_data(task, deadline=yesterday))
    assert refused.status_code == 200
    assert "has already passed" in refused.context["form"].errors["deadline"][0]
    later = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    moved = client.post(f"/tasks/{task.pk}/edit/", _edit_data(task, deadline=later))
    assert moved.status_code == 302
    task.refresh_from_db()
    assert task.deadline.isoformat() == later


def test_it_fills_the_inbox(as_user, make_task, fgw, supervisor, xinba):
    waiting = make_task(Status.ASSIGNED)
    to_verify = make_task(Status.CLOSURE_REQUESTED)
    mine = as_user(fgw).get("/tasks/inbox/").content.decode()
    assert waiting.code in mine and to_verify.code not in mine
    theirs = as_user(supervisor).get("/tasks/inbox/").content.decode()
    assert to_verify.code in theirs and waiting.code not in theirs
    assert waiting.code not in as_user(xinba).get("/tasks/inbox/").content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("fgw", 200), ("grid_worker", 403), ("outsider", 403)],
)
def test_it_guards_the_task_lists(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/tasks/lists/").status_code == status
    if status == 200:
        demo = TaskList.objects.get(name=DEMO_LIST)
        page = client.get(demo.get_absolute_url())
        assert page.status_code == 200 and 'id="tasks"' in page.content.decode()


def test_it_hides_a_task_list_out_of_scope(as_user, enterprise_user, supervisor):
    demo = TaskList.objects.get(name=DEMO_LIST)
    assert as_user(supervisor).get(f"{demo.get_absolute_url()}history/").status_code == 200
    assert as_user(enterprise_user).get(demo.get_absolute_url()).status_code in (403, 404)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("xinba", 200), ("grid_worker", 403), ("outsider", 403)],
)
def test_it_guards_the_supervision_page(as_user, request, persona, status):
    assert (
        as_user(request.getfixturevalue(persona)).get("/tasks/supervision/").status_code == status
    )


@pytest.mark.parametrize(("persona", "status"), [("leader", 200), ("fgw", 200), ("outsider", 403)])
def test_it_guards_the_metrics_page(as_user, request, persona, status):
    response = as_user(request.getfixturevalue(persona)).get(
        "/tasks/metrics/?from=2000-01-01&to=2099-12-31"
    )
    assert response.status_code == status
    if status == 200:
        assert 'id="metrics"' in response.content.decode()


def test_it_survives_bad_metric_dates(as_user, supervisor):
    assert as_user(supervisor).get("/tasks/metrics/?from=nonsense").status_code == 200


def test_it_shows_the_menu_by_permission(as_user, fgw, outsider):
    assert "/tasks/inbox/" in as_user(fgw).get("/").content.decode()
    assert "/tasks/inbox/" not in as_user(outsider).get("/").content.decode()


def test_it_colours_the_lights_on_the_ledger(as_user, make_task, supervisor):
    late = make_task(Status.ACCEPTED, deadline=dt.date(2020, 1, 1))
    page = as_user(supervisor).get(f"{LEDGER}?q={late.code}").content.decode()
    assert "light-red" in page


def test_it_names_units_due_an_interview(as_user, make_task, supervisor, unit):
    from mingzhu.tasks.models import SupervisionSheet

    for day in (1, 2, 3):
        task = make_task(Status.ASSIGNED, lead="YZ-DEPT-SCJG")
        SupervisionSheet.objects.create(
            task=task, level="red", issued_on=dt.date(2030, 1, day), unit=unit("YZ-DEPT-SCJG")
        )
    page = as_user(supervisor).get("/tasks/supervision/").content.decode()
    interviews = page[page.index('id="interviews"') :]
    assert "市场监督管理局" in interviews


def test_it_draws_the_metrics_chart(as_user, supervisor):
    page = as_user(supervisor).get("/tasks/metrics/?from=2000-01-01&to=2099-12-31")
    content = page.content.decode()
    assert 'id="metrics-chart"' in content and 'id="metrics-data"' in content


def test_it_asks_for_a_unit_before_issuing(as_user, supervisor, unit):
    supervisor.unit = None
    supervisor.save()
    response = as_user(supervisor).post(
        "/tasks/add/",
        {
            "title": "无单位",
            "lead_unit": unit("YZ-XINBA").pk,
            "deadline": "2099-05-01",
            "deadline_basis": "calendar_days",
            "urgency": "normal",
            "weight": "1",
        },
    )
    assert response.status_code == 200
    assert not Task.objects.filter(title="无单位").exists()


def test_it_serves_evidence_only_within_scope(
    as_user, make_task, fgw, supervisor, xinba, settings, tmp_path
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from mingzhu.tasks import actions
    from mingzhu.tasks.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    task = make_task(Status.IN_PROGRESS)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    photo = SimpleUploadedFile("现场.png", buffer.getvalue(), content_type="image/png")
    actions.request_closure(task, actor=fgw, files=[photo])
    attachment = Attachment.objects.get(event__task=task)
    url = f"/tasks/attachments/{attachment.pk}/"
    assert url in as_user(supervisor).get(task.get_absolute_url()).content.decode()
    response = as_user(supervisor).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == buffer.getvalue()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")  # <img> still shows it
    assert as_user(xinba).get(url).status_code == 404
