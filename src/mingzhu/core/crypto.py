"""Values kept encrypted at rest (personal data, the channels' secrets): Fernet from the
``cryptography`` package (AES-128-CBC with an HMAC-SHA256 tag, a fresh IV per value), with
keys derived from ``settings.PERSONAL_DATA_KEY`` (``MINGZHU_PERSONAL_DATA_KEY``) when set,
else from ``SECRET_KEY``, one key per purpose. Rotating that key makes stored values
unreadable: production sets a dedicated key and keeps it with the database backups."""

from __future__ import annotations

import base64
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

VERSION = "f1"


class TamperedError(ValueError):
    """The stored value was changed or encrypted under another key."""


def derived_key(purpose: str) -> bytes:
    """A key for one purpose ("mingzhu.livelihood.enc", "mingzhu.notify.enc" …)."""
    secret = getattr(settings, "PERSONAL_DATA_KEY", None) or settings.SECRET_KEY
    return hmac.new(secret.encode(), purpose.encode(), "sha256").digest()


def _fernet(purpose: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(derived_key(purpose)))


def encrypt(plain: str, purpose: str) -> str:
    if not plain:
        return ""
    return f"{VERSION}:" + _fernet(purpose).encrypt(plain.encode()).decode()


def decrypt(stored: str, purpose: str) -> str:
    if not stored:
        return ""
    version, _sep, payload = stored.partition(":")
    if version != VERSION:
        raise TamperedError("unknown format")
    try:
        return _fernet(purpose).decrypt(payload.encode()).decode()
    except InvalidToken as exc:
        raise TamperedError("tag mismatch") from exc
