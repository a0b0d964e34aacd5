"""`mingzhu decompose FILE [--json] [--xlsx OUT] [--adopt --list NAME]`."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from mingzhu.documents import seeds
from mingzhu.documents.models import PolicyDocument
from mingzhu.tasks.models import TaskList

from .texts import PLAN

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(seeds.SEED_1.encode("gbk"))
    return path


def test_it_prints_the_json(seed_file, db):
    out = io.StringIO()
    call_command("decompose", str(seed_file), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["title"] == "奋力创造“江中明珠”新的更大荣光" and data["author"] == "张德军"
    assert [t["value"] for t in data["targets"]] == [800, 50, 1500, 5, None]
    assert data["targets"][4]["deadline"] == "2023-12-31"
    assert [len(s["items"]) for s in data["sections"]] == [3, 3, 3, 3, 3]
    assert data["tasks"][11]["lead_unit"] == "财政局" and data["tasks"][11]["keyword"] == "债务"


def test_it_prints_a_summary_and_writes_the_table(seed_file, tmp_path, db):
    out = io.StringIO()
    target = tmp_path / "表.xlsx"
    call_command("decompose", str(seed_file), "--xlsx", str(target), stdout=out)
    assert "目标：GDP > 800 亿元，期限 2025-12-31" in out.getvalue()
    rows = list(load_workbook(target).active.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限")
    assert rows[3][5].date() == dt.date(2025, 12, 31)
    assert rows[4][5].date() == dt.date(2023, 12, 31)


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02", b"\x80\xff\xfe" * 10])
def test_a_bad_file_is_a_clear_error(tmp_path, data, db):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="bad.txt"):
        call_command("decompose", str(path))


def test_a_missing_file_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="nope.txt"):
        call_command("decompose", str(tmp_path / "nope.txt"))


def test_it_adopts(tmp_path, supervisor):
    path = tmp_path / "ordinals.txt"
    path.write_text("一是推进智改数转。力争高企达到 500 家以上。二是加强安全生产。", "utf-8")
    err = io.StringIO()
    call_command(
        "decompose",
        str(path),
        "--adopt",
        "--list",
        "命令行分解清单",
        "--user",
        "supervisor",
        stdout=io.StringIO(),
        stderr=err,
    )
    task_list = TaskList.objects.get(name="命令行分解清单")
    assert task_list.tasks.count() == 2 and "2 项任务" in err.getvalue()
    assert PolicyDocument.objects.get(task_list=task_list).targets.get().target.value == 500


def test_adopting_needs_a_user_who_may(tmp_path, db):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, "utf-8")
    with pytest.raises(CommandError):
        call_command("decompose", str(path), "--adopt", "--user", "fgw", stdout=io.StringIO())
    with pytest.raises(CommandError, match="没有这个用户名的在用用户"):
        call_command("decompose", str(path), "--adopt", "--user", "nobody", stdout=io.StringIO())
