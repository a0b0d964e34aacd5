"""`mingzhu debt plan`: files in, the JSON shape out, one message per bad row, exit 2."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

HEADER = "id,entity,kind,principal,rate,maturity,refinanceable,max_defer_months\n"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("debt", "plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_plans_a_csv_and_prints_the_json_shape(tmp_path):
    path = write(
        tmp_path,
        "in.csv",
        HEADER
        + "A1,城投,bank_loan,100,12,2026-01,yes,1\nB1,城投,government_bond,40,3,2026-02,no,\n",
    )
    out, _err = run("--input", path, "--json")
    data = json.loads(out)
    assert list(data) == [
        "months",
        "due_before",
        "due_after",
        "peak_before",
        "peak_after",
        "extra_cost",
        "moves",
    ]
    assert data["months"] == ["2026-01", "2026-02"]
    assert data["due_before"] == [100.0, 40.0]
    # 100 in Jan, 40 in Feb: the lowest peak is 70 (move 30 of A1 to Feb) at 30 * 1 %.
    assert data["peak_before"] == 100.0
    assert data["peak_after"] == 70.0
    assert data["due_after"] == [70.0, 70.0]
    assert data["extra_cost"] == 0.3
    assert data["moves"] == [
        {"instrument": "A1", "from": "2026-01", "to": "2026-02", "amount": 30.0}
    ]


def test_window_refi_rate_capacity_and_chinese_headers(tmp_path):
    path = write(
        tmp_path,
        "in.csv",
        "编号,主体,类型,本金,利率,到期月份,可展期,最长展期月数\nA1,城投,银行贷款,120,6%,2026-01,是,12\n",
    )
    cap = write(tmp_path, "cap.csv", "month,capacity\n2026-01,60\n2026-03,30\n")
    data = json.loads(
        run("--input", path, "--capacity", cap, "--window", "2", "--refi-rate", "6", "--json")[0]
    )
    assert data["months"] == ["2026-01", "2026-02", "2026-03"]
    assert data["peak_before"] == 60.0
    assert data["peak_after"] == 10.0
    assert data["extra_cost"] == 0.45


def test_it_reads_a_workbook(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "id",
            "entity",
            "kind",
            "principal",
            "rate",
            "maturity",
            "refinanceable",
            "max_defer_months",
        ]
    )
    ws.append(["A1", "城投", "bank_loan", 100, 12, "2026-01", "yes", 1])
    path = tmp_path / "in.xlsx"
    wb.save(path)
    data = json.loads(run("--input", str(path), "--json")[0])
    assert data["peak_after"] == 50.0


def test_bad_rows_each_get_a_message_and_exit_status_2(tmp_path):
    path = write(
        tmp_path,
        "in.csv",
        HEADER
        + "A1,城投,bank_loan,abc,5,2026-01,yes,3\n"
        + "A1,城投,loan,100,5,2026-13,maybe,3\n"
        + ",城投,bank_loan,-5,50,2026-01,no,x\n",
    )
    with pytest.raises(CommandError) as caught:
        run("--input", path)
    assert caught.value.returncode == 2
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("debt", "plan", "--input", path, stdout=StringIO(), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert any("Row 2, principal" in line for line in lines)
    assert any("Row 3, id" in line and "row 2" in line for line in lines)
    assert any("Row 3, kind" in line for line in lines)
    assert any("Row 3, maturity" in line for line in lines)
    assert any("Row 3, refinanceable" in line for line in lines)
    assert any("Row 4, id" in line for line in lines)
    assert any("Row 4, principal" in line for line in lines)
    assert any("Row 4, rate" in line for line in lines)
    assert any("Row 4, max_defer_months" in line for line in lines)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("in.txt", "\x00\x01\x02", "Not a spreadsheet"),
        ("in.csv", "id,entity\nA,B\n", "Missing columns"),
        ("in.csv", "", "empty"),
    ],
)
def test_unreadable_files_exit_2(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("debt", "plan", "--input", path, stdout=StringIO(), stderr=err)
    assert caught.value.returncode == 2
    assert message in err.getvalue()


def test_a_missing_file_and_bad_capacity_exit_2(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "debt", "plan", "--input", str(tmp_path / "nope.csv"), stdout=StringIO(), stderr=err
        )
    assert caught.value.returncode == 2
    path = write(tmp_path, "in.csv", HEADER + "A1,城投,bank_loan,100,12,2026-01,yes,1\n")
    cap = write(tmp_path, "cap.csv", "month,capacity\n2026/01,x\n2026-02,-1\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "debt", "plan", "--input", path, "--capacity", cap, stdout=StringIO(), stderr=err
        )
    assert "Row 2, month" in err.getvalue()
    assert "Row 2, capacity" in err.getvalue()
    assert "Row 3, capacity" in err.getvalue()


def test_bad_options_exit_2(tmp_path):
    path = write(tmp_path, "in.csv", HEADER + "A1,城投,bank_loan,100,12,2026-01,yes,1\n")
    with pytest.raises(CommandError) as caught:
        run("--input", path, "--window", "0", "--refi-rate", "99")
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_without_input_it_plans_the_database():
    data = json.loads(run("--json")[0])
    assert data["peak_after"] < data["peak_before"]
    assert data["moves"]
    text, _err = run("--window", "6")
    assert "peak" in text
