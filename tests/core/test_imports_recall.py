"""The scoring of ``benchmarks/imports_recall.py`` on its composed corpus
(``tests/core/sheets_corpus``: invented names), and on truths it must find wrong."""

import copy
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import imports_recall  # noqa: E402

pytestmark = [pytest.mark.django_db, pytest.mark.tree]
CORPUS = ROOT / "tests" / "core" / "sheets_corpus"


@pytest.fixture(autouse=True)
def _only_the_corpus_county(db):
    # The corpus's county is the only active tree (the test database's own is set aside).
    from mingzhu.org.models import OrgUnit

    OrgUnit.objects.update(is_active=False)


def test_the_composed_corpus_scores_as_its_truths_say():
    scores = imports_recall.score_corpus(CORPUS)
    total = scores["total"]
    assert total["sheets"] == 16 and total["sheet_right"] == 16
    assert total["data_rows"] == 29 and total["imported_right"] == 29
    assert total["wrongly_refused"] == 0
    assert total["refusals"] == 15 and total["refused_right"] == 15
    assert total["non_data"] == 14 and total["non_data_imported"] == 0
    assert total["done_rows"] == 2 and total["done_left_out"] == 2
    assert (total["units_right"], total["unit_fields"]) == (43, 43)
    assert (total["deadlines_right"], total["deadline_fields"]) == (22, 22)
    assert (total["amounts_right"], total["amount_fields"]) == (19, 19)
    importers = {s["importer"] for s in scores["sheets"].values()}
    assert importers == set(imports_recall.RUNNERS)
    assert "total (16 sheets)" in imports_recall.report(scores)
    assert not [m for s in scores["sheets"].values() for m in s["misses"]]


def test_a_wrong_truth_of_a_ledger_kept_for_months_is_counted_as_a_miss():
    truth = copy.deepcopy(_truth("p-tasks-months"))
    outcome = imports_recall.run_sheet(CORPUS / "p-tasks-months.xlsx", truth)
    rows = {r["row"]: r for r in truth["rows"]}
    rows[3]["created_on"] = "2026-02-01"  # the sheet says 交办时间 2025年10月8日
    rows[4].update(expect="create", title="清理拖欠企业账款", lead="青禾县财政局")
    rows[4].update(co_units=[], deadline="2026-01-15")  # 已办结: left out
    rows[6] = {"row": 6, "expect": "done"}  # 已完成前期工作 is progress: imported
    truth["rows"] = list(rows.values())
    s = imports_recall.score_sheet(truth, outcome)
    assert (s["done_left_out"], s["done_rows"]) == (1, 2)
    assert s["wrongly_refused"] == 1 and s["imported_right"] == 1
    assert (s["deadlines_right"], s["deadline_fields"]) == (3, 4)
    assert any("row 3" in m and "created on" in m for m in s["misses"])
    assert any("row 4" in m and "left out as done" in m for m in s["misses"])
    assert any("row 6" in m and "marked done, not left out (imported)" in m for m in s["misses"])


def _truth(name):
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def test_a_wrong_truth_is_counted_as_a_miss():
    truth = copy.deepcopy(_truth("a-tasks-plain"))
    outcome = imports_recall.run_sheet(CORPUS / "a-tasks-plain.xlsx", truth)
    truth["rows"][1]["deadline"] = "2026-06-30"  # the sheet says 2026年12月底
    truth["rows"][1]["lead"] = "青禾县财政局"
    truth["rows"][0] = {
        "row": 5,
        "expect": "create",
        "title": "一、经济发展",
        "lead": "",
        "co_units": [],
        "deadline": "2026-12-31",
    }
    s = imports_recall.score_sheet(truth, outcome)
    assert s["data_rows"] == 4 and s["imported_right"] == 2 and s["wrongly_refused"] == 1
    assert (s["units_right"], s["unit_fields"]) == (5, 6)
    assert (s["deadlines_right"], s["deadline_fields"]) == (2, 3)
    assert any("row 6" in miss and "deadline" in miss for miss in s["misses"])


def test_a_sheet_refused_for_other_columns_than_the_truths_is_a_miss():
    truth = copy.deepcopy(_truth("c-projects-ledger"))
    truth["sheet"] = {"read": False, "missing": ["产业链"]}
    outcome = {"read": False, "message": "缺少列：产业链、洽谈日期", "created": {}, "errors": []}
    assert not imports_recall.score_sheet(truth, outcome)["sheet_right"]
    outcome["message"] = "缺少列：产业链"
    assert imports_recall.score_sheet(truth, outcome)["sheet_right"]


def test_a_wrong_truth_of_a_register_is_counted_as_a_miss():
    truth = copy.deepcopy(_truth("f-party-roll"))
    outcome = imports_recall.run_sheet(CORPUS / "f-party-roll.xlsx", truth)
    truth["rows"][1]["role"] = "member"  # the roll says 组织委员
    truth["rows"][0]["village"] = "白水村民委员会"
    s = imports_recall.score_sheet(truth, outcome)
    assert s["data_rows"] == 2 and s["imported_right"] == 0
    assert (s["units_right"], s["unit_fields"]) == (3, 4)
    assert any("row 4" in miss and "role" in miss for miss in s["misses"])


def test_amounts_are_compared_as_numbers_and_an_empty_one_as_none():
    truth = copy.deepcopy(_truth("d-enterprises-register"))
    outcome = imports_recall.run_sheet(CORPUS / "d-enterprises-register.xlsx", truth)
    truth["rows"][0]["land_mu"] = "42.50"
    truth["rows"][1]["land_mu"] = 0  # the register says 租赁: no land, not 0 亩
    s = imports_recall.score_sheet(truth, outcome)
    assert (s["amounts_right"], s["amount_fields"]) == (1, 2)
