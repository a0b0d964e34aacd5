"""Pure rules of the project module: tiers, stage moves and the investment light.

Nothing here reads the clock or the database; callers pass ``as_of`` and plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from .choices import STAGE_ORDER, TIER_BOUNDS, Light, Stage, Tier

YELLOW_SHORTFALL = Decimal("0.5")  # short by at most half of the plan: yellow


def tier_of(total_investment: Decimal | int | None) -> str:
    """The size class of a project from its total investment in 万元."""
    amount = Decimal(total_investment or 0)
    for bound, tier in TIER_BOUNDS:
        if amount >= bound:
            return tier
    return Tier.BELOW


def tier_bounds(tier: str) -> tuple[Decimal, Decimal | None]:
    """[lower, upper) in 万元 of a tier (upper None for the largest)."""
    bounds = list(TIER_BOUNDS)
    for i, (lower, t) in enumerate(bounds):
        if t == tier:
            return lower, bounds[i - 1][0] if i > 0 else None
    raise ValueError(f"unknown tier {tier!r}")


def allowed_moves(stage: str, suspended_from: str | None = None) -> list[str]:
    """The stages a project may move to: the next stage forward, suspension from any
    stage before operation, and back from suspension to the stage it was suspended in."""
    if stage == Stage.SUSPENDED:
        return [suspended_from] if suspended_from else []
    if stage not in STAGE_ORDER:
        return []
    i = STAGE_ORDER.index(stage)
    if i == len(STAGE_ORDER) - 1:
        return []
    return [STAGE_ORDER[i + 1], Stage.SUSPENDED]


def check_move(
    stage: str,
    to: str,
    *,
    on: dt.date,
    last_on: dt.date | None,
    suspended_from: str | None = None,
    reason: str = "",
) -> str | None:
    """Why the move ``stage`` -> ``to`` on ``on`` is refused, or None when it is allowed."""
    if to not in allowed_moves(stage, suspended_from):
        return "not_allowed"
    if last_on is not None and on < last_on:
        return "before_last"
    if to == Stage.SUSPENDED and not reason.strip():
        return "reason"
    return None


def ytd_plan(annual_plan: Decimal | None, month: int) -> Decimal:
    """The plan up to the end of ``month``: the annual plan spread evenly over the year."""
    if not annual_plan:
        return Decimal(0)
    return Decimal(annual_plan) * month / 12


def investment_months(
    monthly: dict[int, Decimal], annual_plan: Decimal | None, as_of_month: int
) -> dict[str, list]:
    """A year's investment month by month from the completed amount of each month
    (month -> amount): the month's amount, the running total up to ``as_of_month`` (None
    after it) and the plan so far, as floats for the chart."""
    cumulative, total = [], Decimal(0)
    for month in range(1, 13):
        total += monthly.get(month, Decimal(0))
        cumulative.append(float(total) if month <= as_of_month else None)
    return {
        "monthly": [float(monthly.get(m, 0)) for m in range(1, 13)],
        "cumulative": cumulative,
        "plan": [float(ytd_plan(annual_plan, m)) for m in range(1, 13)],
    }


def light(completed: Decimal | None, planned: Decimal | None) -> str | None:
    """Year-to-date completed against year-to-date plan: green when the plan is met,
    yellow when short by at most half of it, red when short by more; None without plan."""
    planned = Decimal(planned or 0)
    completed = Decimal(completed or 0)
    if planned <= 0:
        return None
    if completed >= planned:
        return Light.GREEN
    if planned - completed <= planned * YELLOW_SHORTFALL:
        return Light.YELLOW
    return Light.RED


def ytd_completed(monthly: Iterable[tuple[int, Decimal]], month: int) -> Decimal:
    """The sum of the monthly completed amounts of months 1..``month``."""
    return sum((Decimal(v) for m, v in monthly if m <= month), Decimal(0))


def yuan_yi(amount_wan: Decimal | None) -> Decimal | None:
    """万元 -> 亿元, two decimals."""
    if amount_wan is None:
        return None
    return (Decimal(amount_wan) / 10_000).quantize(Decimal("0.01"))
