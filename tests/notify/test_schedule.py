"""Scheduled jobs: run when due, once per slot, each run recorded; a failure is shown and
told to the administrators; the worker command runs a round and exits with --once."""

import datetime as dt
import io
import json
import os
import signal
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from mingzhu.notify import schedule
from mingzhu.notify.models import Channel, Delivery, Job
from mingzhu.tasks.choices import NoticeKind
from mingzhu.tasks.models import Notification

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def test_a_due_job_runs_once_per_slot_and_is_recorded(as_user, administrator):
    schedule.ensure_jobs()
    job = Job.objects.get(code="supervise")
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(next_run_at=now - dt.timedelta(minutes=1))
    Job.objects.exclude(pk=job.pk).update(next_run_at=now + dt.timedelta(days=1))
    runs = schedule.run_due(now)
    assert [r.job.code for r in runs] == ["supervise"] and runs[0].ok
    assert "red" in runs[0].result or "红" in runs[0].result
    assert schedule.run_due(now) == []  # the slot is taken
    job.refresh_from_db()
    assert job.next_run_at > now
    page = as_user(administrator).get("/notify/jobs/").content.decode()
    assert runs[0].result in page


def test_a_failed_run_is_shown_and_told_to_the_administrator(monkeypatch, as_user, administrator):
    schedule.ensure_jobs()
    job = Job.objects.get(code="digest")

    def broken(now):
        raise RuntimeError("数据库不可用")

    monkeypatch.setitem(schedule.JOBS, "digest", schedule.JobSpec("digest", "30 8 * * 1-5", broken))
    run = schedule.run_job(job)
    assert run.ok is False and "数据库不可用" in run.error
    notice = Notification.objects.filter(
        recipient=administrator, kind=NoticeKind.JOB_FAILED
    ).latest("pk")
    assert "数据库不可用" in notice.text
    page = as_user(administrator).get(f"/notify/jobs/{job.pk}/").content.decode()
    assert "数据库不可用" in page and "table-danger" in page


def test_the_digest_tells_each_unit_on_working_days(fgw, supervisor, unit):
    from mingzhu.tasks import actions

    task = actions.create_task(
        actor=supervisor, title="待办", lead_unit=unit("YZ-DEPT-FGW"), deadline=dt.date(2099, 1, 1)
    )
    actions.assign(task, actor=supervisor)
    monday = timezone.make_aware(dt.datetime(2030, 7, 1, 8, 30))  # a working day
    result = schedule.JOBS["digest"].run(monday)
    assert result
    notice = Notification.objects.filter(recipient=fgw, kind=NoticeKind.DIGEST).latest("pk")
    assert "发展和改革委员会" in notice.text
    sunday = timezone.make_aware(dt.datetime(2030, 6, 30, 8, 30))
    count = Notification.objects.filter(kind=NoticeKind.DIGEST).count()
    schedule.JOBS["digest"].run(sunday)
    assert Notification.objects.filter(kind=NoticeKind.DIGEST).count() == count


def test_the_weekly_summary_reaches_the_city_leaders(leader):
    schedule.JOBS["weekly_summary"].run(timezone.now())
    assert Notification.objects.filter(recipient=leader, kind=NoticeKind.SUMMARY).exists()


def test_bad_schedules_are_refused():
    with pytest.raises(ValueError):
        schedule.check_schedule("every day")
    assert schedule.check_schedule(" 0  6 * * * ") == "0 6 * * *"


def test_worker_once(stand_in, channel, returned_task):
    robot = channel("wecom", f"{stand_in.base}/wecom/worker")
    returned_task()
    out = io.StringIO()
    call_command("worker", "--once", "--json", stdout=out)
    report = json.loads(out.getvalue().splitlines()[-1])
    assert report["deliveries"]["sent"] >= 1
    assert stand_in.on("/wecom/worker")
    assert not Delivery.objects.filter(channel=robot).exclude(status="sent").exists()


@pytest.mark.django_db
def test_the_worker_stops_at_once_when_told_to_between_rounds(monkeypatch):
    """SIGTERM (systemd stopping the service, `mingzhu demo` stopping its worker) ends the
    wait for the next round at once instead of after the interval."""
    from mingzhu.notify.management.commands import worker

    # The test's transaction stays open (the worker closes a connection left in a
    # transaction before each round).
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    assert threading.current_thread() is threading.main_thread()  # where signals land
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    started = time.monotonic()
    try:
        timer.start()
        call_command("worker", "--interval", "600", stdout=io.StringIO())
    finally:
        timer.cancel()
        signal.signal(signal.SIGTERM, before)
    assert time.monotonic() - started < 300  # not the 600 s interval


def test_cli_adds_a_webhook_and_sends_a_test(stand_in, unit):
    out = io.StringIO()
    call_command(
        "notify",
        "add-webhook",
        "--unit",
        "发展和改革委员会",
        "--kind",
        "wecom",
        "--url",
        f"{stand_in.base}/wecom/cli?key=k",
        stdout=out,
    )
    channel = Channel.objects.get(unit=unit("YZ-DEPT-FGW"), kind="wecom")
    assert channel.url.endswith("/wecom/cli?key=k") and "key=k" not in out.getvalue()
    call_command("notify", "test", "--unit", "发展和改革委员会", "--send", stdout=out)
    received = stand_in.on("/wecom/cli")
    assert len(received) == 1 and received[0]["json"]["msgtype"] == "text"
    with pytest.raises(CommandError):
        call_command(
            "notify",
            "add-webhook",
            "--unit",
            "没有这个单位",
            "--kind",
            "wecom",
            "--url",
            "https://x.invalid/",
        )
    with pytest.raises(CommandError):
        call_command(
            "notify",
            "add-webhook",
            "--unit",
            "发展和改革委员会",
            "--kind",
            "wecom",
            "--url",
            "ftp://x",
        )
    with pytest.raises(CommandError):
        call_command("notify", "test", "--unit", "民政局")
