"""The scoring of a scheme as a pure function over a table: units with
their item values and bonus counts in, scores, ranks and flags out. The same function
serves the quarterly job, the pages and `mingzhu appraise flags --input FILE`.

Streaks are a second pure function over the published history.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from mingzhu.core import numbers
from mingzhu.core.periods import previous_quarter

from .choices import (
    MIN_UNITS_FOR_YELLOW,
    RED_FOR_KEEPS,
    YELLOW_FOR_INTERVIEW,
    Colour,
    Method,
)

PRECISION = 6  # scores are compared after rounding: 0.1 + 0.2 ties with 0.3


@dataclass(frozen=True)
class ItemSpec:
    code: str
    name: str
    weight: float
    cap: float | None = None
    lower_is_better: bool = False


def is_rate(name: str) -> bool:
    """An item named as a rate (投资完成率, 满意率: the name ends in 率) holds a fraction
    (0.19); pages and notices show it in per cent."""
    return name.endswith("率")


def item_text(name: str, value) -> str:
    """An item's value as pages and notices show it: a rate in per cent (19%, 18.75%),
    anything else as a number (2.5, 608); missing as "—"."""
    return numbers.percent(value, None) if is_rate(name) else numbers.number(value)


def result_table(rows: Iterable, items: Sequence, flags: dict) -> list[dict]:
    """A stored result's rows (in rank order) as its page lists them: each row with its
    items' values as shown (``item_text``), their points and the unit's flag (``flags``:
    unit id -> flag, None without)."""
    return [
        {
            "row": r,
            "values": [item_text(i.name, r.items.get(i.code)) for i in items],
            "points": [r.points.get(i.code) for i in items],
            "award": flags.get(r.unit_id),
        }
        for r in rows
    ]


@dataclass(frozen=True)
class RuleSpec:
    """Points added (or, when negative, taken) for each counted occurrence of ``code``."""

    code: str
    name: str
    points: float


@dataclass(frozen=True)
class SchemeSpec:
    code: str
    version: int
    name: str
    method: str
    items: tuple[ItemSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    tie_break: tuple[str, ...] = ()
    awards_flags: bool = True

    def label(self) -> str:
        return f"{self.name} v{self.version}"


@dataclass(frozen=True)
class UnitInput:
    unit: str  # the unit's code
    name: str
    values: dict[str, float | None]
    counts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreRow:
    unit: str
    name: str
    score: float
    rank: int
    items: dict[str, float | None]  # the values, capped where the scheme caps them
    points: dict[str, float]  # the points each item earned
    bonus: float
    flag: str = ""


def _matrix(units: Sequence[UnitInput], items: Sequence[ItemSpec]) -> np.ndarray:
    """Values as floats, NaN where missing, capped."""
    m = np.array(
        [
            [np.nan if u.values.get(i.code) is None else float(u.values[i.code]) for i in items]
            for u in units
        ],
        dtype=float,
    ).reshape(len(units), len(items))
    caps = np.array([np.inf if i.cap is None else i.cap for i in items], dtype=float)
    return np.minimum(m, caps)


def _points(values: np.ndarray, scheme: SchemeSpec) -> np.ndarray:
    weights = np.array([i.weight for i in scheme.items], dtype=float)
    lower = np.array([i.lower_is_better for i in scheme.items], dtype=bool)
    if scheme.method == Method.SHARE_OF_MAX:
        filled = np.nan_to_num(values, nan=0.0)
        best = filled.max(axis=0) if len(filled) else np.zeros(len(weights))
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(best > 0, filled / best, 0.0)
            # Lower is better: the share of the gap to the largest value; all zero is best.
            share = np.where(lower, np.where(best > 0, 1 - filled / best, 1.0), share)
        return share * weights
    if scheme.method == Method.RATE:
        rate = np.where(lower, 1 - values, values)
        present = ~np.isnan(values)
        earned = np.where(present, rate * weights, 0.0)
        applicable = (present * weights).sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(applicable > 0, weights.sum() / applicable, 0.0)
        return earned * scale
    raise ValueError(f"unknown scoring method {scheme.method!r}")


def score(units: Sequence[UnitInput], scheme: SchemeSpec) -> list[ScoreRow]:
    """Score, rank and flag the units. Ranks follow the score, then the scheme's
    tie-break items (higher first), then the unit code; the first gets the red flag,
    the last the yellow flag (none with fewer than three units)."""
    if not units:
        return []
    codes = [u.unit for u in units]
    if len(set(codes)) != len(codes):
        raise ValueError("each unit may appear only once")
    values = _matrix(units, scheme.items)
    points = _points(values, scheme)
    bonus = np.array(
        [sum(r.points * float(u.counts.get(r.code, 0) or 0) for r in scheme.rules) for u in units],
        dtype=float,
    )
    totals = np.round(points.sum(axis=1) + bonus, PRECISION)
    index = {i.code: k for k, i in enumerate(scheme.items)}
    tie_columns = [np.nan_to_num(values[:, index[c]], nan=-np.inf) for c in scheme.tie_break]
    # np.lexsort sorts by the last key first, ascending: negate for "higher first".
    order = np.lexsort((np.array(codes), *[-c for c in reversed(tie_columns)], -totals))
    n = len(units)
    # Plain Python values for the rows: one conversion, not one per cell.
    value_rows = values.tolist()
    point_rows = np.round(points, PRECISION).tolist()
    bonus_list = np.round(bonus, PRECISION).tolist()
    total_list = totals.tolist()
    codes_of_items = [i.code for i in scheme.items]
    rows = []
    for rank, k in enumerate(order.tolist(), start=1):
        flag = ""
        if scheme.awards_flags and rank == 1:
            flag = Colour.RED
        elif scheme.awards_flags and rank == n and n >= MIN_UNITS_FOR_YELLOW:
            flag = Colour.YELLOW
        u = units[k]
        rows.append(
            ScoreRow(
                unit=u.unit,
                name=u.name,
                score=total_list[k],
                rank=rank,
                items={
                    c: None if math.isnan(v) else v
                    for c, v in zip(codes_of_items, value_rows[k], strict=True)
                },
                points=dict(zip(codes_of_items, point_rows[k], strict=True)),
                bonus=bonus_list[k],
                flag=flag,
            )
        )
    return rows


def red_and_yellow(rows: Iterable[ScoreRow]) -> tuple[list[str], list[str]]:
    rows = list(rows)
    return (
        [r.unit for r in rows if r.flag == Colour.RED],
        [r.unit for r in rows if r.flag == Colour.YELLOW],
    )


@dataclass(frozen=True)
class Streak:
    quarter: tuple[int, int]
    unit: str
    colour: str
    streak: int  # quarters running with this colour, this one included

    @property
    def interview(self) -> bool:
        """A yellow flag two quarters running: the town's head is interviewed (约谈)."""
        return self.colour == Colour.YELLOW and self.streak >= YELLOW_FOR_INTERVIEW

    @property
    def kept_for_good(self) -> bool:
        """A red flag three quarters running is kept for good (永久保留)."""
        return self.colour == Colour.RED and self.streak >= RED_FOR_KEEPS


def streaks(history: Iterable[tuple[tuple[int, int], str, str]]) -> list[Streak]:
    """From (quarter, unit, colour) of every published flag, each flag with the number
    of quarters running the unit has held that colour. A quarter without a published
    result breaks the run."""
    held = {(quarter, unit, colour) for quarter, unit, colour in history}
    result = []
    for quarter, unit, colour in sorted(held):
        n, q = 1, previous_quarter(quarter)
        while (q, unit, colour) in held:
            n += 1
            q = previous_quarter(q)
        result.append(Streak(quarter, unit, colour, n))
    return result
