"""Pure computations of the rural module: quarterly rankings, the completed share of
natural villages, facility coverage and on-time repairs.

Nothing here reads the clock or the database: each function takes plain rows (and an
``as_of`` date where time matters) and returns plain results, so pages, the API, the
.docx notice and a spreadsheet share the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from mingzhu.core.periods import parse_quarter, quarter_bounds, quarter_of  # noqa: F401
from mingzhu.tasks.choices import Status
from mingzhu.tasks.services import closed_on_time

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def quantise(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- rankings


@dataclass(frozen=True)
class InspectionRow:
    """One inspection: the village, the points it scored and the sheet's maximum."""

    village_id: Hashable
    total: Decimal
    max_points: Decimal


@dataclass(frozen=True)
class RankRow:
    unit_id: Hashable
    score: Decimal | None  # on a 100-point scale; None: not inspected
    rank: int | None  # None: not inspected, not ranked
    inspections: int = 0


def normalised(total: Decimal, max_points: Decimal) -> Decimal:
    """A sheet's points on a 100-point scale, so that sheets of different sizes (a sheet
    changed mid-year) compare."""
    if max_points <= 0:
        raise ValueError("a scoring sheet must have points")
    return Decimal(total) * HUNDRED / Decimal(max_points)


def inspection_totals(scores: Iterable[tuple[Decimal, Decimal]]) -> dict:
    """An inspection's total and maximum from (score, the item's points) pairs, and the
    total on a 100-point scale (None when the items carry no points)."""
    scores = list(scores)
    total = sum((score for score, _points in scores), 0)
    maximum = sum((points for _score, points in scores), 0)
    return {
        "total": total,
        "maximum": maximum,
        "normalised": quantise(normalised(total, maximum)) if maximum else None,
    }


def competition_ranks(scores: Mapping[Hashable, Decimal | None]) -> dict[Hashable, int | None]:
    """Standard competition ranking (1, 2, 2, 4): equal scores share a rank, the next rank
    skips; units without a score get None."""
    scored = sorted((s for s in scores.values() if s is not None), reverse=True)
    first = {}
    for position, score in enumerate(scored, start=1):
        first.setdefault(score, position)
    return {unit: (None if s is None else first[s]) for unit, s in scores.items()}


def _rows(scores: dict, counts: dict, order: list) -> list[RankRow]:
    ranks = competition_ranks(scores)
    rows = [RankRow(u, scores[u], ranks[u], counts.get(u, 0)) for u in order]
    # Ranked first by rank, then the not inspected, each in the given order.
    position = {u: i for i, u in enumerate(order)}
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, position[r.unit_id]))


def rank_villages(
    villages: Iterable[tuple[Hashable, Hashable]], inspections: Iterable[InspectionRow]
) -> tuple[list[RankRow], list[RankRow]]:
    """The quarter's ranking of villages and of towns.

    ``villages``: (village id, town id) of every village to rank, in display order;
    ``inspections``: the quarter's inspections. A village's score is the mean of its
    inspections on a 100-point scale, rounded to 0.01; a town's is the mean of its
    inspected villages' scores. A village without an inspection is listed as not
    inspected, without a rank (never ranked as 0); so is a town none of whose villages
    was inspected.
    """
    villages = list(villages)
    per_village: dict[Hashable, list[Decimal]] = defaultdict(list)
    for row in inspections:
        per_village[row.village_id].append(normalised(row.total, row.max_points))
    village_scores = {
        v: quantise(sum(per_village[v]) / len(per_village[v])) if per_village.get(v) else None
        for v, _town in villages
    }
    counts = {v: len(per_village.get(v, ())) for v, _town in villages}
    town_order: list = []
    members: dict[Hashable, list[Decimal]] = defaultdict(list)
    town_counts: dict[Hashable, int] = defaultdict(int)
    for v, town in villages:
        if town not in members:
            town_order.append(town)
            members[town] = []
        if village_scores[v] is not None:
            members[town].append(village_scores[v])
            town_counts[town] += 1
    town_scores = {
        t: quantise(sum(members[t]) / len(members[t])) if members[t] else None for t in town_order
    }
    village_rows = _rows(village_scores, counts, [v for v, _t in villages])
    # A town's "inspections" count is the number of its villages inspected.
    town_rows = _rows(town_scores, town_counts, town_order)
    return village_rows, town_rows


# ---------------------------------------------------------------- living environment


@dataclass(frozen=True)
class Share:
    unit_id: Hashable
    completed: int
    total: int
    target: Decimal  # %

    @property
    def share(self) -> Decimal | None:
        return None if not self.total else quantise(Decimal(self.completed) * HUNDRED / self.total)

    @property
    def meets_target(self) -> bool:
        return self.share is not None and self.share >= self.target


