"""Each channel against a stand-in on 127.0.0.1: the payloads each platform documents,
retries, leases, errors in the delivery log."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from mingzhu.notify import outbox
from mingzhu.notify.choices import DeliveryStatus
from mingzhu.notify.models import Channel, Delivery, Preference
from mingzhu.tasks.models import Notification

from .conftest import DINGTALK_SECRET

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _deliveries(channel):
    return Delivery.objects.filter(channel=channel).order_by("pk")


def test_a_return_reaches_the_lead_units_wecom_group_as_text_with_mentions(
    stand_in, channel, returned_task, fgw
):
    fgw.phone = "13800001111"
    fgw.save(update_fields=["phone"])
    robot = channel("wecom", f"{stand_in.base}/wecom/send?key=abc")
    task = returned_task()
    assert outbox.deliver_due()["sent"] >= 1
    texts = [r["json"] for r in stand_in.on("/wecom/send")]
    returned = [p for p in texts if "退回" in p["text"]["content"].splitlines()[0]]
    assert len(returned) == 1
    payload = returned[0]
    assert payload["msgtype"] == "text"
    assert set(payload) == {"msgtype", "text"}
    content = payload["text"]["content"]
    for part in (task.code, task.title, task.lead_unit.name, "2099年12月31日", "亮灯"):
        assert part in content
    assert f"/tasks/{task.pk}/" in content
    assert payload["text"]["mentioned_mobile_list"] == ["13800001111"]
    assert all(d.status == DeliveryStatus.SENT for d in _deliveries(robot))


def test_wecom_markdown(stand_in, channel, returned_task):
    channel("wecom", f"{stand_in.base}/wecom/md", markdown=True)
    returned_task()
    outbox.deliver_due()
    payloads = [r["json"] for r in stand_in.on("/wecom/md")]
    assert payloads and all(p["msgtype"] == "markdown" for p in payloads)
    assert all(set(p["markdown"]) == {"content"} for p in payloads)


def test_dingtalk_signed_mode_is_verified_by_the_stand_in(stand_in, channel, returned_task, fgw):
    fgw.phone = "13800002222"
    fgw.save(update_fields=["phone"])
    robot = channel(
        "dingtalk", f"{stand_in.base}/dingtalk/signed?access_token=t", secret=DINGTALK_SECRET
    )
    returned_task()
    outbox.deliver_due()
    received = stand_in.on("/dingtalk/signed")
    assert received and all(r["signed"] for r in received)
    assert all(r["query"]["access_token"] == "t" for r in received)
    payload = received[-1]["json"]
    assert payload["msgtype"] == "text"
    assert set(payload["text"]) == {"content"}
    assert payload["at"] == {"atMobiles": ["13800002222"], "isAtAll": False}
    assert all(d.status == DeliveryStatus.SENT for d in _deliveries(robot))


def test_a_bad_dingtalk_secret_is_an_error_in_the_log_not_a_crash(
    stand_in, channel, returned_task, administrator, as_user
):
    robot = channel(
        "dingtalk", f"{stand_in.base}/dingtalk/signed?access_token=t", secret="SECwrong"
    )
    returned_task()
    counts = outbox.deliver_due()
    assert counts.get("sent", 0) == 0 and counts["pending"] >= 1
    failed = _deliveries(robot).first()
    assert failed.status == DeliveryStatus.PENDING and failed.attempts == 1
    assert "310000" in failed.last_error
    assert stand_in.on("/dingtalk/signed") == []
    page = as_user(administrator).get("/notify/deliveries/?status=pending")
    assert page.status_code == 200 and "310000" in page.content.decode()


def test_an_unreachable_host_is_an_error_in_the_log(channel, returned_task):
    robot = channel("wecom", "http://127.0.0.1:9/wecom/nobody")
    returned_task()
    outbox.deliver_due()
    failed = _deliveries(robot).first()
    assert failed.status == DeliveryStatus.PENDING
    assert failed.last_error  # the reason, e.g. connection refused
    assert failed.next_attempt_at > timezone.now()


def test_retried_after_a_500_with_back_off(stand_in, channel, returned_task):
    robot = channel("wecom", f"{stand_in.base}/wecom/flaky")
    stand_in.fail_next["/wecom/flaky"] = 100
    returned_task()
    now = timezone.now()
    outbox.deliver_due(now=now)
    first = _deliveries(robot).first()
    assert first.status == DeliveryStatus.PENDING and "500" in first.last_error
    assert first.next_attempt_at == now + dt.timedelta(minutes=1)
    # Not before its time.
    assert outbox.deliver_due(now=now + dt.timedelta(seconds=30)) == {}
    stand_in.fail_next["/wecom/flaky"] = 0
    outbox.deliver_due(now=now + dt.timedelta(minutes=2))
    first.refresh_from_db()
    assert first.status == DeliveryStatus.SENT and first.attempts == 2
    assert first.last_error == ""


def test_given_up_after_the_last_attempt(stand_in, channel, returned_task):
    robot = channel("wecom", f"{stand_in.base}/wecom/down")
    stand_in.fail_next["/wecom/down"] = 1000
    returned_task()
    now = timezone.now()
    for _attempt in range(outbox.MAX_ATTEMPTS):
        now += dt.timedelta(minutes=300)
        outbox.deliver_due(now=now)
    statuses = {d.status for d in _deliveries(robot)}
    assert statuses == {DeliveryStatus.FAILED}
    assert {d.attempts for d in _deliveries(robot)} == {outbox.MAX_ATTEMPTS}


def test_nothing_is_sent_twice_after_a_worker_dies_mid_run(stand_in, channel, returned_task):
    """Worker A claims the batch and dies after sending the first one: its sent one is
    never sent again; the rest are taken again once A's lease is over, and sent once."""
    robot = channel("wecom", f"{stand_in.base}/wecom/lease")
    returned_task()
    ids = list(_deliveries(robot).values_list("pk", flat=True))
    assert len(ids) >= 2
    now = timezone.now()
    claimed = outbox.claim(worker="A", now=now)
    assert [d.pk for d in claimed if d.channel_id == robot.pk] == ids
    outbox.deliver(claimed[0], worker="A", now=now)  # then A is killed
    assert len(stand_in.on("/wecom/lease")) == 1
    # Worker B starts at once: A's lease still holds, nothing is taken twice.
    assert outbox.deliver_due(worker="B", now=now + dt.timedelta(seconds=10)) == {}
    # After the lease: B sends what A left, once.
    later = now + outbox.LEASE + dt.timedelta(seconds=1)
    outbox.deliver_due(worker="B", now=later)
    outbox.deliver_due(worker="C", now=later + dt.timedelta(minutes=10))
    received = stand_in.on("/wecom/lease")
    assert len(received) == len(ids)
    assert len({r["body"] for r in received}) == len(ids)
    # A, come back to life with its old claim, neither sends again nor records.
    assert outbox.deliver(claimed[1], worker="A", now=later) == "lost"
    assert len(stand_in.on("/wecom/lease")) == len(ids)
    assert {d.status for d in _deliveries(robot)} == {DeliveryStatus.SENT}


