"""Who holds which flag (流动红黄旗): read by the board page and the cockpit alike."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from mingzhu.core.periods import last_ended_quarter
from mingzhu.core.scope import restrict

from .models import FlagAward


def flag_board(user, as_of: dt.date | None = None) -> dict:
    """Who holds which flag: the latest published quarter of every flag-awarding scheme,
    the towns keeping a red flag for good, and the published history. With ``as_of``:
    only the quarters that had ended by that day (the flags held then)."""
    awards = restrict(FlagAward.objects.all(), user, "view")
    if as_of is not None:
        year, quarter = last_ended_quarter(as_of)
        awards = awards.filter(Q(year__lt=year) | Q(year=year, quarter__lte=quarter))
    awards = list(
        awards.select_related("unit", "result__scheme").order_by("-year", "-quarter", "colour")
    )
    history: dict[tuple[int, int, str], dict] = {}
    for a in awards:
        key = (a.year, a.quarter, a.result.scheme_code)
        row = history.setdefault(
            key,
            {"label": f"{a.year}Q{a.quarter}", "result": a.result, "red": [], "yellow": []},
        )
        row[a.colour].append(a)
    rows = list(history.values())
    latest = rows[0] if rows else None
    kept = {}
    for a in awards:
        if a.kept_for_good:
            kept.setdefault(a.unit_id, a)
    return {"latest": latest, "history": rows, "kept": list(kept.values())}
