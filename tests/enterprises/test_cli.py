import csv
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from mingzhu.enterprises import credit
from mingzhu.enterprises.table_input import COLUMNS

CODES = [credit.complete(f"91321182CL{n:07d}") for n in range(1, 8)]
HEADER = [en for en, _zh in COLUMNS]


def row(code, scale="above", land="10", tax="100", **extra):
    values = {
        "credit_code": code,
        "name": f"企业{code[-4:]}",
        "town": "新坝镇",
        "scale": scale,
        "land_mu": land,
        "tax": tax,
        "sales": "1000",
        "value_added": "100",
        "energy_tce": "10",
        "electricity": "100",
        "emissions": "1",
        "rd_expense": "10",
        "employees": "10",
        "exempt_reason": "",
        "veto_reason": "",
        "bonus": "",
    }
    return values | extra


def write_csv(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(en, "") for en, _zh in COLUMNS])
    return path


def evaluate(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("mu", "evaluate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_json_shape(tmp_path, db):
    rows = [row(CODES[0], tax="200"), row(CODES[1]), row(CODES[2], scale="below", land="2")]
    out, _err = evaluate(
        "--year", "2025", "--input", str(write_csv(tmp_path / "in.csv", rows)), "--json"
    )
    data = json.loads(out)
    assert set(data) == {"year", "groups", "results"} and data["year"] == 2025
    assert set(data["groups"]) == {"above", "below"}
    assert set(data["groups"]["above"]) == {"benchmarks", "counts"}
    assert data["groups"]["above"]["benchmarks"]["tax_per_mu"] == 15.0
    first, _second, out_of_scope = data["results"]
    assert set(first) == {
        "credit_code",
        "name",
        "town",
        "group",
        "score",
        "rank",
        "class",
        "indicators",
        "extra_cost",
    }
    assert first["class"] == "B" and first["rank"] == 1 and first["town"] == "新坝镇"
    assert first["indicators"]["tax_per_mu"] == {"value": 20.0, "benchmark": 15.0, "ratio": 1.3333}
    assert out_of_scope["class"] is None and out_of_scope["score"] is None


def test_chinese_headers_and_lower_case_codes(tmp_path, db):
    rows = [row(CODES[0].lower()), row(CODES[1])]
    path = write_csv(tmp_path / "zh.csv", rows, header=[zh for _en, zh in COLUMNS])
    out, _err = evaluate("--year", "2025", "--input", str(path), "--json")
    assert [r["credit_code"] for r in json.loads(out)["results"]] == CODES[:2]


def test_invalid_rows_stop_the_run_with_one_message_per_row(tmp_path, db):
    rows = [
        row(CODES[0]),
        row(CODES[0][:17] + "0" if CODES[0][17] != "0" else CODES[0][:17] + "1"),  # bad check
        row(CODES[2], tax="-5"),  # negative
        row(CODES[0]),  # duplicate of row 2
        row(CODES[4], land=""),  # in scope, no land
        row(CODES[5], scale="below", land=""),  # out of scope: fine
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("mu", "evaluate", "--year", "2025", "--input", str(path), stderr=err)
    assert exc.value.returncode == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 4
    assert [int(re.search(r"\d+", line).group()) for line in lines] == [3, 4, 5, 6]
    assert "credit_code" in lines[0] and "tax" in lines[1] and "land_mu" in lines[3]
    assert "credit_code" in lines[2]  # the duplicate


def test_one_message_names_every_bad_field_of_a_row(tmp_path, db):
    path = write_csv(tmp_path / "two.csv", [row("123", tax="-1")])
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("mu", "evaluate", "--year", "2025", "--input", str(path), stderr=err)
    (line,) = err.getvalue().strip().splitlines()
    assert "credit_code" in line and "tax" in line


def test_skip_invalid_evaluates_the_rest(tmp_path, db):
    rows = [row(CODES[0]), row(CODES[1], tax="abc"), row(CODES[2])]
    out, err = evaluate(
        "--year",
        "2025",
        "--input",
        str(write_csv(tmp_path / "s.csv", rows)),
        "--json",
        "--skip-invalid",
    )
    assert [r["credit_code"] for r in json.loads(out)["results"]] == [CODES[0], CODES[2]]
    assert "tax" in err


def test_xlsx_input_and_export(tmp_path, db):
    wb = Workbook()
    ws = wb.active
    ws.append([zh for _en, zh in COLUMNS])
    for r in (row(CODES[0]), row(CODES[1], tax="300")):
        ws.append([r.get(en, "") for en, _zh in COLUMNS])
    source = tmp_path / "in.xlsx"
    wb.save(source)
    target = tmp_path / "out.xlsx"
    evaluate("--year", "2025", "--input", str(source), "--export", str(target))
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "统一社会信用代码" and len(rows) == 3


def test_a_missing_file_or_bad_header_exits_2(tmp_path, db):
    with pytest.raises(CommandError) as exc:
        evaluate("--year", "2025", "--input", str(tmp_path / "none.csv"))
    assert exc.value.returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        evaluate("--year", "2025", "--input", str(bad))
    assert exc.value.returncode == 2


def test_without_input_it_evaluates_the_registry_and_refuses_a_published_year(db):
    out, _err = evaluate("--year", "2025", "--json")
    data = json.loads(out)
    assert len(data["results"]) == 600
    assert {r["class"] for r in data["results"]} >= {"A", "B", "C", "D", "T", None}
    with pytest.raises(CommandError) as exc:
        evaluate("--year", "2024")
    assert exc.value.returncode == 2


def test_it_evaluates_a_file_under_another_scheme_with_the_registrys_earlier_year(tmp_path, db):
    rows = [row(CODES[0], tax="200"), row(CODES[1])]
    path = str(write_csv(tmp_path / "in.csv", rows))
    out, _err = evaluate("--year", "2025", "--input", path, "--json", "--scheme", "jiangsu")
    data = json.loads(out)
    # The Jiangsu scheme's benchmarks: twice the registry's 2024 group ratio, not the file's.
    from mingzhu.enterprises.models import MuEvaluation

    stored = MuEvaluation.objects.get(year=2025, scheme_code="jiangsu").summary
    assert data["groups"]["above"]["benchmarks"] == stored["above"]["benchmarks"]
    with pytest.raises(CommandError) as exc:
        evaluate("--year", "2025", "--input", path, "--scheme", "nope")
    assert exc.value.returncode == 2
