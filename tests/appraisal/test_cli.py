import csv
import io
import json

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import Workbook

from mingzhu.appraisal.models import AppraisalResult

HEADER = [
    "unit",
    "signed_investment",
    "signed_major_count",
    "started_major_count",
    "investment_completion",
    "completed_count",
    "inspection_score",
    "signed_30yi_count",
    "signed_50yi_count",
]
CHINESE = [
    "单位",
    "新签约项目总投资（亿元）",
    "新签约亿元以上项目数",
    "新开工亿元以上项目数",
    "投资完成率",
    "竣工投产项目数",
    "观摩得分",
    "30亿元以上项目数",
    "50亿元以上项目数",
]
ROWS = [
    ["新坝镇", 10, 2, 1, 0.8, 1, 90, 1, 0],
    ["三茅街道", 5, 1, 0, 1.2, 0, 80, 0, 0],
    ["YZ-YOUFANG", 0, 0, 0, 0.4, 0, 0, 0, 0],
]


def _csv(tmp_path, rows, header=HEADER, name="flags.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("appraise", "flags", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_it_scores_a_table_and_prints_json(db, tmp_path):
    code, out, err = _run("--quarter", "2025Q2", "--input", str(_csv(tmp_path, ROWS)), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["quarter"] == "2025Q2" and data["scheme"] == "towns_projects v1"
    scores = {s["unit"]: s for s in data["scores"]}
    assert scores["YZ-XINBA"]["score"] == pytest.approx(96.3333, abs=1e-4)
    assert scores["YZ-XINBA"]["rank"] == 1
    assert scores["321182001000"]["score"] == pytest.approx(51.3889, abs=1e-4)
    assert scores["YZ-XINBA"]["items"]["investment_completion"] == 0.8
    assert data["red"] == ["YZ-XINBA"] and data["yellow"] == ["YZ-YOUFANG"]


def test_it_accepts_chinese_headers_and_xlsx(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(CHINESE)
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "flags.xlsx"
    wb.save(path)
    code, out, err = _run("--quarter", "2025Q2", "--input", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["red"] == ["YZ-XINBA"]


def test_it_writes_the_notice(db, tmp_path):
    notice = tmp_path / "notice.docx"
    code, out, _err = _run(
        "--quarter", "2025Q2", "--input", str(_csv(tmp_path, ROWS)), "--notice", str(notice)
    )
    assert code == 0
    doc = Document(str(notice))
    assert any("2025年第二季度" in p.text and "通报" in p.text for p in doc.paragraphs)
    assert "新坝镇" in doc.tables[0].rows[1].cells[1].text
    assert "新坝镇" in out


def test_it_reports_every_bad_row_and_exits_with_2(db, tmp_path):
    rows = [
        ["无此镇", 1, 0, 0, 0, 0, 0, 0, 0],
        ["新坝镇", -1, 0, 0, 0, 0, 0, 0, 0],
        ["新坝", 1, 0, 0, 0, 0, 0, 0, 0],  # the short name of 新坝镇: a duplicate
        ["八桥镇", "abc", 1.5, 0, 0, 0, 120, 0, 0],
    ]
    notice = tmp_path / "notice.docx"
    code, out, err = _run(
        "--quarter", "2025Q2", "--input", str(_csv(tmp_path, rows)), "--notice", str(notice)
    )
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert any("Row 2" in line and "无此镇" in line for line in lines)
    assert any("Row 3" in line and "signed_investment" in line for line in lines)
    assert any("Row 4" in line and "Duplicate of row 3" in line for line in lines)
    assert any("Row 5" in line and "signed_investment" in line for line in lines)
    assert any("Row 5" in line and "signed_major_count" in line for line in lines)
    assert any("Row 5" in line and "inspection_score" in line for line in lines)
    assert len(lines) == 6
    assert not notice.exists()


def test_it_names_a_missing_column(db, tmp_path):
    header = HEADER[:-1]
    path = _csv(tmp_path, [r[:-1] for r in ROWS], header=header)
    code, _out, err = _run("--quarter", "2025Q2", "--input", str(path))
    assert code == 2 and "signed_50yi_count" in err


@pytest.mark.parametrize("quarter", ["2025Q5", "Q2", "2025-2"])
def test_it_refuses_a_bad_quarter(db, quarter):
    code, _out, err = _run("--quarter", quarter)
    assert code == 2 and "2025Q2" in err


def test_it_refuses_a_file_that_is_not_a_table(db, tmp_path):
    path = tmp_path / "flags.txt"
    path.write_text("hello")
    assert _run("--quarter", "2025Q2", "--input", str(path))[0] == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert _run("--quarter", "2025Q2", "--input", str(broken))[0] == 2
    assert _run("--quarter", "2025Q2", "--input", str(tmp_path / "missing.csv"))[0] == 2


def test_without_input_it_reads_the_project_records(db):
    published = AppraisalResult.objects.filter(
        scheme_code="towns_projects", status="published"
    ).first()
    code, out, _err = _run("--quarter", published.label, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["red"] == [published.rows.get(flag="red").unit.code]
    assert len(data["scores"]) == published.rows.count()
