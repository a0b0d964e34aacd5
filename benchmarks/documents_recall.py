"""Benchmark: recall and precision of the decomposer on a corpus of 责任分工 texts.

Every text of the corpus directory (<nn>-<slug>.txt, with its hand-made truth in
<nn>-<slug>.json; a .txt without a truth beside it, such as a saved report, is skipped)
is read as an upload is (encoding detection) and decomposed with the default keyword
table, as the page and `mingzhu decompose` do; the rows found are matched
with the truth and scored:

- tasks: a found row matches a truth item when their titles are alike (one holds the
  other, or at least 60 % of the shorter one's characters in order);
- named leads: the lead unit of a matched row equals the one the text names (as written);
- targets: same value and unit, and the indicators share the truth indicator's name
  (one holds the other, or 60 % of its characters); comparator and deadline are counted
  on the matched pairs, and so are the deadlines found for targets the truth leaves
  undated ("target deadlines, none due");
- deadlines: on matched rows, the truth date (or "long-running") equals the row's;
- boilerplate: rows whose title is one of the notice's instructions listed in the truth.

A text the reader refuses (an encoding it does not recognise) is scored as one in which
nothing is found, and counted apart.

The same texts as files: a .docx, .pdf, .xlsx or .xls of the directory with the stem of
a truth (<nn>-<slug>.docx beside <nn>-<slug>.json, with or without the .txt) is read
through ``read_document`` exactly as an upload is and scored against that truth; the
figures are printed per format, the .txt's first.

Goals (issue 18): named leads >= 95 % recall, targets >= 90 % recall and precision,
deadlines >= 90 %, boilerplate 0. Pure Python, no database; a few seconds.

The default corpus is tests/documents/corpus/, texts written for the project in the forms
published ones use; `--corpus DIR` scores any other directory of the same format, such as
the held-out set of published texts kept outside the repository (docs/documents.md).

    .venv/bin/python benchmarks/documents_recall.py [--corpus DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "documents" / "corpus"

GOALS = {
    "named leads recall": 0.95,
    "targets recall": 0.90,
    "targets precision": 0.90,
    "deadlines recall": 0.90,
}


def _clean(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "。.,，、;；:：")


def alike(truth: str, found: str, share: float = 0.6) -> bool:
    """Two titles (or indicator names) say the same: one holds the other, or the
    characters they share in order are at least `share` of the shorter one."""
    a, b = _clean(truth), _clean(found)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    matched = sum(block.size for block in SequenceMatcher(None, a, b).get_matching_blocks())
    return matched >= share * min(len(a), len(b))


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _deadline(task: dict) -> str | None:
    if task.get("long_running"):
        return "long-running"
    return task.get("deadline")


def score(truth: dict, found: dict) -> dict:
    """Counts for one document: truth is the .json sidecar, found the decomposition in
    the JSON shape of the CLI (`decompose.as_json`)."""
    c = dict.fromkeys(
        [
            "tasks_truth", "tasks_found", "tasks_matched",
            "leads_truth", "leads_found", "leads_right",
            "targets_truth", "targets_found", "targets_matched",
            "comparators_right", "target_deadlines_truth", "target_deadlines_right",
            "target_deadlines_extra",
            "deadlines_truth", "deadlines_found", "deadlines_right",
            "boilerplate",
        ],
        0,
    )  # fmt: skip
    misses: list[str] = []
    tasks = list(found["tasks"])
    c["tasks_truth"], c["tasks_found"] = len(truth["items"]), len(tasks)
    free = list(range(len(tasks)))
    pairs = []
    for item in truth["items"]:
        best = next((i for i in free if alike(item["title"], tasks[i]["title"])), None)
        if best is None:
            misses.append(f"task missed: {item['title']}")
            if item["lead"]:
                c["leads_truth"] += 1
                misses.append(f"lead missed: {item['lead']} ({item['title'][:16]})")
            if item["deadline"]:
                c["deadlines_truth"] += 1
                misses.append(f"deadline missed: {item['deadline']} ({item['title'][:16]})")
            continue
        free.remove(best)
        pairs.append((item, tasks[best]))
    c["tasks_matched"] = len(pairs)
    for i in free:
        title = tasks[i]["title"]
        if any(alike(b, title) for b in truth["boilerplate"]):
            c["boilerplate"] += 1
            misses.append(f"boilerplate taken as a task: {title}")
        else:
            misses.append(f"task not in the truth: {title}")
    for task in tasks:
        if task["named_lead"]:
            c["leads_found"] += 1
        if _deadline(task):
            c["deadlines_found"] += 1
    for item, task in pairs:
        if item["lead"]:
            c["leads_truth"] += 1
            if _clean(task["named_lead"]) == _clean(item["lead"]):
                c["leads_right"] += 1
            else:
                misses.append(f"lead: {item['lead']} != {task['named_lead']!r}")
        if item["deadline"]:
            c["deadlines_truth"] += 1
            if _deadline(task) == item["deadline"]:
                c["deadlines_right"] += 1
            else:
                misses.append(
                    f"deadline: {item['deadline']} != {_deadline(task)} ({item['title'][:16]})"
                )
        elif _deadline(task):
            misses.append(f"deadline not in the truth: {_deadline(task)} ({item['title'][:16]})")
    targets = list(found["targets"])
    c["targets_truth"], c["targets_found"] = len(truth["targets"]), len(targets)
    free = list(range(len(targets)))
    for want in truth["targets"]:
        value = _number(want["value"])
        best = next(
            (
                i
                for i in free
                if _number(targets[i]["value"]) == value
                and (targets[i]["unit"] or "") == want["unit"]
                and alike(want["indicator"], targets[i]["indicator"])
            ),
            None,
        )
        if best is None:
            misses.append(f"target missed: {want['indicator']} {want['value']}{want['unit']}")
            if want["deadline"]:
                c["target_deadlines_truth"] += 1
            continue
        free.remove(best)
        got = targets[best]
        c["targets_matched"] += 1
        if got["comparator"] == want["comparator"]:
            c["comparators_right"] += 1
        else:
            misses.append(
                f"comparator: {want['indicator']} {want['comparator']} != {got['comparator']}"
            )
        if want["deadline"]:
            c["target_deadlines_truth"] += 1
            if got["deadline"] == want["deadline"]:
                c["target_deadlines_right"] += 1
            else:
                misses.append(
                    f"target deadline: {want['indicator']} {want['deadline']} != {got['deadline']}"
                )
        elif got["deadline"]:
            c["target_deadlines_extra"] += 1
            misses.append(
                f"target deadline not in the truth: {want['indicator']} {got['deadline']}"
            )
    for i in free:
        t = targets[i]
        misses.append(
            f"target not in the truth: {t['indicator']} {t['comparator']} {t['value']}{t['unit']}"
        )
    c["misses"] = misses
    return c


FORMATS = (".txt", ".docx", ".pdf", ".xlsx", ".xls")


def load_corpus(corpus: Path = CORPUS, formats=(".txt",)) -> list[tuple[Path, dict]]:
    """(file, truth) of every file of the given formats that has a truth beside it
    (same stem, .json), ordered by format then name."""
    return [
        (path, json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
        for suffix in formats
        for path in sorted(corpus.glob(f"*{suffix}"))
        if path.suffix == suffix and path.with_suffix(".json").is_file()
    ]


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.0%}" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="List every miss.")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="Directory of .txt texts and .json truths."
    )
    args = parser.parse_args()
    if not args.corpus.is_dir() or not any(load_corpus(args.corpus, FORMATS)):
        parser.error(f"no texts or files with a truth in {args.corpus}")
    sys.path[:0] = [str(ROOT / "src")]
    import django
    from django.conf import settings

    if not settings.configured:
        # A sheet is read with the import limits of the settings' defaults; without a
        # database no administrator's parameter overrides them.
        settings.configure(
            USE_I18N=False,
            IMPORT_MAX_BYTES=10 * 1024 * 1024,
            IMPORT_MAX_UNCOMPRESSED_BYTES=50 * 1024 * 1024,
            IMPORT_MAX_ROWS=10_000,
        )
    django.setup()
    from mingzhu.system import params

    params.stored = dict
    from mingzhu.documents.decompose import as_json, decompose
    from mingzhu.documents.reading import ReadError, read_document

    for suffix in FORMATS:
        corpus = load_corpus(args.corpus, (suffix,))
        if corpus or suffix == ".txt":
            if suffix != ".txt":
                print()
            _report(args, corpus, suffix, as_json, decompose, ReadError, read_document)


def _report(args, corpus, suffix, as_json, decompose, ReadError, read_document) -> None:
    started = time.perf_counter()
    total: dict[str, int] = {}
    refused = 0
    for path, truth in corpus:
        try:
            text, _encoding = read_document(path.read_bytes(), path.name)
        except ReadError as exc:  # scored as a text in which nothing is found
            refused += 1
            counts = score(truth, {"tasks": [], "targets": []})
            counts["misses"].insert(0, f"text refused: {exc}")
        else:
            counts = score(truth, as_json(decompose(text)))
        misses = counts.pop("misses")
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        if args.verbose and misses:
            print(f"{path.name if suffix != '.txt' else path.stem}:")
            for miss in misses:
                print(f"  {miss}")
    elapsed = time.perf_counter() - started
    t = total
    figures = {
        "tasks recall": (t["tasks_matched"], t["tasks_truth"]),
        "tasks precision": (t["tasks_matched"], t["tasks_found"]),
        "named leads recall": (t["leads_right"], t["leads_truth"]),
        "named leads precision": (t["leads_right"], t["leads_found"]),
        "targets recall": (t["targets_matched"], t["targets_truth"]),
        "targets precision": (t["targets_matched"], t["targets_found"]),
        "target comparators right": (t["comparators_right"], t["targets_matched"]),
        "target deadlines right": (t["target_deadlines_right"], t["target_deadlines_truth"]),
        "deadlines recall": (t["deadlines_right"], t["deadlines_truth"]),
        "deadlines precision": (t["deadlines_right"], t["deadlines_found"]),
    }
    if suffix == ".txt":
        print(f"corpus: {args.corpus}")
        print(f"{len(corpus)} texts, {t['tasks_truth']} tasks, {t['targets_truth']} targets")
        if refused:
            print(f"texts refused by the reader (nothing found in them): {refused}")
    else:
        print(
            f"format {suffix}: {len(corpus)} files, {t['tasks_truth']} tasks, "
            f"{t['targets_truth']} targets"
        )
        if refused:
            print(f"files refused by the reader (nothing found in them): {refused}")
    for name, (a, b) in figures.items():
        goal = GOALS.get(name)
        mark = ""
        if goal is not None and b:
            mark = f"   goal >= {goal:.0%}: {'met' if a / b >= goal else 'NOT met'}"
        print(f"{name:26}: {_ratio(a, b)}{mark}")
    mark = "met" if t["boilerplate"] == 0 else "NOT met"
    print(f"{'target deadlines, none due':26}: {t['target_deadlines_extra']}")
    print(f"{'boilerplate as tasks':26}: {t['boilerplate']}   goal 0: {mark}")
    print(f"time: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
