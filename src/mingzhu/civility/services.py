"""Pure computations of civilised-city work: the public notice window, whether an
application may be awarded, volunteer hour totals, the activities calendar and the
creation campaign's task summary. Plain data in, plain data out; ``as_of`` given."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from .choices import ApplicationStatus, ObjectionOutcome


def notice_end(start: dt.date, days: int) -> dt.date:
    """The last day of a public notice of ``days`` calendar days starting on ``start``."""
    if days < 1:
        raise ValueError("a public notice lasts at least one day")
    return start + dt.timedelta(days=days - 1)


def award_blockers(
    status: str, end: dt.date | None, outcomes: Iterable[str], on: dt.date
) -> list[str]:
    """Why the application may not be awarded on ``on`` (empty: it may). Codes:
    ``not_on_notice``, ``notice_running``, ``objection_pending``, ``objection_upheld``."""
    if status != ApplicationStatus.ON_NOTICE or end is None:
        return ["not_on_notice"]
    outcomes = list(outcomes)
    blockers = []
    if on <= end:
        blockers.append("notice_running")
    if ObjectionOutcome.PENDING in outcomes:
        blockers.append("objection_pending")
    if ObjectionOutcome.UPHELD in outcomes:
        blockers.append("objection_upheld")
    return blockers


def volunteer_totals(rows: Iterable[tuple[str, int, Decimal]]) -> dict:
    """Hours per person (a volunteer is known by name within their unit) and per unit,
    from (volunteer, unit id, hours) rows; each sorted by hours, most first."""
    people: dict[tuple[str, int], dict] = {}
    units: dict[int, dict] = {}
    for name, unit_id, hours in rows:
        hours = Decimal(hours)
        person = people.setdefault(
            (name, unit_id), {"volunteer": name, "unit": unit_id, "hours": Decimal(0), "times": 0}
        )
        person["hours"] += hours
        person["times"] += 1
        unit = units.setdefault(unit_id, {"unit": unit_id, "hours": Decimal(0), "people": set()})
        unit["hours"] += hours
        unit["people"].add(name)
    unit_rows = [
        {"unit": u["unit"], "hours": u["hours"], "volunteers": len(u["people"])}
        for u in units.values()
    ]
    return {
        "people": sorted(people.values(), key=lambda p: (-p["hours"], p["volunteer"])),
        "units": sorted(unit_rows, key=lambda u: (-u["hours"], u["unit"])),
        "hours": sum((p["hours"] for p in people.values()), Decimal(0)),
    }


def month_calendar(year: int, month: int, events: Iterable[tuple[dt.date, object]]) -> list:
    """Weeks (Monday first) of (day, [events]) for the month; days of the neighbouring
    months are None. ``events`` are (date, anything) pairs; others months' are left out."""
    by_day: dict[dt.date, list] = {}
    for day, item in events:
        if day.year == year and day.month == month:
            by_day.setdefault(day, []).append(item)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(d, by_day.get(d, [])) if d.month == month else (None, []) for d in week])
    return weeks


def campaign_summary(tasks: Iterable[tuple[str, str | None]]) -> dict:
    """Counts of a task list from (status, light on as_of) pairs: total, closed, share
    closed (cancelled tasks left out), and the red and yellow lights."""
    total = closed = red = yellow = 0
    for status, light in tasks:
        if status == "cancelled":
            continue
        total += 1
        closed += status == "closed"
        red += light == "red"
        yellow += light == "yellow"
    return {
        "total": total,
        "closed": closed,
        "rate": closed / total if total else None,
        "red": red,
        "yellow": yellow,
    }


def campaign_lists(tasks: Iterable) -> list[dict]:
    """The campaign's tasks (each with its ``light`` on as_of) grouped by their task list,
    in the order given: each list with its tasks and their ``campaign_summary``."""
    lists: dict[int, dict] = {}
    for task in tasks:
        entry = lists.setdefault(task.task_list_id, {"task_list": task.task_list, "tasks": []})
        entry["tasks"].append(task)
    for entry in lists.values():
        entry["summary"] = campaign_summary((t.status, t.light) for t in entry["tasks"])
    return list(lists.values())
