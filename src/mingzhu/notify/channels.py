"""One small adapter per kind of channel: ``send(channel, message)`` sends one message or
raises ``SendError`` with a message a person can read. HTTP through the standard library;
nothing is contacted but the configured address.

- 企业微信 group robot: POST JSON ``{"msgtype": "text", "text": {"content": …,
  "mentioned_mobile_list": […]}}`` or ``{"msgtype": "markdown", "markdown": {"content": …}}``;
  the answer ``{"errcode": 0}`` means sent.
- 钉钉 custom robot: POST JSON ``{"msgtype": "text", "text": {"content": …}, "at":
  {"atMobiles": […], "isAtAll": false}}`` or the markdown form (``title``, ``text``); with
  a signing secret, ``timestamp`` (milliseconds) and ``sign`` =
  base64(HMAC-SHA256(secret, "{timestamp}\\n{secret}")), URL-encoded, are added to the
  address's query.
- SMS gateway: the configured method and parameters (``{phone}``, ``{text}``,
  ``{secret}`` filled in), GET as a query, POST as a form; sent when the answer is 2xx and
  contains the success condition, if one is set.
- E-mail: Django's mail settings.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from mingzhu.core.crypto import TamperedError

from .choices import ChannelKind, HttpMethod

TIMEOUT = 10  # seconds for one request


class SendError(Exception):
    """The message was not sent; the text says why (shown in the delivery log)."""


@dataclass
class Message:
    title: str
    text: str
    address: str = ""  # a phone number or an e-mail address (personal channels)
    mentions: list[str] = field(default_factory=list)  # mobiles to @ in a group


def _post_json(url: str, payload: dict) -> tuple[int, str]:
    body = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    return _open(request)


def _open(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return answer.status, answer.read(65536).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        text = exc.read(2000).decode("utf-8", "replace") if exc.fp else ""
        raise SendError(
            _("HTTP %(status)s: %(text)s") % {"status": exc.code, "text": text[:300]}
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SendError(_("Cannot reach the address: %(reason)s") % {"reason": reason}) from None


def _robot_answer(status: int, text: str) -> None:
    """Both robots answer 200 with ``{"errcode": 0, "errmsg": "ok"}`` when sent."""
    try:
        answer = json.loads(text)
    except ValueError:
        raise SendError(_("Unexpected answer: %(text)s") % {"text": text[:300]}) from None
    if not isinstance(answer, dict) or answer.get("errcode") != 0:
        raise SendError(_("Refused by the platform: %(text)s") % {"text": json.dumps(answer)[:300]})


def wecom_payload(message: Message, markdown: bool) -> dict:
    if markdown:
        return {"msgtype": "markdown", "markdown": {"content": message.text}}
    text = {"content": message.text}
    if message.mentions:
        text["mentioned_mobile_list"] = list(message.mentions)
    return {"msgtype": "text", "text": text}


def dingtalk_payload(message: Message, markdown: bool) -> dict:
    at = {"atMobiles": list(message.mentions), "isAtAll": False}
    if markdown:
        return {
            "msgtype": "markdown",
            "markdown": {"title": message.title, "text": message.text},
            "at": at,
        }
    return {"msgtype": "text", "text": {"content": message.text}, "at": at}


def dingtalk_sign(secret: str, timestamp: int) -> str:
    """钉钉's signature of a request: base64(HMAC-SHA256(secret, "{timestamp}\\n{secret}"))."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_url(url: str, secret: str, timestamp: int | None = None) -> str:
    timestamp = timestamp if timestamp is not None else int(time.time() * 1000)
    query = urllib.parse.urlencode(
        {"timestamp": timestamp, "sign": dingtalk_sign(secret, timestamp)}
    )
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _send_wecom(channel, message: Message) -> None:
    _robot_answer(*_post_json(channel.url, wecom_payload(message, channel.markdown)))


def _send_dingtalk(channel, message: Message) -> None:
    url = channel.url
    if channel.secret:
        url = signed_url(url, channel.secret)
    _robot_answer(*_post_json(url, dingtalk_payload(message, channel.markdown)))


def sms_params(template: str, *, phone: str, text: str, secret: str) -> dict[str, str]:
    """The gateway's parameters with the placeholders filled in."""
    try:
        params = json.loads(template or "{}")
    except ValueError:
        raise SendError(_("The gateway's parameters are not valid JSON.")) from None
    if not isinstance(params, dict):
        raise SendError(_("The gateway's parameters are not valid JSON."))
    values = {"phone": phone, "text": text, "secret": secret}
    filled = {}
    for name, value in params.items():
        value = str(value)
        for placeholder, given in values.items():
            value = value.replace("{" + placeholder + "}", given)
        filled[str(name)] = value
    return filled


def _send_sms(channel, message: Message) -> None:
    if not message.address:
        raise SendError(_("The person has no mobile number."))
    params = sms_params(
        channel.params, phone=message.address, text=message.text, secret=channel.secret
    )
    encoded = urllib.parse.urlencode(params)
    url = channel.url
    if channel.method == HttpMethod.GET:
        request = urllib.request.Request(f"{url}{'&' if '?' in url else '?'}{encoded}")
    else:
        request = urllib.request.Request(
            url,
            data=encoded.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
    _status, text = _open(request)
    if channel.success_text and channel.success_text not in text:
        raise SendError(_("The gateway did not confirm: %(text)s") % {"text": text[:300]})


def _send_email(channel, message: Message) -> None:
    if not message.address:
        raise SendError(_("The person has no e-mail address."))
    try:
        send_mail(message.title, message.text, None, [message.address])
    except (OSError, ValueError) as exc:
        raise SendError(_("The mail server refused: %(reason)s") % {"reason": exc}) from None


ADAPTERS = {
    ChannelKind.WECOM: _send_wecom,
    ChannelKind.DINGTALK: _send_dingtalk,
    ChannelKind.SMS: _send_sms,
    ChannelKind.EMAIL: _send_email,
}


def send(channel, message: Message) -> None:
    """Send one message through the channel; ``SendError`` says why it was not sent."""
    try:
        ADAPTERS[channel.kind](channel, message)
    except TamperedError:
        raise SendError(_("The channel's stored secret cannot be read (another key?).")) from None
