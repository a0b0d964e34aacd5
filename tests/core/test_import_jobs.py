"""Large imports run on the worker (core.importjobs, notify.background): the page hands
the staged file to a job, the worker previews it, the uploader confirms on the job's
page, the worker imports it as the uploader (their scope, their name in the audit
trail), all rows or none; only the uploader sees the job; small files keep the page's
own flow."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.core.management import call_command

from mingzhu.core import importjobs, tabular
from mingzhu.core.audit import history_for
from mingzhu.core.excel import write_xlsx
from mingzhu.notify import background
from mingzhu.notify.models import BackgroundJob, Channel, Delivery
from mingzhu.system import params
from mingzhu.system.models import ParameterValue
from mingzhu.tasks.choices import NoticeKind
from mingzhu.tasks.models import HolidayDay, HolidayYear, Notification, TaskList

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

HEADERS = ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
GOOD = [
    [1, "制定港产城融合实施方案", "发改委", "资规局、新坝镇", "", dt.date(2099, 6, 30)],
    [2, "推进暖企走访全覆盖", "工业和信息化局", "", "", "2099年9月30日"],
    [3, "整治背街小巷", "城管局", "", "", "2099-10-01"],
]
BAD = [[4, "", "不存在的局", "新坝镇", "", "明年"]]


def workbook(rows) -> io.BytesIO:
    upload = io.BytesIO(write_xlsx("任务清单", HEADERS, rows))
    upload.name = "tasks.xlsx"
    return upload


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="后台导入测试清单", kind="meeting", issuer=supervisor.unit, year=2099
    )


@pytest.fixture
def parameter(db):
    """parameter(name, value): a system parameter stored for this test (the process's
    cache of them forgotten afterwards, as the test's rows are)."""
    yield lambda name, value: ParameterValue.objects.create(name=name, value=str(value))
    params.clear_cache()


@pytest.fixture
def threshold(parameter):
    """Sheets of more than 4 rows (a title row, the header and 3 rows of data are 5)
    are imported in the background."""
    parameter("imports.background_rows", 4)


def upload(client, task_list, rows, **options):
    return client.post(f"/tasks/lists/{task_list.pk}/import/", {"file": workbook(rows), **options})


def staged_file(token: str) -> Path:
    """The file a staging token names (the folder is shared with tests running beside
    this one, so only this file is looked at)."""
    key = signing.loads(token, salt=tabular.STAGE_SALT)["k"]
    return Path(settings.MEDIA_ROOT) / "imports" / f"{key}.upload"


def run_worker() -> list[BackgroundJob]:
    return background.run_due(worker="test-worker")


def test_a_small_file_keeps_the_page_flow(as_user, supervisor, task_list, threshold):
    client = as_user(supervisor)
    preview = upload(client, task_list, GOOD[:2])
    assert preview.status_code == 200 and preview.context["staged"]
    assert not BackgroundJob.objects.exists()


def test_a_large_file_is_previewed_and_imported_on_the_worker(
    as_user, supervisor, task_list, threshold
):
    client = as_user(supervisor)
    response = upload(client, task_list, GOOD)
    job = BackgroundJob.objects.get()
    assert staged_file(job.params["token"]).exists()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    assert (job.owner, job.kind, job.status, job.params["step"]) == (
        supervisor,
        "import",
        "queued",
        "preview",
    )
    assert job.params["view"] == "mingzhu.tasks.views.TaskImportView"
    assert job.params["kwargs"] == {"pk": task_list.pk}
    assert not task_list.tasks.exists()
    page = client.get(response["Location"]).content.decode()
    # The page follows the job while it waits (htmx, no inline script).
    assert 'hx-trigger="every 3s"' in page and "<script>" not in page
    assert task_list.name in page  # the way back: to the list imported into

    (previewed,) = run_worker()
    assert previewed.status == "done"
    assert not task_list.tasks.exists()  # a preview writes nothing
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "every 3s" not in page
    assert "制定港产城融合实施方案" in page and 'id="import-confirm"' in page
    notice = Notification.objects.filter(recipient=supervisor, kind=NoticeKind.BACKGROUND).get()
    assert notice.link == f"/imports/{job.pk}/" and "tasks.xlsx" in notice.text

    confirmed = client.post(f"/imports/{job.pk}/confirm/")
    second = BackgroundJob.objects.exclude(pk=job.pk).get()
    assert confirmed["Location"] == f"/imports/{second.pk}/"
    assert second.params["step"] == "import"
    # Confirming again starts nothing more: it leads to the same job.
    again = client.post(f"/imports/{job.pk}/confirm/")
    assert again["Location"] == f"/imports/{second.pk}/"
    assert BackgroundJob.objects.count() == 2
    assert 'id="import-confirmed"' in client.get(f"/imports/{job.pk}/").content.decode()

    (imported,) = run_worker()
    assert imported.status == "done", imported.error
    assert task_list.tasks.count() == 3
    # The uploader is the author of every change, as on the page.
    for task in task_list.tasks.all():
        assert {entry.actor for entry in history_for(task)} == {supervisor}
        assert task.events.get().actor == supervisor
    page = client.get(f"/imports/{second.pk}/").content.decode()
    assert 'id="import-result"' in page and "3" in page and "every 3s" not in page
    assert Notification.objects.filter(
        recipient=supervisor, kind=NoticeKind.BACKGROUND, link=f"/imports/{second.pk}/"
    ).exists()
    # The staged file is gone, and its token is spent for the page's own confirmation.
    assert not staged_file(job.params["token"]).exists()
    with pytest.raises(tabular.WorkbookError):
        tabular.take_staged(job.params["token"], supervisor)
    assert run_worker() == []


def test_refused_rows_import_nothing_unless_the_valid_rows_are_asked_for(
    as_user, supervisor, task_list, threshold
):
    client = as_user(supervisor)
    upload(client, task_list, GOOD + BAD)
    job = BackgroundJob.objects.get()
    run_worker()
    job.refresh_from_db()
    assert job.result["refused_count"] >= 1
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "不存在的局" in page and 'name="valid_only"' in page
    client.post(f"/imports/{job.pk}/confirm/", {"valid_only": "on"})
    (imported,) = run_worker()
    assert imported.status == "done" and imported.params["valid_only"] is True
    assert task_list.tasks.count() == 3
    assert "不存在的局" in client.get(f"/imports/{imported.pk}/").content.decode()


def test_a_sheet_of_refused_rows_fails_with_its_errors_and_leaves_no_file(
    as_user, supervisor, task_list, threshold
):
    client = as_user(supervisor)
    bad = [[i, "", "不存在的局", "", "", "明年"] for i in range(1, 6)]
    upload(client, task_list, bad)
    assert staged_file(BackgroundJob.objects.get().params["token"]).exists()
    (job,) = run_worker()
    assert job.status == "failed"
    assert any("不存在的局" in e for e in job.result["refused"])
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert 'id="import-errors"' in page and 'id="import-confirm"' not in page
    assert client.post(f"/imports/{job.pk}/confirm/").status_code == 302
    assert BackgroundJob.objects.count() == 1  # nothing to confirm
    assert not staged_file(job.params["token"]).exists()
    assert not task_list.tasks.exists()


def test_an_import_failing_midway_writes_nothing(
    as_user, supervisor, task_list, threshold, monkeypatch
):
    """All or nothing on the worker too: a failure after some rows were written leaves
    none of them, and the job says so."""
    from mingzhu.tasks import views

    client = as_user(supervisor)
    upload(client, task_list, GOOD)
    run_worker()
    client.post(f"/imports/{BackgroundJob.objects.get().pk}/confirm/")
    real = views.TaskImportView.import_file

    def breaks_after_writing(self, obj, file):
        real(self, obj, file)
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(views.TaskImportView, "import_file", breaks_after_writing)
    (job,) = run_worker()
    assert job.status == "failed" and "磁盘已满" not in job.error
    assert not task_list.tasks.exists()


@pytest.mark.parametrize("persona", ["fgw", "leader", "administrator", "outsider"])
def test_only_the_uploader_sees_the_job(
    as_user, request, supervisor, task_list, threshold, persona
):
    upload(as_user(supervisor), task_list, GOOD)
    run_worker()
    job = BackgroundJob.objects.get()
    other = as_user(request.getfixturevalue(persona))
    assert other.get(f"/imports/{job.pk}/").status_code == 404
    assert other.post(f"/imports/{job.pk}/confirm/").status_code == 404
    assert BackgroundJob.objects.count() == 1
    assert as_user(supervisor).get(f"/imports/{job.pk}/").status_code == 200


def test_a_visitor_is_sent_to_sign_in(client, as_user, supervisor, task_list, threshold):
    upload(as_user(supervisor), task_list, GOOD)
    job = BackgroundJob.objects.get()
    client.logout()
    response = client.get(f"/imports/{job.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_job_checks_scope_as_the_uploader(as_user, supervisor, task_list, threshold):
    """The worker looks the list up again through the uploader's permission and scope:
    one lost meanwhile imports nothing."""
    client = as_user(supervisor)
    upload(client, task_list, GOOD)
    run_worker()
    client.post(f"/imports/{BackgroundJob.objects.get().pk}/confirm/")
    supervisor.roles.clear()
    (job,) = run_worker()
    assert job.status == "failed"
    assert "scope" in job.error or "范围" in job.error
    assert not task_list.tasks.exists()


def test_the_job_rebuilds_the_pages_options(as_user, administrator, threshold):
    """A page without a preview (the holiday arrangement) imports at once on the worker,
    with the options of the upload form."""
    from mingzhu.tasks import calendar

    HolidayYear.objects.filter(year=2031).delete()
    rows = "\n".join(
        f"2031-10-0{d},放假,国庆节" for d in range(1, 8)
    )  # 7 days: above the threshold
    data = io.BytesIO(("日期,类型,名称\n" + rows + "\n").encode())
    data.name = "2031.csv"
    client = as_user(administrator)
    response = client.post(
        "/tasks/calendar/import/", {"file": data, "year": "2031", "notice": "国办发明电〔2030〕1号"}
    )
    job = BackgroundJob.objects.get()
    assert response["Location"] == f"/imports/{job.pk}/"
    assert job.params["step"] == "import"
    assert ["notice", "国办发明电〔2030〕1号"] in job.params["carried"]
    try:
        (done,) = run_worker()
        assert done.status == "done", done.error
        year = HolidayYear.objects.get(year=2031)
        assert year.notice == "国办发明电〔2030〕1号" and year.entered
        assert HolidayDay.objects.filter(arrangement=year).count() == 7
    finally:
        HolidayYear.objects.filter(year=2031).delete()
        calendar.invalidate()


def test_a_key_starts_one_job(supervisor):
    params = {"token": "x"}
    first = background.enqueue("import", owner=supervisor, key="import:import:k", params=params)
    with pytest.raises(background.AlreadyQueued) as raised:
        background.enqueue("import", owner=supervisor, key="import:import:k", params=params)
    assert raised.value.job == first


def test_a_job_whose_worker_died_is_taken_again_once(supervisor, task_list, as_user, threshold):
    upload(as_user(supervisor), task_list, GOOD)
    job = background.claim(worker="died")
    assert job.attempts == 1
    later = job.lease_until + dt.timedelta(seconds=1)
    assert background.claim(worker="other", now=job.lease_until - dt.timedelta(seconds=1)) is None
    again = background.claim(worker="other", now=later)
    assert again.pk == job.pk and again.attempts == 2
    third = background.claim(worker="third", now=again.lease_until + dt.timedelta(seconds=1))
    finished = background.run(third, worker="third")
    assert finished.status == "failed" and finished.error


def test_the_notice_stays_in_the_app(as_user, supervisor, task_list, threshold):
    robot = Channel(name="督查室群", kind="wecom", unit=supervisor.unit)
    robot.url = "http://127.0.0.1:9/robot"
    robot.save()
    upload(as_user(supervisor), task_list, GOOD)
    run_worker()
    assert Notification.objects.filter(kind=NoticeKind.BACKGROUND).exists()
    assert not Delivery.objects.filter(channel=robot).exists()


def test_the_worker_command_runs_the_jobs(as_user, supervisor, task_list, threshold):
    upload(as_user(supervisor), task_list, GOOD)
    job = BackgroundJob.objects.get()
    out = io.StringIO()
    call_command("worker", "--once", "--json", stdout=out)
    report = json.loads(out.getvalue().splitlines()[-1])
    assert report["background"] == {str(job.pk): "done"}


def test_the_size_threshold_sends_a_file_to_the_worker(as_user, supervisor, task_list, parameter):
    parameter("imports.background_kb", 1)
    rows = [[i, "任务" + "很长的内容" * 40, "发改委", "", "", "2099-06-30"] for i in (1, 2)]
    data = workbook(rows)
    assert len(data.getvalue()) > 1024
    upload(as_user(supervisor), task_list, rows)
    assert BackgroundJob.objects.count() == 1


def test_rows_are_estimated_without_parsing(db):
    from unittest import mock

    sheet = workbook(GOOD * 10)
    with mock.patch("openpyxl.load_workbook", side_effect=AssertionError("parsed")):
        assert tabular.row_estimate(sheet) == 32
    assert tabular.row_estimate(io.BytesIO("日期,类型\n1,2\n3,4".encode())) == 3
    assert (
        tabular.row_estimate(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100)) is None
    )


def test_rows_are_counted_when_a_sheet_declares_no_range(parameter):
    import re
    import zipfile

    source = zipfile.ZipFile(workbook(GOOD * 10))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            target.writestr(info.filename, data)
    out.seek(0)
    assert tabular.row_estimate(out) == 32
    assert not importjobs.is_large(out)  # below the default of 2000 rows
    parameter("imports.background_rows", 31)
    assert importjobs.is_large(out)