def test_two_workers_never_claim_the_same_delivery(stand_in, channel, returned_task):
    robot = channel("wecom", f"{stand_in.base}/wecom/two")
    returned_task()
    now = timezone.now()
    first = {d.pk for d in outbox.claim(worker="A", now=now)}
    second = {d.pk for d in outbox.claim(worker="B", now=now)}
    assert first and not (first & second)
    assert set(_deliveries(robot).values_list("pk", flat=True)) <= first


def test_sms_to_a_unit_head_with_placeholders_and_a_daily_cap(
    stand_in, channel, returned_task, fgw
):
    fgw.phone = "13800003333"
    fgw.save(update_fields=["phone"])
    Preference.objects.create(user=fgw, is_unit_head=True)
    gateway = channel(
        "sms",
        f"{stand_in.base}/sms/send",
        unit_code=None,
        secret="k-123",
        success_text="result=OK",
        daily_cap=1,
    )
    gateway.params = json.dumps({"mobile": "{phone}", "content": "{text}", "key": "{secret}"})
    gateway.save()
    returned_task()
    returned_task()
    outbox.deliver_due()
    sent = stand_in.on("/sms/send")
    assert len(sent) == 1  # the cap
    form = sent[0]["form"]
    assert form["mobile"] == "13800003333" and form["key"] == "k-123"
    assert "退回" in form["content"]
    capped = Delivery.objects.filter(channel=gateway, status=DeliveryStatus.SKIPPED)
    assert capped.count() == 1 and capped.get().last_error


def test_sms_is_not_sent_to_people_who_did_not_choose_it(stand_in, channel, returned_task, fgw):
    fgw.phone = "13800004444"
    fgw.save(update_fields=["phone"])
    gateway = channel("sms", f"{stand_in.base}/sms/send", unit_code=None)
    returned_task()
    assert not Delivery.objects.filter(channel=gateway).exists()


def test_email_by_choice(settings, channel, returned_task, fgw):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    fgw.email = "fgw@example.invalid"
    fgw.save(update_fields=["email"])
    Preference.objects.create(user=fgw, email_topics=["return"])
    channel("email", "", unit_code=None)
    returned_task()
    outbox.deliver_due()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fgw@example.invalid"] and "退回" in mail.outbox[0].body


def test_no_citizens_number_leaves_in_a_message():
    text = outbox.scrub("来电人 13912345678，身份证 32118219800101123X，工单 2025-A-0001")
    assert "13912345678" not in text and "32118219800101123X" not in text
    assert "139****5678" in text and "2025-A-0001" in text


def test_secrets_are_encrypted_at_rest_and_masked(channel):
    robot = channel(
        "dingtalk",
        "https://oapi.dingtalk.com/robot/send?access_token=abcdef123456",
        secret="SECabcdefgh12345678",
    )
    stored = Channel.objects.get(pk=robot.pk)
    assert "abcdef123456" not in stored.url_cipher and "SECabcdefgh" not in stored.secret_cipher
    assert stored.secret == "SECabcdefgh12345678"
    assert stored.secret_masked == "SECabcde…5678"


def test_notices_and_deliveries_are_written_together(channel, stand_in, supervisor, unit):
    """A notice rolled back leaves no delivery behind."""
    from django.db import transaction

    from mingzhu.tasks import actions

    robot = channel("wecom", f"{stand_in.base}/wecom/tx")
    before = Delivery.objects.filter(channel=robot).count()
    try:
        with transaction.atomic():
            task = actions.create_task(
                actor=supervisor,
                title="回滚",
                lead_unit=unit("YZ-DEPT-FGW"),
                deadline=dt.date(2099, 1, 1),
            )
            actions.assign(task, actor=supervisor)
            assert Delivery.objects.filter(channel=robot).count() == before + 1
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert Delivery.objects.filter(channel=robot).count() == before
    assert not Notification.objects.filter(task__title="回滚").exists()
