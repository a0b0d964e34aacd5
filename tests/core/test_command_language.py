"""Every command says bad input in the platform's language: a missing or unknown argument,
a value argparse refuses, a day, a file that is not there or is a folder, a user who does
not exist or may not act, a figure out of range. The messages name what is wrong; the
commands write nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import translation

from mingzhu.core.commands import said

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _refusal(*args) -> str:
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        call_command(*args, stdout=StringIO(), stderr=StringIO())
    return str(caught.value)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("record_lights",), "缺少参数：--since"),
        (("import", "spreadsheet", "f.xlsx"), "kind：'spreadsheet' 不是可选值，可选：'tasks'"),
        (("calendar", "import", "f.xlsx", "--year", "abc"), "--year：'abc' 不是整数"),
        (("calendar", "due", "--from", "2026-01-01"), "请给出以下参数之一"),
        (
            (
                "calendar",
                "due",
                "--from",
                "2026-01-01",
                "--working-days",
                "1",
                "--working-hours",
                "2",
            ),
            "不能同时使用",
        ),
        (("token", "fgw", "--bogus"), "无法识别的参数：--bogus"),
        (("token", "fgw", "--days"), "--days 后面缺少取值"),
        (("debt", "plan", "--refi-rate", "lots"), "--refi-rate：'lots' 不是数字"),
    ],
)
def test_bad_arguments_are_said_in_chinese(fgw, args, words):
    assert words in _refusal(*args)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("supervise", "--as-of", "2026-13-45"),
            "--as-of 应为日期，格式如 2026-12-31，而不是 2026-13-45",
        ),
        (("targets", "progress", "--as-of", "yesterday"), "--as-of 应为日期"),
        (("record_lights", "--since", "2026-02-30"), "--since 应为日期"),
        (("record_lights", "--since", "2026-01-05", "--until", "2026-01-01"), "晚于最后一天"),
        (("token", "nobody"), "没有用户名为 nobody 的用户"),
        (("token", "fgw", "--days", "0"), "--days 应为 1 到"),
        (("token", "fgw", "--modules", "weather"), "未知模块：weather"),
        (
            ("mu", "evaluate", "--year", "2025", "--user", "nobody"),
            "--user nobody：没有这个用户名的在用用户",
        ),
        (
            ("mu", "evaluate", "--year", "2025", "--scheme", "nope"),
            "--scheme nope：没有这个评价方案",
        ),
        (("worker", "--interval", "0"), "--interval 应大于 0"),
        (("livelihood", "import-coverage"), "需要给出文件、--year 和 --user"),
        (("debt", "import"), "需要给出文件和 --user"),
        (
            ("import", "tasks", "f.xlsx", "--list", "L", "--user", "nobody"),
            "没有这个用户名的在用用户",
        ),
        (("import", "tasks", "f.xlsx", "--list", "L", "--user", "wangge"), "wangge 无权交办任务"),
    ],
)
def test_bad_values_are_said_in_chinese(fgw, grid_worker, args, words):
    assert words in _refusal(*args)


def test_a_file_that_is_not_there_or_is_a_folder_is_said_so(supervisor, tmp_path):
    missing = tmp_path / "没有的文件.txt"
    assert _refusal("decompose", str(missing)) == f"{missing}：找不到该文件。"
    assert _refusal("decompose", str(tmp_path)) == f"{tmp_path}：这是文件夹，不是文件。"
    assert _refusal("mu", "evaluate", "--year", "2025", "--input", str(missing)) == (
        f"{missing}：找不到该文件。"
    )
    refusal = _refusal(
        "import", "tasks", str(missing), "--list", "测试清单", "--user", "supervisor"
    )
    assert refusal == f"{missing}：找不到该文件。"
    from mingzhu.tasks.models import TaskList

    assert not TaskList.objects.filter(name="测试清单").exists()


def test_a_plan_s_figures_out_of_range_are_each_named():
    err = StringIO()
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        call_command(
            "debt", "plan", "--window", "0", "--refi-rate", "50", stdout=StringIO(), stderr=err
        )
    assert str(caught.value) == "输入有 2 处问题，未作任何处理。"
    assert err.getvalue().splitlines() == [
        "--window 0：应为 1 到 120 之间的整数（月）。",
        "--refi-rate 50.0：应为 0 到 30 之间的年利率（%）。",
    ]


def test_a_quarter_that_is_not_one_is_said_and_the_exit_status_is_2():
    err = StringIO()
    with translation.override("zh-hans"), pytest.raises(SystemExit) as caught:
        call_command("appraise", "flags", "--quarter", "2025Q9", stdout=StringIO(), stderr=err)
    assert caught.value.code == 2
    assert err.getvalue().strip() == "--quarter 2025Q9：不是季度，格式如 2025Q2。"


def test_from_the_command_line_the_usage_is_printed_with_the_chinese_reason(capsys):
    with translation.override("zh-hans"), pytest.raises(SystemExit) as caught:
        ManagementUtility(["mingzhu", "record_lights", "--skip-checks"]).execute()
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: mingzhu record_lights")
    assert err.rstrip().endswith("error: 缺少参数：--since。")


def test_in_english_the_messages_stay_english():
    with translation.override("en"):
        assert said("the following arguments are required: --since") == "Missing: --since."
        assert (
            said("argument --year: invalid int value: 'abc'")
            == "--year: 'abc' is not a whole number."
        )
        assert said("a message argparse may add one day") == "a message argparse may add one day"
