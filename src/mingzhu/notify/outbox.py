"""The outbox: every notice becomes deliveries, one per channel it goes out by, written in
the transaction that raised the notice; the worker sends them afterwards.

Who gets what: the group robots of each recipient's unit get every notice of the unit
(one message per thing told, whoever in the unit it concerns; the unit's recipients with a
mobile number are @-mentioned); a person gets SMS and e-mail for the topics they chose, or
the defaults (a unit's head: red sheets and returns by SMS; failed jobs by e-mail).

Sending: ``claim`` takes due deliveries with a lease (a conditional UPDATE, so two
workers never take the same one; on PostgreSQL the candidates are read with
``SKIP LOCKED``); ``deliver`` sends one and records the outcome; a failure is retried with
back-off (1, 5, 15, 60, 240 minutes), then given up. A worker that dies leaves its claimed
deliveries to be taken again when their lease ends; what it recorded as sent is never sent
again.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mingzhu.tasks.choices import EventAction, NoticeKind, SheetLevel
from mingzhu.tasks.memo import remembered
from mingzhu.tasks.notices import listener

from . import channels
from .choices import GROUP_KINDS, HEAD_SMS_DEFAULT, ChannelKind, DeliveryStatus, Topic
from .models import Channel, Delivery, Preference

log = logging.getLogger("mingzhu.notify")

BACKOFF_MINUTES = (1, 5, 15, 60, 240)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
LEASE = dt.timedelta(minutes=2)

# Notices told in the app alone: a person's own background job (their import) is news to
# nobody else in the unit's group.
IN_APP_ONLY = (NoticeKind.BACKGROUND,)

MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def scrub(text: str) -> str:
    """No citizen's phone or ID number leaves in a message: any such number is masked."""
    text = ID_NUMBER.sub(lambda m: m.group()[:6] + "********" + m.group()[-4:], text)
    return MOBILE.sub(lambda m: m.group()[:3] + "****" + m.group()[-4:], text)


def topic_of(note) -> str:
    if note.kind == NoticeKind.EVENT:
        action = note.event.action
        if action == EventAction.ASSIGN:
            return Topic.ASSIGN
        if action == EventAction.RETURN or (
            action == EventAction.RATE and note.event.satisfied is False
        ):
            return Topic.RETURN
        if action in (EventAction.REQUEST_CLOSURE, EventAction.REQUEST_EXTENSION):
            return Topic.REQUEST
        return Topic.VERDICT
    if note.kind == NoticeKind.SHEET:
        return Topic.SHEET_RED if note.sheet.level == SheetLevel.RED else Topic.SHEET_OTHER
    return {
        NoticeKind.RECHECK: Topic.RECHECK,
        NoticeKind.DEMAND_NEW: Topic.DEMAND,
        NoticeKind.DEMAND_ANSWERED: Topic.DEMAND,
        NoticeKind.JOB_FAILED: Topic.JOB_FAILED,
    }.get(note.kind, Topic.DIGEST)


def site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def compose(note) -> tuple[str, str]:
    """The message's title and text (Chinese): what happened, the task, its unit,
    deadline and light, and the link."""
    with translation.override(settings.LANGUAGE_CODE):
        task = note.task
        if note.kind == NoticeKind.EVENT:
            title = _("Task %(action)s") % {"action": note.event.get_action_display()}
        elif note.kind == NoticeKind.SHEET:
            title = note.sheet.get_level_display() + " · " + _("Supervision sheet")
        else:
            title = str(note.get_kind_display())
        lines = [f"【{_('Mingzhu')}】{title}"]
        if note.text:
            lines.append(note.text)
        if task is not None:
            light = task.light_on(timezone.localdate())
            light_label = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}.get(light or "", "—")
            lines += [
                _("Task: %(code)s %(title)s") % {"code": task.code, "title": task.title},
                _("Lead unit: %(unit)s") % {"unit": task.lead_unit.name},
                _("Deadline: %(date)s") % {"date": _date(task.deadline)},
                _("Light: %(light)s") % {"light": light_label},
            ]
        lines.append(_("Open: %(url)s") % {"url": site_url(note.get_link())})
    return scrub(title), scrub("\n".join(lines))


def _group_key(note) -> str:
    if note.event_id:
        return f"event:{note.event_id}"
    if note.sheet_id:
        return f"sheet:{note.sheet_id}"
    return f"{note.kind}:{note.task_id or ''}:{note.link or note.pk}"[:100]


def _preferences(user_ids) -> dict[int, tuple[list[str], list[str]]]:
    chosen = {
        p.user_id: (
            p.sms_topics if p.sms_topics else (HEAD_SMS_DEFAULT if p.is_unit_head else []),
            p.email_topics or [Topic.JOB_FAILED],
        )
        for p in Preference.objects.filter(user_id__in=user_ids)
    }
    return {pk: chosen.get(pk, ([], [Topic.JOB_FAILED])) for pk in user_ids}


