"""Personal data (phone numbers, ID numbers, names of requesters): stored encrypted,
shown masked, looked up by a keyed digest.

Encryption is ``core.crypto`` (Fernet, keys derived from ``MINGZHU_PERSONAL_DATA_KEY``
or ``SECRET_KEY``; see there).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mingzhu.core import crypto

VERSION = crypto.VERSION
TamperedError = crypto.TamperedError

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
ID_RE = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def _key(purpose: str) -> bytes:
    return crypto.derived_key(f"mingzhu.livelihood.{purpose}")


def encrypt(plain: str) -> str:
    return crypto.encrypt(plain, "mingzhu.livelihood.enc")


def decrypt(stored: str) -> str:
    return crypto.decrypt(stored, "mingzhu.livelihood.enc")


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
