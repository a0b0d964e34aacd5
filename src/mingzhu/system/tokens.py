"""API tokens: made and revoked by their owner, checked on every API request.

A key is ``mz_`` and 40 random characters; only its SHA-256 digest is stored, so it is
shown once, when made. A token expires (at most ``api.token_max_days`` after it is made),
may be revoked, may be limited to reading (GET, HEAD, OPTIONS) and to some modules: an
endpoint belongs to the module whose ``api`` module defines its view
(``mingzhu.grid.api`` → ``grid``).

Tokens of Django REST framework's table (made before these existed, by ``mingzhu token``
of earlier versions) keep the owner's whole power until the day of the parameter
``api.legacy_tokens_until``, which the upgrade's migration sets to
``MINGZHU_LEGACY_TOKEN_DAYS`` (90 by default) days after it runs; after that day they are
refused.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions

from . import params
from .models import ApiToken, digest

PREFIX = "mz_"
# last_used_at is written at most this often per token: not a write per request.
TOUCH_EVERY = dt.timedelta(minutes=5)


def module_choices() -> list[tuple[str, str]]:
    """The modules a token may be limited to: the apps that publish API endpoints."""
    from django.apps import apps

    names = []
    for config in apps.get_app_configs():
        if not config.name.startswith("mingzhu."):
            continue
        try:
            __import__(f"{config.name}.api")
        except ImportError:
            continue
        if config.label != "core":
            names.append((config.label, str(config.verbose_name)))
    return sorted(names)


def create(*, user, name: str, days: int, read_only: bool, modules: list[str]):
    """A new token of ``user`` and its key (shown once)."""
    key = PREFIX + secrets.token_urlsafe(30)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            key_digest=digest(key),
            prefix=key[:8],
            expires_at=now + dt.timedelta(days=days),
            read_only=read_only,
            modules=sorted(modules),
        )
    return token, key


def revoke(token: ApiToken) -> None:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])


def module_of(view) -> str | None:
    """The module an API view belongs to (``None``: the platform's own, e.g. the schema)."""
    parts = type(view).__module__.split(".")
    if len(parts) > 1 and parts[0] == "mingzhu" and parts[1] != "core":
        return parts[1]
    return None


def check(token: ApiToken, request):
    """Refuse the request if the token is dead or does not reach what is asked."""
    now = timezone.now()
    if token.revoked_at is not None:
        raise exceptions.AuthenticationFailed(_("This API token has been revoked."))
    if token.expires_at <= now:
        raise exceptions.AuthenticationFailed(_("This API token has expired."))
    if token.read_only and request.method not in permissions.SAFE_METHODS:
        raise exceptions.PermissionDenied(_("This API token may only read."))
    view = (getattr(request, "parser_context", None) or {}).get("view")
    module = module_of(view) if view is not None else None
    if token.modules and module is not None and module not in token.modules:
        raise exceptions.PermissionDenied(
            _("This API token does not reach the module %(module)s.") % {"module": module}
        )
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def check_legacy() -> None:
    """Refuse a token of the old table once its day has passed."""
    until = params.value("api.legacy_tokens_until")
    if until is not None and timezone.localdate() > until:
        raise exceptions.AuthenticationFailed(
            _("This API token is of the old kind and expired on %(day)s; make a new one.")
            % {"day": until.isoformat()}
        )


def authenticate(key: str, request):
    """The user and token of an ``Authorization: Token <key>`` header, or a refusal."""
    invalid = exceptions.AuthenticationFailed(_("Invalid API token."))
    if key.startswith(PREFIX):
        token = ApiToken.objects.select_related("user").filter(key_digest=digest(key)).first()
        if token is None or not token.user.is_active:
            raise invalid
        check(token, request)
        return token.user, token
    from rest_framework.authtoken.models import Token

    token = Token.objects.select_related("user").filter(key=key).first()
    if token is None or not token.user.is_active:
        raise invalid
    check_legacy()
    return token.user, token
