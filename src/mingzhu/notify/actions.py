"""What the command line does with channels: the same checks as the channel form."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mingzhu.core.actions import action_atomic

from . import outbox
from .choices import ChannelKind
from .forms import check_channel, clean_url
from .models import Channel, Delivery


def _unit(name: str):
    from mingzhu.org.models import OrgUnit

    units = list(OrgUnit.objects.filter(name=(name or "").strip())[:2])
    if not units:
        raise ValidationError(_("There is no unit named %(name)s.") % {"name": name})
    if len(units) > 1:
        raise ValidationError(_("More than one unit is named %(name)s.") % {"name": name})
    return units[0]


def add_webhook(
    *, unit_name: str, kind: str, url: str, secret: str = "", name: str = ""
) -> Channel:
    """Register a unit's group robot (企业微信 or 钉钉)."""
    unit = _unit(unit_name)
    if kind not in (ChannelKind.WECOM, ChannelKind.DINGTALK):
        raise ValidationError(_("The kind must be wecom or dingtalk."))
    url = clean_url(url)
    errors = check_channel(kind=kind, unit=unit, url=url, stored_url="", params="")
    if errors:
        raise ValidationError(list(errors.values()))
    with action_atomic():
        channel = Channel(
            name=name or f"{unit.name}{ChannelKind(kind).label}",
            kind=kind,
            unit=unit,
        )
        channel.url = url
        channel.secret = secret
        channel.full_clean()
        channel.save()
    return channel


def test_unit(*, unit_name: str, send: bool = False) -> list[Delivery]:
    """A test message to each of the unit's active group robots; with ``send``, sent at
    once (else the worker sends it)."""
    unit = _unit(unit_name)
    channels = list(Channel.objects.filter(unit=unit, is_active=True))
    if not channels:
        raise ValidationError(_("%(unit)s has no active group robot.") % {"unit": unit.name})
    deliveries = [outbox.test_message(channel, actor=None) for channel in channels]
    if send:
        worker = "cli-test"
        for delivery in outbox.claim(worker=worker, ids=[d.pk for d in deliveries]):
            outbox.deliver(delivery, worker=worker)
    return list(
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).select_related("channel")
    )
