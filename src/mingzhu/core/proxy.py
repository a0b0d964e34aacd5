"""The client's address, and what else a request may say about itself, trusted only
when it comes from the reverse proxy the server runs behind.

Without ``MINGZHU_BEHIND_PROXY`` the address is the connection's (``REMOTE_ADDR``) and
forwarded headers are ignored: anybody may write them. Behind the proxy (``nginx`` with
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``) a request whose
connection comes from one of ``MINGZHU_TRUSTED_PROXIES`` carries the client's address as
the last entry of ``X-Forwarded-For`` (the one the proxy appended: entries before it are
whatever the client sent). Login throttling, the audit trail and the request id all use
this one answer.

The scheme (``https`` behind a TLS-terminating proxy) is decided by the WSGI server
``mingzhu serve`` runs (:func:`gunicorn_options`, :func:`waitress_options`): it reads
``X-Forwarded-Proto`` only on connections from the same trusted proxies, so that a page
asked for over https through the proxy is not redirected to itself, and a caller that
reaches the server directly cannot claim https.
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


# The header the proxy tells the scheme in, and the value that means https.
SCHEME_HEADER = ("X-Forwarded-Proto", "https")


def trusted_proxies() -> list[str]:
    """The proxies whose headers are honoured: none unless ``MINGZHU_BEHIND_PROXY``."""
    if not getattr(settings, "BEHIND_PROXY", False):
        return []
    return [a for a in (_address(p) for p in settings.TRUSTED_PROXIES) if a is not None]


def gunicorn_options() -> dict:
    """gunicorn's settings for the trusted proxies: the scheme header is read only on
    their connections (an empty list trusts nobody). gunicorn leaves ``REMOTE_ADDR`` the
    connection's; :func:`client_address` reads ``X-Forwarded-For``."""
    name, value = SCHEME_HEADER
    return {
        "forwarded_allow_ips": ",".join(trusted_proxies()),
        "secure_scheme_headers": {name.upper(): value} if trusted_proxies() else {},
    }


def waitress_options() -> dict:
    """waitress's settings for the trusted proxies. waitress trusts one address (or
    ``*``); with several, ``*`` and :func:`only_trusted_scheme` around the application
    puts the scheme back for the others. Only the scheme header is translated: the
    other forwarded headers are left for :func:`client_address` (which checks the
    connection itself), so ``REMOTE_ADDR`` stays the connection's as under gunicorn."""
    proxies = trusted_proxies()
    if not proxies:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": proxies[0] if len(proxies) == 1 else "*",
        "trusted_proxy_headers": {SCHEME_HEADER[0].lower()},
        "clear_untrusted_proxy_headers": False,
    }


def only_trusted_scheme(application):
    """WSGI wrapper: on a connection from anybody but a trusted proxy the scheme is
    ``http`` (the server itself speaks no TLS), whatever headers the caller sent."""
    proxies = set(trusted_proxies())

    def wrapped(environ, start_response):
        if _address(environ.get("REMOTE_ADDR", "")) not in proxies:
            environ["wsgi.url_scheme"] = "http"
        return application(environ, start_response)

    return wrapped
