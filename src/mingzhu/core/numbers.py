"""Numbers as people write them, for pages, notices (.docx) and text exports.

One set of rules, used by the template filters ``number``, ``percent`` and ``amount``
(``{% load mingzhu %}``) and by the code that writes documents:

- ``number(608.0000)`` → ``608``; ``number(660.1887)`` → ``660.19`` (at most two decimals,
  trailing zeros dropped); ``number(2.0014, 1)`` → ``2.0`` (exactly that many decimals);
  ``number(3323300.0)`` → ``3,323,300`` (thousands grouped).
- ``percent(0.5)`` → ``50.0%``: a rate stored as a fraction, shown in per cent;
  ``percent(0.19, 0)`` → ``19%``.
- ``amount(27750, "万元")`` → ``27,750 万元``: a number with its unit.

None and the empty string show as "—"; a value that is not a number is shown as it is.
Spreadsheets keep real numbers (``mingzhu.core.excel`` gives them number formats).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

EMPTY = "—"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def number(value: Any, digits: int | str | None = None) -> str:
    """The value with its thousands grouped: ``digits`` decimals exactly, or (without
    ``digits``) at most two, trailing zeros dropped."""
    parsed = _decimal(value)
    if parsed is None:
        return EMPTY if value is None or value == "" else str(value)
    places = 2 if digits is None or digits == "" else max(int(digits), 0)
    rounded = parsed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # no "-0.0"
    text = f"{rounded:,.{places}f}"
    if (digits is None or digits == "") and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(value: Any, digits: int | str = 1) -> str:
    """A rate kept as a fraction (0.5) in per cent: ``50.0%``."""
    parsed = _decimal(value)
    if parsed is None:
        return EMPTY if value is None or value == "" else str(value)
    return f"{number(parsed * 100, digits)}%"


def amount(value: Any, unit: str = "") -> str:
    """A number (at most two decimals) followed by its unit: ``27,750 万元``."""
    text = number(value)
    if text == EMPTY or not unit:
        return text
    return f"{text} {unit}"
