"""Pure helpers around the decomposition: matching items with tasks already typed by
hand, the task deadline of an item, the units an item names, the 任务分解表 rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .decompose import Decomposition

if TYPE_CHECKING:
    from mingzhu.org.models import OrgUnit

MATCH_SHARE = 0.5  # an existing task matches an item when half its words are in the item
EXPORT_HEADERS = ("序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限")


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[\s，。、；：！？“”‘’（）《》,.;:!?()\"'-]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def match_tasks(
    items: Sequence[tuple[int, str]], tasks: Sequence[tuple[int, str]]
) -> dict[int, int]:
    """Pair items (id, title + text) with existing tasks (id, title + content): a task
    goes to the item holding the largest share of its character pairs, if at least
    ``MATCH_SHARE``; each task and each item at most once, best pairs first."""
    item_grams = {i: _bigrams(text) for i, text in items}
    scored = []
    for task_id, text in tasks:
        grams = _bigrams(text)
        if not grams:
            continue
        for item_id, igrams in item_grams.items():
            share = len(grams & igrams) / len(grams)
            if share >= MATCH_SHARE:
                scored.append((share, item_id, task_id))
    pairs: dict[int, int] = {}
    used = set()
    for _share, item_id, task_id in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if item_id in pairs or task_id in used:
            continue
        pairs[item_id] = task_id
        used.add(task_id)
    return pairs


def item_deadlines(d: Decomposition) -> dict[str, dt.date]:
    """The latest deadline of the dated targets inside each item (by item code)."""
    found: dict[str, dt.date] = {}
    for t in d.targets:
        if (
            t.item_code
            and t.deadline
            and (t.item_code not in found or t.deadline > found[t.item_code])
        ):
            found[t.item_code] = t.deadline
    return found


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def table_rows(items: Iterable, year: int) -> list[dict]:
    """The rows of the 任务分解表 from a document's items (with their units, leaders and
    tasks): an adopted item as its task now stands; no deadline is the year's end."""
    rows = []
    for item in items:
        source = item.task or item
        lead = source.lead_unit.name if source.lead_unit_id else item.suggested_unit
        rows.append(
            {
                "title": item.title,
                "text": item.text,
                "lead_unit": lead,
                "co_units": [u.name for u in source.co_units.all()],
                "leader": str(source.leader) if source.leader_id else "",
                "deadline": source.deadline or year_end(year),
            }
        )
    return rows


def export_rows(items: Iterable) -> list[tuple]:
    """The 任务分解表 rows: 序号, 任务内容, 牵头单位, 配合单位, 责任领导, 完成时限."""
    rows = []
    for n, item in enumerate(items, start=1):
        content = item["title"]
        if item["text"] and item["text"] != item["title"]:
            content = f"{item['title']}：{item['text']}"
        deadline = item["deadline"]
        rows.append(
            (
                n,
                content,
                item["lead_unit"],
                "、".join(item["co_units"]),
                item["leader"],
                deadline,
            )
        )
    return rows


def segments(
    text: str, items: Sequence[tuple[str, int, int]], targets: Sequence[tuple[int, int, int]]
):
    """The text cut where items and targets start and end, for highlighting: a list of
    (piece, item code or "", target index or None)."""
    cuts = {0, len(text)}
    for _code, start, end in items:
        cuts.update((min(start, len(text)), min(end, len(text))))
    for _n, start, end in targets:
        cuts.update((min(start, len(text)), min(end, len(text))))
    points = sorted(cuts)
    pieces = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        code = next((c for c, s, e in items if s <= a < e), "")
        target = next((n for n, s, e in targets if s <= a < e), None)
        pieces.append((text[a:b], code, target))
    return pieces


def marked_source(
    text: str, unit_words: str = "", numbers: Sequence[str] = (), deadline_words: str = ""
) -> list[tuple[str, str]]:
    """The words an item was read from, cut where they name its units, its figures and its
    deadline, for highlighting beside its row: a list of (piece, "unit" | "number" |
    "deadline" | ""). Words not found in the text are not marked."""
    wanted = [("unit", w) for w in re.split(r"[；;]", unit_words or "") if w.strip()]
    wanted += [("number", n) for n in numbers if n]
    if deadline_words:
        wanted.append(("deadline", deadline_words))
    spans: list[tuple[int, int, str]] = []
    for kind, words in wanted:
        words = words.strip()
        at = text.find(words)
        while at >= 0:
            end = at + len(words)
            if all(end <= a or at >= b for a, b, _k in spans):
                spans.append((at, end, kind))
                break
            at = text.find(words, at + 1)
    pieces, position = [], 0
    for start, end, kind in sorted(spans):
        if start > position:
            pieces.append((text[position:start], ""))
        pieces.append((text[start:end], kind))
        position = end
    if position < len(text):
        pieces.append((text[position:], ""))
    return pieces


def mark_sources(document, items, targets) -> None:
    """Give every item (``items``: DocumentItem rows) ``marked``: its text with the words
    naming its units, the figures of its targets and its deadline marked."""
    figures: dict[int, list[str]] = {}
    for target in targets:
        if target.item_id and target.end > target.start:
            figures.setdefault(target.item_id, []).append(document.text[target.start : target.end])
    for item in items:
        item.marked = marked_source(
            item.text, item.named_units, figures.get(item.pk, []), item.deadline_rule
        )


def named_units_of(item, matcher) -> tuple[OrgUnit | None, list[OrgUnit], list[str]]:
    """The units an item of a decomposition names, found in the org tree: (the lead unit,
    the co-operating units, the names that match no unit). A name that stands for all
    towns (各镇（街道）) as lead leaves the lead to the office and makes the towns
    co-operating units."""
    lead, co, unmatched = None, [], []
    if item.named_lead:
        found = matcher.expand(item.named_lead)
        if len(found) == 1:
            lead = found[0]
        elif found:
            co += found
        else:
            unmatched.append(item.named_lead)
    for name in item.named_co:
        found = matcher.expand(name)
        if not found:
            unmatched.append(name)
        co += [u for u in found if u != lead and u not in co]
    return lead, co, unmatched