@listener
def enqueue(notes) -> list[Delivery]:
    """The deliveries of the notices just written (same transaction)."""
    from mingzhu.org.models import User

    active = remembered(("channels",), lambda: list(Channel.objects.filter(is_active=True)))
    if not active:
        return []
    users = {
        u.pk: u
        for u in User.objects.filter(pk__in={n.recipient_id for n in notes}).select_related("unit")
    }
    groups: dict[int, list[Channel]] = {}
    for channel in active:
        if channel.kind in GROUP_KINDS and channel.unit_id:
            groups.setdefault(channel.unit_id, []).append(channel)
    sms = next((c for c in active if c.kind == ChannelKind.SMS), None)
    email = next((c for c in active if c.kind == ChannelKind.EMAIL), None)
    chosen = _preferences(list(users))
    rows: dict[tuple[int, str], Delivery] = {}
    for note in notes:
        user = users.get(note.recipient_id)
        if user is None or note.kind in IN_APP_ONLY:
            continue
        topic = topic_of(note)
        title, text = compose(note)
        for channel in groups.get(user.unit_id, []):
            key = _group_key(note)
            row = rows.get((channel.pk, key))
            if row is None:
                row = rows[(channel.pk, key)] = Delivery(
                    channel=channel, notification=note, key=key, topic=topic, title=title, text=text
                )
            if MOBILE.fullmatch(user.phone or "") and user.phone not in row.mentions:
                row.mentions.append(user.phone)
        sms_topics, email_topics = chosen[user.pk]
        personal = [(sms, user.phone, sms_topics), (email, user.email, email_topics)]
        for channel, address, topics in personal:
            if channel is not None and address and topic in topics:
                key = f"note:{note.pk}"
                rows[(channel.pk, key)] = Delivery(
                    channel=channel,
                    notification=note,
                    recipient=user,
                    key=key,
                    topic=topic,
                    address=address,
                    title=title,
                    text=text,
                )
    return Delivery.objects.bulk_create(list(rows.values()), ignore_conflicts=True)


# Sending -------------------------------------------------------------------------------


def _due(now) -> Q:
    pending = Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
    abandoned = Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
    return pending | abandoned


def claim(*, worker: str, now=None, limit: int = 20, ids=None) -> list[Delivery]:
    """Take up to ``limit`` due deliveries (of ``ids`` only, when given) for ``worker``
    with a lease. A delivery is taken by one conditional UPDATE: of two workers, one
    wins."""
    now = now or timezone.now()
    with transaction.atomic():
        candidates = Delivery.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
        if ids is not None:
            candidates = candidates.filter(pk__in=list(ids))
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:limit])
        taken = []
        for pk in ids:
            won = Delivery.objects.filter(_due(now), pk=pk).update(
                status=DeliveryStatus.SENDING,
                lease_until=now + LEASE,
                claimed_by=worker,
                updated_at=now,
            )
            if won:
                taken.append(pk)
    return list(Delivery.objects.filter(pk__in=taken).select_related("channel").order_by("pk"))


def _sent_today(channel, now) -> int:
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return Delivery.objects.filter(
        channel=channel, status=DeliveryStatus.SENT, sent_at__gte=start
    ).count()


def deliver(delivery: Delivery, *, worker: str, now=None) -> str:
    """Send one claimed delivery and record the outcome (only while the claim is still
    this worker's). Returns the new status."""
    now = now or timezone.now()
    channel = delivery.channel
    mine = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_by=worker)
    attempts = delivery.attempts + 1
    if not mine.exists():
        # The lease ran out and another worker took it: not ours to send any more.
        return "lost"
    if not channel.is_active:
        mine.update(status=DeliveryStatus.SKIPPED, last_error=_("The channel is switched off."))
        return DeliveryStatus.SKIPPED
    if channel.kind == ChannelKind.SMS and _sent_today(channel, now) >= channel.daily_cap:
        mine.update(
            status=DeliveryStatus.SKIPPED,
            last_error=_("The daily cap of %(cap)s messages is reached.")
            % {"cap": channel.daily_cap},
        )
        return DeliveryStatus.SKIPPED
    message = channels.Message(
        title=delivery.title,
        text=delivery.text,
        address=delivery.address,
        mentions=delivery.mentions,
    )
    try:
        channels.send(channel, message)
    except channels.SendError as exc:
        error = str(exc)
        if attempts >= MAX_ATTEMPTS:
            status, next_at = DeliveryStatus.FAILED, now
        else:
            status = DeliveryStatus.PENDING
            next_at = now + dt.timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
        mine.update(
            status=status,
            attempts=attempts,
            last_error=error,
            next_attempt_at=next_at,
            lease_until=None,
            updated_at=timezone.now(),
        )
        log.warning(
            "delivery %s via %s failed (attempt %s): %s", delivery.pk, channel, attempts, error
        )
        return status
    mine.update(
        status=DeliveryStatus.SENT,
        attempts=attempts,
        sent_at=timezone.now(),
        last_error="",
        lease_until=None,
        updated_at=timezone.now(),
    )
    return DeliveryStatus.SENT


def deliver_due(*, worker: str | None = None, now=None, limit: int = 100) -> dict[str, int]:
    """Claim and send what is due; counts by outcome."""
    worker = worker or f"w-{uuid.uuid4().hex[:12]}"
    counts: dict[str, int] = {}
    for delivery in claim(worker=worker, now=now, limit=limit):
        status = deliver(delivery, worker=worker, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_message(channel: Channel, *, actor) -> Delivery:
    """A test message through the channel, written to the outbox (sent by the worker)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Test message")
        text = "\n".join(
            [
                f"【{_('Mingzhu')}】{title}",
                _("This channel works: %(channel)s") % {"channel": channel.name},
                _("Open: %(url)s") % {"url": site_url("/")},
            ]
        )
    address = ""
    if channel.kind == ChannelKind.SMS:
        address = actor.phone if actor else ""
    elif channel.kind == ChannelKind.EMAIL:
        address = actor.email if actor else ""
    return Delivery.objects.create(
        channel=channel,
        recipient=actor if not channel.is_group else None,
        key=f"test:{uuid.uuid4().hex}",
        topic="test",
        address=address,
        title=title,
        text=text,
    )
