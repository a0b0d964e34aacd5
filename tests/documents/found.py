"""What the decomposer finds in a text, as plain tuples the form tests compare."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose


def dated_targets(text: str) -> list[tuple[str, str | None, Decimal, str, str | None]]:
    """Each numeric target: indicator, comparator, value, unit, deadline (ISO) or None."""
    return [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline and t.deadline.isoformat())
        for t in decompose(text).targets
    ]


def dated_rows(text: str) -> list[tuple[str, str, str | None]]:
    """Each task row: title, the lead unit the text names, deadline (ISO) or None."""
    return [
        (i.title, i.named_lead, i.deadline and i.deadline.isoformat())
        for s in decompose(text).sections
        for i in s.items
    ]


def undated_targets(text: str) -> list[tuple[str, str | None, Decimal, str]]:
    """Each numeric target without its deadline: indicator, comparator, value, unit."""
    return [(n, c, v, u) for n, c, v, u, _d in dated_targets(text)]


def titles(text: str) -> list[str]:
    """The title of each task row."""
    return [i.title for i in decompose(text).items]


def target_set(text: str) -> set[tuple[str, str | None, str, str, str]]:
    """The numeric targets as a set: indicator, comparator, value and deadline as text."""
    return {(n, c, str(v), u, str(d)) for n, c, v, u, d in dated_targets(text)}
