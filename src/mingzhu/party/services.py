"""Pure computations of party work over plain rows: household coverage and load per
member by village and town, and the yearly training summary. No database, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from mingzhu.core.periods import rate


@dataclass(frozen=True)
class Place:
    """A village and the town it belongs to."""

    village_id: int
    village: str
    town_id: int | None
    town: str


def _by_town(village_rows: list[dict], places: Mapping[int, Place], keys: Sequence[str]):
    towns: dict[int | None, dict] = {}
    for row in village_rows:
        place = places[row["id"]]
        town = towns.setdefault(
            place.town_id, {"id": place.town_id, "name": place.town, **dict.fromkeys(keys, 0)}
        )
        for key in keys:
            town[key] += row[key]
    return sorted(towns.values(), key=lambda r: r["name"])


def coverage(households: Iterable[tuple], places: Mapping[int, Place]) -> dict:
    """Linked households / households, per village and per town, and for the whole.

    ``households``: (village id, linked now) per household, or (village id, linked, n)
    for n households alike (counted in the database); ``places``: every village to
    report on (a village with no household has the rate None, not 0 or 100 %).
    Households of villages not in ``places`` are ignored.
    """
    ids = list(places)
    index = {village_id: i for i, village_id in enumerate(ids)}
    rows = [
        (index[r[0]], bool(r[1]), r[2] if len(r) > 2 else 1) for r in households if r[0] in index
    ]
    where = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    linked = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    weight = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    totals = np.bincount(where, weights=weight, minlength=len(ids)).astype(np.int64)
    linked_totals = np.bincount(where, weights=linked * weight, minlength=len(ids)).astype(np.int64)
    villages = [
        {
            "id": village_id,
            "name": places[village_id].village,
            "town": places[village_id].town,
            "households": int(totals[i]),
            "linked": int(linked_totals[i]),
        }
        for i, village_id in enumerate(ids)
    ]
    towns = _by_town(villages, places, ("households", "linked"))
    for row in (*villages, *towns):
        row["rate"] = rate(row["linked"], row["households"], None)
    all_households = int(totals.sum())
    all_linked = int(linked_totals.sum())
    return {
        "villages": sorted(villages, key=lambda r: (r["town"], r["name"])),
        "towns": towns,
        "total": {
            "households": all_households,
            "linked": all_linked,
            "rate": rate(all_linked, all_households, None),
        },
    }


def member_load(
    members: Iterable[tuple[int, int]],
    links: Iterable[int],
    places: Mapping[int, Place],
) -> dict:
    """Households per member (current links), and per village and town: members, linked
    households, mean and largest load, members without a household.

    ``members``: (member id, village id) of the active members; ``links``: the member id
    of each current link. Links of members not listed are ignored.
    """
    members = [(m, v) for m, v in members if v in places]
    index = {m: i for i, (m, _v) in enumerate(members)}
    link_index = [index[m] for m in links if m in index]
    per_member = np.bincount(np.asarray(link_index, dtype=np.int64), minlength=len(members)).astype(
        np.int64
    )
    loads = {m: int(per_member[i]) for m, i in index.items()}
    villages: dict[int, dict] = {}
    for (_member, village_id), load in zip(members, per_member, strict=True):
        row = villages.setdefault(
            village_id,
            {
                "id": village_id,
                "name": places[village_id].village,
                "town": places[village_id].town,
                "members": 0,
                "linked": 0,
                "idle": 0,
                "max_load": 0,
            },
        )
        row["members"] += 1
        row["linked"] += int(load)
        row["idle"] += int(load == 0)
        row["max_load"] = max(row["max_load"], int(load))
    village_rows = list(villages.values())
    towns = _by_town(village_rows, places, ("members", "linked", "idle"))
    for town in towns:
        town["max_load"] = max(
            (r["max_load"] for r in village_rows if places[r["id"]].town_id == town["id"]),
            default=0,
        )
    for row in (*village_rows, *towns):
        row["mean_load"] = rate(row["linked"], row["members"], None)
    return {
        "members": loads,
        "villages": sorted(village_rows, key=lambda r: (r["town"], r["name"])),
        "towns": towns,
    }


def training_summary(
    attendance: Iterable[tuple[int, int, Decimal]],
    year: int,
    required_hours: Decimal | None = None,
) -> dict:
    """Hours per person for one year from (member id, year of the session, hours) rows:
    each member's total hours and sessions and whether the required hours are met; the
    totals (members trained, hours, mean hours per trained member, members meeting)."""
    people: dict[int, dict] = {}
    for member_id, row_year, hours in attendance:
        if row_year != year:
            continue
        person = people.setdefault(member_id, {"hours": Decimal(0), "sessions": 0})
        person["hours"] += Decimal(hours)
        person["sessions"] += 1
    for person in people.values():
        person["meets"] = None if required_hours is None else person["hours"] >= required_hours
    total = sum((p["hours"] for p in people.values()), Decimal(0))
    trained = len(people)
    return {
        "year": year,
        "people": people,
        "trained": trained,
        "hours": total,
        "mean_hours": (total / trained).quantize(Decimal("0.1")) if trained else None,
        "meeting": None
        if required_hours is None
        else sum(1 for p in people.values() if p["meets"]),
    }


def with_load(rows: Iterable[dict], load_rows: Iterable[dict]) -> list[dict]:
    """Coverage rows, each with the load row of the same place (None without)."""
    load = {r["id"]: r for r in load_rows}
    return [{**row, "load": load.get(row["id"])} for row in rows]


def by_hours(people: Mapping[int, dict], members: Mapping[int, object]) -> list[tuple]:
    """(member, figures) pairs of a training summary's people, most hours first, then by
    the member's name; ``members``: id -> member."""
    return sorted(
        ((members[pk], p) for pk, p in people.items()),
        key=lambda mp: (-mp[1]["hours"], mp[0].name),
    )
