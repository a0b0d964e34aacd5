"""Pure computations over hazards: status, 可知 (knowable), 可控 (controllable), overdue
major hazards and the town × domain heat map. Plain rows in, plain results out; nothing
here reads the clock or the database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from mingzhu.core.periods import percent
from mingzhu.tasks.choices import Status as TaskStatus
from mingzhu.tasks.services import closed_on_time

from .choices import OPEN_TASK_STATES, Level

LEVEL_WEIGHTS = {Level.MAJOR: 3, Level.SERIOUS: 2, Level.ORDINARY: 1}


@dataclass(frozen=True)
class HazardFacts:
    """What the metrics need of one hazard and its rectification task."""

    pk: int
    title: str
    domain: str
    level: str
    unit_id: int
    owner: str
    measures: str
    planned_deadline: dt.date | None  # the rectification deadline set (the task's)
    task_status: str  # the task's status
    deadline: dt.date  # the task's deadline (after any approved extension)
    closed_on: dt.date | None


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


def is_open(f: HazardFacts) -> bool:
    return f.task_status in OPEN_TASK_STATES


def is_knowable(f: HazardFacts) -> bool:
    """Owner, measures and a deadline are all known (the "五落实" essentials)."""
    return bool(f.owner.strip() and f.measures.strip() and f.planned_deadline)


def knowable(facts: Iterable[HazardFacts]) -> Rate:
    """可知: of the open hazards, the share with an owner, measures and a deadline."""
    open_ = [f for f in facts if is_open(f)]
    return Rate(sum(is_knowable(f) for f in open_), len(open_))


def is_due(f: HazardFacts, start: dt.date, end: dt.date, as_of: dt.date) -> bool:
    """Due in the period (and already due on ``as_of``); withdrawn hazards do not count."""
    return f.task_status != TaskStatus.CANCELLED and start <= f.deadline <= min(end, as_of)


def on_time(f: HazardFacts, as_of: dt.date) -> bool:
    return closed_on_time(
        status=f.task_status, closed_on=f.closed_on, deadline=f.deadline, as_of=as_of
    )


def controllable(
    facts: Iterable[HazardFacts], start: dt.date, end: dt.date, as_of: dt.date
) -> Rate:
    """可控: of the hazards due in the period, the share rectified (closed) on time."""
    due = [f for f in facts if is_due(f, start, end, as_of)]
    return Rate(sum(on_time(f, as_of) for f in due), len(due))


def overdue_major(facts: Iterable[HazardFacts], as_of: dt.date) -> list[HazardFacts]:
    """Major hazards still open after their deadline, the longest overdue first."""
    rows = [f for f in facts if f.level == Level.MAJOR and is_open(f) and f.deadline < as_of]
    return sorted(rows, key=lambda f: (f.deadline, f.pk))


def rates_by(
    facts: Sequence[HazardFacts],
    key: Callable[[HazardFacts], Hashable],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
) -> dict[Hashable, dict]:
    """Open count, 可知 and 可控 per group (domain, unit, …)."""
    groups: dict[Hashable, list[HazardFacts]] = defaultdict(list)
    for f in facts:
        groups[key(f)].append(f)
    return {
        k: {
            "total": len(rows),
            "open": sum(is_open(f) for f in rows),
            "major_open": sum(is_open(f) and f.level == Level.MAJOR for f in rows),
            "knowable": knowable(rows),
            "controllable": controllable(rows, start, end, as_of),
        }
        for k, rows in groups.items()
    }


def rate_rows(groups: dict[Hashable, dict], label: Callable[[Hashable], str | None]) -> list[dict]:
    """The groups of ``rates_by`` as table rows: the group's name (``label`` of its key),
    its figures and 可知 and 可控 in percent."""
    return [
        {
            "name": label(k),
            **v,
            "knowable_pct": percent(v["knowable"].value),
            "controllable_pct": percent(v["controllable"].value),
        }
        for k, v in groups.items()
    ]


def heat_map(
    facts: Sequence[HazardFacts],
    unit_town: dict[int, int],
    towns: Sequence[int],
    domains: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """Open hazards per town (rows, in the order of ``towns``) × domain (columns): the
    count and the level-weighted score (major 3, serious 2, ordinary 1). ``unit_town``
    maps a hazard's unit to its town; hazards outside every town fall in an extra last
    row (the city's own departments)."""
    town_index = {t: i for i, t in enumerate(towns)}
    domain_index = {d: j for j, d in enumerate(domains)}
    open_ = [f for f in facts if is_open(f) and f.domain in domain_index]
    rows = np.fromiter(
        (town_index.get(unit_town.get(f.unit_id, -1), len(towns)) for f in open_),
        dtype=np.int64,
        count=len(open_),
    )
    cols = np.fromiter((domain_index[f.domain] for f in open_), dtype=np.int64, count=len(open_))
    weights = np.fromiter(
        (LEVEL_WEIGHTS.get(f.level, 1) for f in open_), dtype=np.float64, count=len(open_)
    )
    shape = (len(towns) + 1, len(domains))
    flat = rows * len(domains) + cols
    size = shape[0] * shape[1]
    counts = np.bincount(flat, minlength=size).reshape(shape)
    scores = np.bincount(flat, weights=weights, minlength=size).reshape(shape)
    return counts, scores
