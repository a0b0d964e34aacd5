"""The test corpus (texts written in the forms published ones use) and its truth files,
and the benchmark's scoring."""

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "documents_recall", ROOT / "benchmarks" / "documents_recall.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


recall = _benchmark()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_corpus_holds_twelve_texts_each_with_its_truth():
    assert len(TEXTS) >= 12
    assert sorted(p.stem for p in CORPUS.glob("*.json")) == [p.stem for p in TEXTS]
    assert all(re.fullmatch(r"\d{2}-[a-z0-9-]+", p.stem) for p in TEXTS)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_a_truth_file_is_well_formed_and_drawn_from_its_text(path):
    text = _flat(path.read_text(encoding="utf-8"))
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    # Each text is written for the corpus after a published one, named by address and title.
    assert truth["modelled_on"]["address"].startswith(("http://", "https://"))
    assert truth["modelled_on"]["title"]
    assert truth["title"] and truth["issuer"] and truth["note"] and truth["composed"]
    assert re.fullmatch(r"\d{4}(?:-\d{2}-\d{2})?", truth["date"])
    keys = [item["key"] for item in truth["items"]]
    assert len(keys) == len(set(keys))
    for item in truth["items"]:
        assert _flat(item["title"]) in text, item["title"]
        for unit in [item["lead"], *item["co"]]:
            assert isinstance(unit, str) and _flat(unit) in text, unit
        if item["deadline"] not in (None, "long-running"):
            dt.date.fromisoformat(item["deadline"])
    for target in truth["targets"]:
        assert target["indicator"] and isinstance(target["value"], int | float)
        value = target["value"]
        assert str(value) in text or f"{value / 10_000:g}万" in text, target  # 1万个
        assert target["unit"] == "" or target["unit"] in text
        assert target["comparator"] in (">", ">=", "=", "<=", "<")
        assert target["item"] is None or target["item"] in keys
        if target["deadline"]:
            dt.date.fromisoformat(target["deadline"])
    for words in truth["boilerplate"]:
        assert _flat(words) in text


TRUTH = {
    "items": [
        {"key": "1", "title": "地区生产总值增长5.5%", "lead": "县发展和改革局", "co": [],
         "deadline": None},
        {"key": "2", "title": "新建3座公共停车场", "lead": "县住建局", "co": [],
         "deadline": "2027-10-31"},
        {"key": "3", "title": "启动县档案馆新馆建设", "lead": "县文旅局", "co": [],
         "deadline": "2027-12-31"},
    ],
    "targets": [
        {"indicator": "地区生产总值", "value": 5.5, "unit": "%", "comparator": ">=",
         "deadline": None, "item": "1"},
        {"indicator": "公共停车场", "value": 3, "unit": "座", "comparator": ">=",
         "deadline": "2027-10-31", "item": "2"},
    ],
    "boilerplate": ["压实责任,逐项销号"],
}  # fmt: skip


def _task(title, lead="", deadline=None, long_running=False):
    return {"title": title, "named_lead": lead, "deadline": deadline, "long_running": long_running}


def test_the_benchmark_scores_a_hand_made_example():
    found = {
        "tasks": [
            _task("地区生产总值增长5.5%", "县发展和改革局"),
            _task("新建3座公共停车场", "县住建局", "2027-12-31"),
            _task("压实责任，逐项销号"),
        ],
        "targets": [
            {"indicator": "地区生产总值增幅", "value": 5.5, "unit": "%", "comparator": ">=",
             "deadline": None},
            {"indicator": "公共停车场", "value": 4, "unit": "座", "comparator": ">=",
             "deadline": None},
        ],
    }  # fmt: skip
    counts = recall.score(TRUTH, found)
    misses = counts.pop("misses")
    assert counts["tasks_truth"] == 3 and counts["tasks_found"] == 3
    assert counts["tasks_matched"] == 2  # the archive row is missed
    assert counts["boilerplate"] == 1  # the instruction taken for a task
    assert (counts["leads_truth"], counts["leads_right"], counts["leads_found"]) == (3, 2, 2)
    # Two deadlines in the truth: one on a missed row, one wrong (12-31 for 10-31).
    assert (counts["deadlines_truth"], counts["deadlines_right"]) == (2, 0)
    # 4 座 is not the 3 座 promised: one target matched of two, one found that is not true.
    assert (counts["targets_truth"], counts["targets_found"], counts["targets_matched"]) == (
        2,
        2,
        1,
    )
    assert counts["comparators_right"] == 1
    assert "task missed: 启动县档案馆新馆建设" in misses
    assert "target not in the truth: 公共停车场 >= 4座" in misses


@pytest.mark.parametrize(
    ("truth", "found", "same"),
    [
        ("地区生产总值", "地区生产总值增幅", True),
        ("城市社区建成嵌入式养老服务站", "城市社区建成功能完备的嵌入式养老服务站", True),
        ("新建3座公共停车场", "新建3座公共停车场。", True),
        ("地区生产总值", "固定资产投资增幅", False),
        ("", "地区生产总值", False),
    ],
)
def test_titles_and_indicators_are_alike_when_they_say_the_same(truth, found, same):
    assert recall.alike(truth, found) is same
