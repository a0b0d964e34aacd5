"""The client's address, and what else a request may say about itself, trusted only
when it comes from the reverse proxy the server runs behind.

Without ``MINGZHU_BEHIND_PROXY`` the address is the connection's (``REMOTE_ADDR``) and
forwarded headers are ignored: anybody may write them. Behind the proxy (``nginx`` with
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``) a request whose
connection comes from one of ``MINGZHU_TRUSTED_PROXIES`` carries the client's address as
the last entry of ``X-Forwarded-For`` (the one the proxy appended: entries before it are
whatever the client sent). Login throttling, the audit trail and the request id all use
this one answer.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def from_trusted_proxy(request) -> bool:
    """True when the server runs behind a proxy and this connection comes from it."""
    if not getattr(settings, "BEHIND_PROXY", False):
        return False
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    return peer is not None and peer in set(settings.TRUSTED_PROXIES)


def client_address(request) -> str | None:
    """The client's address: the connection's, or behind the trusted proxy the address
    the proxy appended to ``X-Forwarded-For``."""
    peer = request.META.get("REMOTE_ADDR", "")
    if from_trusted_proxy(request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        client = _address(forwarded[-1]) if forwarded and forwarded[-1].strip() else None
        if client is not None:
            return client
    return _address(peer) or peer or None
