import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mingzhu.livelihood.models import DispatchModel

from .test_coverage import GOOD, _xlsx


def test_it_trains_from_the_command(db):
    out = StringIO()
    call_command("livelihood", "train", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["samples"] >= 200 and 0 <= result["top1"] <= result["top3"] <= 1
    assert DispatchModel.objects.count() >= 1


def test_it_imports_coverage_from_the_command(db, tmp_path):
    path = tmp_path / "coverage.xlsx"
    path.write_bytes(_xlsx(GOOD).getvalue())
    out = StringIO()
    call_command(
        "livelihood",
        "import-coverage",
        str(path),
        "--year",
        "2031",
        "--user",
        "supervisor",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["created"] == 2
    with pytest.raises(CommandError):
        call_command(
            "livelihood", "import-coverage", str(path), "--year", "2031", "--user", "lixin"
        )
    with pytest.raises(CommandError):
        call_command(
            "livelihood",
            "import-coverage",
            str(tmp_path / "none.xlsx"),
            "--year",
            "2031",
            "--user",
            "supervisor",
        )


def test_it_fails_when_the_file_has_errors_and_nothing_was_imported(db, tmp_path):
    from mingzhu.livelihood.models import CoverageRecord

    path = tmp_path / "coverage.xlsx"
    bad = [list(GOOD[0]), ["YZ-XINBA-V02", "立新村", "基本医疗保险", 2000, "很多"]]
    path.write_bytes(_xlsx(bad).getvalue())
    before = CoverageRecord.objects.count()
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command(
            "livelihood",
            "import-coverage",
            str(path),
            "--year",
            "2031",
            "--user",
            "supervisor",
            "--json",
            stdout=out,
        )
    assert json.loads(out.getvalue())["errors"]  # the rows' errors were said first
    assert CoverageRecord.objects.count() == before