def completed_natural_villages(items: Iterable[tuple[Hashable, str]]) -> set[Hashable]:
    """Natural villages all of whose remediation tasks are closed (cancelled ones do not
    count); one with no live task is not complete. ``items``: (natural village, task
    status)."""
    done: dict[Hashable, bool] = {}
    for nv, status in items:
        if status != Status.CANCELLED:
            done[nv] = done.get(nv, True) and status == Status.CLOSED
    return {nv for nv, ok in done.items() if ok}


def completion_shares(
    natural_villages: Iterable[tuple[Hashable, Hashable, Hashable]],
    completed: set[Hashable],
    target: Decimal,
) -> dict[str, list[Share]]:
    """The share of natural villages completed, by village, by town and for the city.
    ``natural_villages``: (natural village, village, town) of every natural village in
    the programme, in display order."""
    by_village: dict = {}
    by_town: dict = {}
    done_v: dict = defaultdict(int)
    done_t: dict = defaultdict(int)
    total = done = 0
    for nv, village, town in natural_villages:
        by_village[village] = by_village.get(village, 0) + 1
        by_town[town] = by_town.get(town, 0) + 1
        total += 1
        if nv in completed:
            done_v[village] += 1
            done_t[town] += 1
            done += 1
    return {
        "villages": [Share(v, done_v[v], n, target) for v, n in by_village.items()],
        "towns": [Share(t, done_t[t], n, target) for t, n in by_town.items()],
        "city": [Share(None, done, total, target)],
    }


# ---------------------------------------------------------------- facilities


def _grouped(keys: np.ndarray, values: np.ndarray) -> dict:
    """Sum of ``values`` per distinct key (vectorised)."""
    if keys.size == 0:
        return {}
    uniq, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=values, minlength=uniq.size)
    counts = np.bincount(inverse, minlength=uniq.size)
    return {uniq[i].item(): (int(sums[i]), int(counts[i])) for i in range(uniq.size)}


def rate(numerator: int, denominator: int) -> Decimal | None:
    return None if not denominator else quantise(Decimal(numerator) * HUNDRED / denominator)


def coverage(rows: Iterable[tuple[int, int, bool]]) -> dict[str, dict]:
    """Facilities with a maintainer / facilities, by town and by type. ``rows``: (town
    id, type id, has a maintainer) of each facility in use."""
    data = np.array(list(rows), dtype=np.int64).reshape(-1, 3)
    out = {}
    for name, col in (("towns", 0), ("types", 1)):
        out[name] = {
            key: {"covered": s, "total": n, "rate": rate(s, n)}
            for key, (s, n) in _grouped(data[:, col], data[:, 2]).items()
        }
    covered, total = int(data[:, 2].sum()), int(data.shape[0])
    out["city"] = {"covered": covered, "total": total, "rate": rate(covered, total)}
    return out


@dataclass(frozen=True)
class RepairRow:
    town_id: int
    type_id: int
    status: str
    deadline: dt.date
    closed_on: dt.date | None


def on_time_repairs(
    rows: Iterable[RepairRow], start: dt.date, end: dt.date, as_of: dt.date
) -> dict[str, dict]:
    """On-time repair rate = repairs closed by their deadline / repairs due, by town and
    type. A repair is due when its deadline lies in [start, end] and has passed by
    ``as_of`` or it is closed; cancelled repairs do not count. Also the repairs still
    open past their deadline."""
    rows = [r for r in rows if r.status != Status.CANCELLED and start <= r.deadline <= end]
    due = [r for r in rows if r.deadline < as_of or r.status == Status.CLOSED]
    keys = np.array([(r.town_id, r.type_id) for r in due], dtype=np.int64).reshape(-1, 2)
    on_time = np.array(
        [
            closed_on_time(status=r.status, closed_on=r.closed_on, deadline=r.deadline, as_of=as_of)
            for r in due
        ],
        dtype=np.int64,
    )
    overdue_rows = [r for r in rows if r.status != Status.CLOSED and r.deadline < as_of]
    overdue_keys = np.array([(r.town_id, r.type_id) for r in overdue_rows], dtype=np.int64).reshape(
        -1, 2
    )
    out = {}
    for name, col in (("towns", 0), ("types", 1)):
        late = _grouped(overdue_keys[:, col], np.ones(len(overdue_rows)))
        groups = _grouped(keys[:, col], on_time)
        out[name] = {
            key: {
                "on_time": s,
                "due": n,
                "rate": rate(s, n),
                "overdue_open": late.get(key, (0, 0))[0],
            }
            for key, (s, n) in groups.items()
        }
        for key, (n, _c) in late.items():
            out[name].setdefault(key, {"on_time": 0, "due": 0, "rate": None, "overdue_open": n})
    s, n = int(on_time.sum()), len(due)
    out["city"] = {"on_time": s, "due": n, "rate": rate(s, n), "overdue_open": len(overdue_rows)}
    return out
