import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from mingzhu.tasks.choices import Status
from mingzhu.tasks.metrics import metrics_for, named_metrics
from mingzhu.tasks.models import Task

URL = "/api/v1/tasks/"


def post(client, url, data=None, **kwargs):
    return client.post(url, data or {}, content_type="application/json", **kwargs)


def test_it_creates_a_task_with_title_unit_and_deadline(as_user, supervisor, unit):
    response = post(
        as_user(supervisor),
        URL,
        {"title": "研究制定方案", "lead_unit": unit("YZ-DEPT-FGW").pk, "deadline": "2099-06-30"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert {"id", "code", "title", "status", "light", "deadline", "lead_unit", "progress"} <= set(
        body
    )
    assert body["status"] == "draft" and body["light"] is None
    assert body["code"].startswith(f"{timezone.localdate().year}-DB-")
    assert Task.objects.get(pk=body["id"]).events.count() == 1


def test_it_validates_creation(as_user, supervisor):
    response = post(as_user(supervisor), URL, {"title": "缺字段"})
    assert response.status_code == 400
    assert {"lead_unit", "deadline"} <= set(response.json())


@pytest.mark.parametrize("persona", ["fgw", "sanmao", "grid_worker", "enterprise_user", "outsider"])
def test_it_refuses_creation_to_those_who_do_not_issue(as_user, request, unit, persona):
    user = request.getfixturevalue(persona)
    response = post(
        as_user(user),
        URL,
        {"title": "x", "lead_unit": unit("YZ-DEPT-FGW").pk, "deadline": "2099-01-01"},
    )
    assert response.status_code == 403


def test_it_lists_tasks_in_scope_only(as_user, make_task, fgw, xinba):
    task = make_task(Status.ASSIGNED)
    mine = as_user(fgw).get(URL).json()
    assert task.code in {t["code"] for t in mine["results"]}
    assert set(mine) >= {"count", "next", "previous", "results"}
    theirs = as_user(xinba).get(URL).json()
    assert task.code not in {t["code"] for t in theirs["results"]}
    assert as_user(xinba).get(f"{URL}{task.pk}/").status_code == 404
    assert as_user(fgw).get(f"{URL}{task.pk}/").json()["light"] == "green"


@pytest.mark.parametrize(
    ("persona", "status"), [("outsider", 403), ("leader", 200), ("grid_worker", 200)]
)
def test_it_guards_the_list(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(URL).status_code == status


def test_it_refuses_anonymous_callers(client, db):
    assert client.get(URL).status_code in (401, 403)


def test_it_walks_a_task_through_its_life(as_user, supervisor, fgw, unit):
    boss, staff = as_user(supervisor), as_user(fgw)
    task_id = post(
        boss,
        URL,
        {"title": "全流程", "lead_unit": unit("YZ-DEPT-FGW").pk, "deadline": "2099-06-30"},
    ).json()["id"]
    url = f"{URL}{task_id}/"
    assert post(boss, f"{url}assign/").json()["status"] == "assigned"
    assert post(staff, f"{url}accept/").json()["status"] == "accepted"
    body = post(staff, f"{url}report/", {"progress": 60, "comment": "过半"}).json()
    assert (body["status"], body["progress"]) == ("in_progress", 60)
    body = post(staff, f"{url}request-closure/", {"comment": "完成", "result": "已印发"}).json()
    assert body["status"] == "closure_requested"
    body = post(boss, f"{url}return/", {"comment": "请补充"}).json()
    assert (body["status"], body["rework_count"]) == ("returned", 1)
    post(staff, f"{url}request-closure/", {"result": "已补充"})
    body = post(boss, f"{url}verify/", {"comment": "同意销号"}).json()
    assert (body["status"], body["progress"], body["light"]) == ("closed", 100, None)


def test_it_extends_and_cancels(as_user, make_task, supervisor, fgw):
    task = make_task(Status.ACCEPTED, deadline=dt.date(2099, 1, 31))
    url = f"{URL}{task.pk}/"
    response = post(
        as_user(fgw), f"{url}request-extension/", {"new_deadline": "2099-03-31", "comment": "汛期"}
    )
    assert response.status_code == 200
    body = post(as_user(supervisor), f"{url}approve-extension/").json()
    assert (body["status"], body["deadline"], body["original_deadline"]) == (
        "deferred",
        "2099-03-31",
        "2099-01-31",
    )
    body = post(as_user(supervisor), f"{url}cancel/", {"comment": "并入其他任务"}).json()
    assert body["status"] == "cancelled"


def test_it_takes_evidence_files(as_user, make_task, fgw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = make_task(Status.IN_PROGRESS)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    photo = SimpleUploadedFile("整改后.png", buffer.getvalue(), content_type="image/png")
    response = as_user(fgw).post(f"{URL}{task.pk}/request-closure/", {"files": [photo]})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closure_requested"


def test_it_refuses_evidence_that_is_not_what_its_name_says(as_user, make_task, fgw):
    task = make_task(Status.IN_PROGRESS)
    fake = SimpleUploadedFile("整改报告.pdf", b"MZ\x90\x00" + bytes(200))
    response = as_user(fgw).post(f"{URL}{task.pk}/request-closure/", {"files": [fake]})
    assert response.status_code == 400
    assert "整改报告.pdf" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Status.IN_PROGRESS


def test_it_answers_400_for_the_wrong_state(as_user, make_task, fgw):
    task = make_task(Status.ASSIGNED)
    response = post(as_user(fgw), f"{URL}{task.pk}/report/", {"progress": 10})
    assert response.status_code == 400
    assert "not possible" in response.json()["detail"]


def test_it_answers_400_without_evidence_or_with_bad_input(as_user, make_task, fgw):
    task = make_task(Status.IN_PROGRESS)
    client = as_user(fgw)
    assert post(client, f"{URL}{task.pk}/request-closure/", {"comment": "好了"}).status_code == 400
    response = post(client, f"{URL}{task.pk}/report/", {"progress": 140})
    assert response.status_code == 400 and "progress" in response.json()


def test_it_answers_403_when_not_allowed(as_user, make_task, fgw, supervisor):
    task = make_task(Status.CLOSURE_REQUESTED)
    assert post(as_user(fgw), f"{URL}{task.pk}/verify/").status_code == 403
    assert (
        post(as_user(supervisor), f"{URL}{task.pk}/request-closure/", {"result": "x"}).status_code
        == 403
    )


@pytest.mark.parametrize(
    "persona", ["xinba", "sanmao", "grid_worker", "enterprise_user", "outsider"]
)
def test_it_answers_404_out_of_scope(as_user, make_task, request, persona):
    task = make_task(Status.CLOSURE_REQUESTED)
    client = as_user(request.getfixturevalue(persona))
    assert post(client, f"{URL}{task.pk}/verify/").status_code == 404
    assert post(client, f"{URL}999999/accept/").status_code == 404


def test_it_answers_409_to_the_second_verification(as_user, make_task, supervisor, leader):
    task = make_task(Status.CLOSURE_REQUESTED)
    assert post(as_user(supervisor), f"{URL}{task.pk}/verify/").status_code == 200
    response = post(as_user(leader), f"{URL}{task.pk}/verify/")
    assert response.status_code == 409
    assert "already" in response.json()["detail"]


def test_it_refuses_updates_and_deletes(as_user, make_task, supervisor):
    task = make_task(Status.DRAFT)
    client = as_user(supervisor)
    patch = client.patch(f"{URL}{task.pk}/", {}, content_type="application/json")
    assert patch.status_code == 405
    assert client.delete(f"{URL}{task.pk}/").status_code in (403, 405)
    assert Task.objects.filter(pk=task.pk).exists()


def test_it_serves_unit_metrics(as_user, make_task, supervisor, fgw):
    make_task(Status.CLOSED)
    response = as_user(supervisor).get(f"{URL}metrics/?from=2000-01-01&to=2099-12-31")
    assert response.status_code == 200
    units = {row["unit_name"]: row for row in response.json()["units"]}
    assert units["发展和改革委员会"]["closed"] >= 1
    own = as_user(fgw).get(f"{URL}metrics/?from=2000-01-01&to=2099-12-31").json()["units"]
    # Only tasks in fgw's scope: led by or shared with 发改委.
    names = {row["unit_name"] for row in own}
    assert "发展和改革委员会" in names and "生态环境局" not in names


def test_it_refuses_bad_metric_dates(as_user, supervisor, outsider):
    assert as_user(supervisor).get(f"{URL}metrics/?from=2025-13-01").status_code == 400
    assert (
        as_user(supervisor).get(f"{URL}metrics/?from=2025-02-01&to=2025-01-01").status_code == 400
    )
    assert as_user(outsider).get(f"{URL}metrics/").status_code == 403


def test_it_filters_by_light(as_user, make_task, supervisor):
    red = make_task(Status.ACCEPTED, deadline=dt.date(2020, 1, 1))
    green = make_task(Status.ACCEPTED)
    codes = {
        t["code"]
        for t in as_user(supervisor).get(f"{URL}?light=red&page_size=500").json()["results"]
    }
    assert red.code in codes and green.code not in codes


def test_it_lists_in_a_fixed_number_of_queries(as_user, make_task, supervisor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(supervisor)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    make_task(Status.ASSIGNED)  # both counts with tasks written in this transaction
    count()  # the first request reads what the process then keeps (the user's access)
    before = count()
    for _ in range(5):
        make_task(Status.ASSIGNED)
    assert count() == before


def test_named_metrics_give_each_unit_its_name(make_task, unit):
    task = make_task(Status.CLOSED)
    tasks = Task.objects.filter(pk=task.pk)
    start, end = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
    rows = named_metrics(tasks, start, end)
    assert [r["unit"] for r in rows] == [r["unit"] for r in metrics_for(tasks, start, end)]
    (row,) = rows
    assert (row["unit"], row["unit_name"]) == (unit("YZ-DEPT-FGW").pk, "发展和改革委员会")
    assert row["closed"] == 1
    assert named_metrics(Task.objects.none(), start, end) == []
