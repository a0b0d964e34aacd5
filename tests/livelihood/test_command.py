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
