"""The database side of the computations: read observations in a fixed number of queries,
hand them to ``services`` and shape the rows that pages, API, CLI and cockpit show."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import services
from .models import Indicator, Observation, Target
from .services import Point, read_period

Series = dict[tuple[int, int], list[Point]]

# How many units of the base (元, 人) each unit of measure holds: to derive per-capita values.
SCALE = {"亿元": Decimal(10**8), "万元": Decimal(10**4), "元": Decimal(1)}
SCALE |= {"万人": Decimal(10**4), "人": Decimal(1)}


def load_series(observations: QuerySet[Observation], indicator_ids, unit_ids) -> Series:
    """Points per (indicator, unit), oldest first, in one query."""
    rows = observations.filter(indicator_id__in=indicator_ids, unit_id__in=unit_ids).values_list(
        "indicator_id", "unit_id", "period", "value"
    )
    series: Series = defaultdict(list)
    for indicator_id, unit_id, period, value in rows:
        series[(indicator_id, unit_id)].append(Point(read_period(period), Decimal(value)))
    for points in series.values():
        points.sort(key=lambda p: p.period.end)
    return series


def per_capita_factor(
    indicator: Indicator, base: Indicator, population: Indicator
) -> Decimal | None:
    units = (base.unit, population.unit, indicator.unit.removesuffix("/人"))
    if not all(u in SCALE for u in units):
        return None
    return SCALE[units[0]] / SCALE[units[1]] / SCALE[units[2]]


def with_per_capita(
    series: Series, indicators: list[Indicator], observations: QuerySet[Observation], unit_ids
) -> Series:
    """Fill per-capita indicators without entered values from their total and the
    population indicator (two more queries at most)."""
    derived = [i for i in indicators if i.per_capita_of_id]
    population = Indicator.objects.filter(is_population=True).first() if derived else None
    if population is None:
        return series
    bases = {i.per_capita_of_id for i in derived}
    extra = load_series(observations, [*bases, population.pk], unit_ids)
    base_by_id = Indicator.objects.in_bulk(bases)
    for indicator in derived:
        factor = per_capita_factor(indicator, base_by_id[indicator.per_capita_of_id], population)
        if factor is None:
            continue
        for unit_id in unit_ids:
            if series.get((indicator.pk, unit_id)):
                continue
            totals = extra.get((indicator.per_capita_of_id, unit_id), [])
            heads = extra.get((population.pk, unit_id), [])
            points = services.per_capita(totals, heads, factor)
            if points:
                series[(indicator.pk, unit_id)] = points
    return series


def progress_rows(
    targets: QuerySet[Target], observations: QuerySet[Observation], as_of: dt.date
) -> list[dict]:
    """One row per target (the API's and the CLI's shape, plus the objects for pages)."""
    targets = list(targets.select_related("indicator", "unit"))
    indicators = list({t.indicator_id: t.indicator for t in targets}.values())
    unit_ids = sorted({t.unit_id for t in targets})
    series = load_series(observations, [i.pk for i in indicators], unit_ids)
    series = with_per_capita(series, indicators, observations, unit_ids)
    rows = []
    for target in targets:
        indicator = target.indicator
        points = series.get((indicator.pk, target.unit_id), [])
        result = services.evaluate(
            points,
            comparator=target.comparator,
            target=target.value,
            deadline=target.deadline,
            direction=indicator.direction,
            accumulates=indicator.accumulates,
            as_of=as_of,
        )
        rows.append(
            {
                "id": target.pk,
                "indicator": indicator.name,
                "indicator_code": indicator.code,
                "org_unit": target.unit.name,
                "comparator": target.comparator,
                "target_value": target.value,
                "unit": indicator.unit,
                "deadline": target.deadline,
                "latest_value": result.latest_value,
                "latest_period": result.latest_period,
                "progress": result.progress,
                "years_left": result.years_left,
                "required_growth": result.required_growth,
                "trend_growth": result.trend_growth,
                "projected_value": result.projected_value,
                "status": result.status,
                "target": target,
                "points": [p for p in points if p.period.end <= as_of],
            }
        )
    return rows


PUBLIC_FIELDS = (
    "id",
    "indicator",
    "indicator_code",
    "org_unit",
    "comparator",
    "target_value",
    "unit",
    "deadline",
    "latest_value",
    "latest_period",
    "progress",
    "years_left",
    "required_growth",
    "trend_growth",
    "projected_value",
    "status",
)


PLAIN = ("target_value", "latest_value")


def as_json(row: dict) -> dict:
    """The row with plain JSON values (Decimals as strings, dates as ISO)."""
    out = {}
    for name in PUBLIC_FIELDS:
        value = row[name]
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f") if name in PLAIN else str(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[name] = value
    return out


def peer_table(
    indicator: Indicator, period: str | None, observations: QuerySet[Observation], units
) -> tuple[list[str], str | None, list[services.RankRow]]:
    """Periods with values, the chosen one (default: the latest) and the ranking in it."""
    units = list(units)
    unit_ids = [u.pk for u in units]
    series = load_series(observations, [indicator.pk], unit_ids)
    series = with_per_capita(series, [indicator], observations, unit_ids)
    names = {u.pk: u.name for u in units}
    by_period: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (_indicator_id, unit_id), points in series.items():
        for p in points:
            by_period[p.period.key][names[unit_id]] = p.value
    periods = sorted(by_period, reverse=True)
    if period not in by_period:
        period = periods[0] if periods else None
    ranking = services.rank(by_period.get(period, {}), indicator.direction) if period else []
    return periods, period, ranking


def year_position(day: dt.date) -> float:
    """Where a day stands on the charts' year axis, whose tick "2023" is the end of 2023,
    where the value of 2023 stands: a year's last day at its year's tick, any other day
    the share of its year gone after the previous tick (2024-06-30 at 2023.5, within the
    span that ends at the tick "2024"). A value is never drawn at the next year's tick."""
    days = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    return round(day.year - 1 + day.timetuple().tm_yday / days, 4)


def trajectory_chart(row: dict) -> dict:
    """The series of the trajectory chart: actuals, required path, projection, target.
    Each point is [position on the year axis (year_position), value, label]."""
    points: list[Point] = row["points"]
    actual = [[year_position(p.period.end), str(p.value), p.period.key] for p in points]
    required, projected = [], []
    if points and row["latest_value"] is not None:
        latest = next(p for p in reversed(points) if p.period.key == row["latest_period"])
        for day, on_path, projection in services.trajectory(
            latest,
            row["target_value"],
            row["deadline"],
            row["required_growth"],
            row["trend_growth"],
        ):
            label = day.isoformat()
            if on_path is not None:
                required.append([year_position(day), str(on_path), label])
            if projection is not None:
                projected.append([year_position(day), str(projection), label])
    return {
        "actual": actual,
        "required": required,
        "projected": projected,
        "target": str(row["target_value"]),
        "deadline": row["deadline"].isoformat(),
        "deadline_position": year_position(row["deadline"]),
        "unit": row["unit"],
        "labels": {
            "actual": _("Actual"),
            "required": _("Required path"),
            "projected": _("Projection"),
            "target": _("Target"),
        },
    }
