"""The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
31-character alphabet (digits and capitals without I, O, Z, S, V), the last one a check
character over the first 17."""

from __future__ import annotations

from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


class CreditCodeError(ValueError):
    pass


def check_character(body: str) -> str:
    """The check character for the first 17 characters."""
    total = sum(VALUES[c] * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(code: str) -> str:
    """The code, upper-cased and stripped, if it is well formed; CreditCodeError if not.
    Lower-case letters are accepted as the same code (people type them)."""
    text = str(code or "").strip().upper()
    if len(text) != LENGTH:
        raise CreditCodeError(
            _("A credit code has 18 characters; this one has %(n)s.") % {"n": len(text)}
        )
    bad = sorted({c for c in text if c not in VALUES})
    if bad:
        raise CreditCodeError(
            _("Characters not allowed in a credit code: %(chars)s") % {"chars": " ".join(bad)}
        )
    if check_character(text[:17]) != text[17]:
        raise CreditCodeError(_("The check character of the credit code is wrong."))
    return text


def is_valid(code: str) -> bool:
    try:
        validate(code)
    except CreditCodeError:
        return False
    return True


def complete(body: str) -> str:
    """The full code for 17 characters (used to make illustrative codes)."""
    return body + check_character(body)
