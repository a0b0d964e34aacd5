"""Personal data (phone numbers, ID numbers, names of requesters): stored encrypted,
shown masked, looked up by a keyed digest.

Encryption is Fernet from the ``cryptography`` package (AES-128-CBC with an HMAC-SHA256
tag: authenticated, a fresh IV per value). Keys are derived from
``settings.PERSONAL_DATA_KEY`` (``MINGZHU_PERSONAL_DATA_KEY``) when set, else from
``SECRET_KEY``: rotating that key makes stored values unreadable, so production should set
a dedicated key and keep it with the database backups.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

VERSION = "f1"

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
ID_RE = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


class TamperedError(ValueError):
    """The stored value was changed or encrypted under another key."""


def _key(purpose: str) -> bytes:
    secret = getattr(settings, "PERSONAL_DATA_KEY", None) or settings.SECRET_KEY
    return hmac.new(secret.encode(), f"mingzhu.livelihood.{purpose}".encode(), "sha256").digest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key("enc")))


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    return f"{VERSION}:" + _fernet().encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored:
        return ""
    version, _sep, payload = stored.partition(":")
    if version != VERSION:
        raise TamperedError("unknown format")
    try:
        return _fernet().decrypt(payload.encode()).decode()
    except InvalidToken as exc:
        raise TamperedError("tag mismatch") from exc


def digest(plain: str) -> str:
    """A keyed digest for finding the same number again without storing it."""
    if not plain:
        return ""
    return hmac.new(_key("digest"), plain.encode(), hashlib.sha256).hexdigest()[:32]


def mask_phone(phone: str) -> str:
    """138****5678; landlines keep their area code and last four digits."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_id(number: str) -> str:
    """321182********1234."""
    if not number:
        return ""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_name(name: str) -> str:
    """张** — the family name only; always two stars, so the mask does not tell the
    name's length."""
    if not name:
        return ""
    return name[0] + "**"


def clean_phone(value: str) -> str:
    phone = re.sub(r"[\s()]", "", value or "")
    if not PHONE_RE.match(phone):
        raise ValidationError(
            _("%(value)s is not a phone number (11-digit mobile or landline with area code).")
            % {"value": value},
            code="bad_phone",
        )
    return phone


def clean_id_number(value: str) -> str:
    number = (value or "").strip().upper()
    if not ID_RE.match(number):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a digit or X."))
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != number[-1]:
        raise ValidationError(_("The check digit of this ID number is wrong."))
    return number


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]
