"""The project import reads a county's 重点项目 ledger: projects signed or under way, with no
产业链 or 洽谈日期, and the days (签约时间, 开工时间 …) or words (在建) of their stage."""

import datetime as dt
import io
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from mingzhu.core.testing import import_through_page
from mingzhu.projects import actions
from mingzhu.projects.cockpit import projects_on
from mingzhu.projects.models import Project, StageChange

from .conftest import evidence

IMPORT = "/projects/import/"
# The columns of a 重点项目 ledger: no 产业链, no 洽谈日期.
KEY_HEADER = [
    "序号",
    "项目名称",
    "建设单位",
    "建设地点",
    "建设内容及规模",
    "总投资（万元）",
    "年度计划投资（万元）",
    "计划开工时间",
    "建设起止年限",
    "责任单位",
    "责任领导",
    "形象进度",
    "备注",
]


def _sheet(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["新坝镇2026年重点项目推进表"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(header, rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("重点项目.xlsx", _sheet(header, rows))


def _key_row(n, name, *extra, owner="青禾新材料有限公司", place="新坝镇", total=36000):
    # 计划开工时间 lies ahead: a plan, not the day construction started; it is not read.
    return [
        n,
        name,
        owner,
        place,
        "新建厂房两万平方米",
        total,
        12000,
        "2027年3月",
        "2026-2028",
        "新坝镇人民政府",
        "王某某",
        "主体施工",
        "",
        *extra,
    ]


def test_a_key_projects_ledger_without_chain_or_negotiation_imports(as_user, xinba):
    header = [*KEY_HEADER, "签约时间", "开工时间", "项目状态"]
    rows = [
        _key_row(1, "青禾新材料厂房项目", "2025-06-18", "2025年9月", "在建"),
        _key_row(2, "澄川冷链物流中心", "2025.11.02", "", ""),
        _key_row(3, "锦屏光学镜片项目", "", "", "", total="1.2亿元"),
    ]
    response = import_through_page(as_user(xinba), IMPORT, {"file": _upload(header, rows)})
    assert response.status_code == 302
    built = Project.objects.get(name="青禾新材料厂房项目")
    assert built.chain == "" and built.negotiating_on is None
    assert built.investor == "青禾新材料有限公司" and built.town.code == "YZ-XINBA"
    assert built.description == "新建厂房两万平方米"
    assert built.stage == "under_construction"
    assert (built.signed_on, built.started_on) == (dt.date(2025, 6, 18), dt.date(2025, 9, 1))
    timeline = list(built.stage_changes.values_list("from_stage", "to_stage", "on", "actor"))
    assert timeline == [
        ("negotiating", "signed", dt.date(2025, 6, 18), xinba.pk),
        ("signed", "under_construction", dt.date(2025, 9, 1), xinba.pk),
    ]
    signed = Project.objects.get(name="澄川冷链物流中心")
    assert signed.stage == "signed" and signed.started_on is None
    plain = Project.objects.get(name="锦屏光学镜片项目")
    assert plain.stage == "negotiating" and not plain.stage_changes.exists()
    assert plain.total_investment == 12000


def test_a_project_without_chain_shows_on_every_page(as_user, xinba, leader):
    rows = [_key_row(1, "无链示范项目")]
    import_through_page(as_user(xinba), IMPORT, {"file": _upload(KEY_HEADER, rows)})
    project = Project.objects.get(name="无链示范项目")
    client = as_user(leader)
    detail = client.get(project.get_absolute_url())
    assert detail.status_code == 200 and "Unclassified" in detail.content.decode()
    unclassified = client.get("/projects/", {"chain": "none"}).content.decode()
    assert "无链示范项目" in unclassified
    assert "无链示范项目" not in client.get("/projects/", {"chain": "port"}).content.decode()
    assert client.get("/projects/", {"export": "xlsx"}).status_code == 200
    api = client.get("/api/v1/projects/", {"chain": "none"}).json()
    found = [p for p in api["results"] if p["name"] == "无链示范项目"]
    assert found and found[0]["chain"] == "" and found[0]["negotiating_on"] is None
    assert client.get("/").status_code == 200


def test_a_blank_chain_cell_is_no_chain_and_an_unknown_word_is_refused(as_user, xinba):
    header = ["项目名称", "投资方", "产业链", "总投资", "建设地点"]
    blank = [header, ["空链项目", "甲公司", "", 500, "新坝镇"]]
    import_through_page(as_user(xinba), IMPORT, {"file": _upload(blank[0], blank[1:])})
    assert Project.objects.get(name="空链项目").chain == ""
    unknown = [["未知链项目", "乙公司", "新材料链", 500, "新坝镇"]]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, unknown)})
    assert response.status_code == 400
    assert "Row 3, 产业链: Unknown industry chain: 新材料链" in response.content.decode()
    assert not Project.objects.filter(name="未知链项目").exists()


def test_a_stage_without_its_day_is_refused_not_given_one(as_user, xinba):
    header = ["项目名称", "建设单位", "总投资", "建设地点", "开工时间", "项目状态"]
    rows = [
        ["有日期的在建项目", "甲公司", 500, "新坝镇", "2025-04-01", "在建"],
        ["无日期的在建项目", "乙公司", 500, "新坝镇", "", "在建"],
        ["阶段矛盾项目", "丙公司", 500, "新坝镇", "2025-04-01", "签约"],
        ["未知阶段项目", "丁公司", 500, "新坝镇", "", "规划中"],
    ]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Row 4, 开工时间: empty, but 项目状态 says 在建: the day the project reached this stage"
        " is needed here" in page
    )
    assert "Row 5, 项目状态: 签约, but 开工时间 gives the day of a later stage" in page
    assert "Row 6, 项目状态: Unknown stage: 规划中" in page
    assert not Project.objects.filter(name="有日期的在建项目").exists()  # all or nothing


def test_days_out_of_order_or_ahead_are_refused(as_user, xinba):
    header = ["项目名称", "建设单位", "总投资", "建设地点", "签约时间", "开工时间", "竣工投产时间"]
    rows = [
        ["倒序项目", "甲公司", 500, "新坝镇", "2025-08-01", "2025-03-01", ""],
        ["未来投产项目", "乙公司", 500, "新坝镇", "2025-01-01", "2025-03-01", "2099-01-01"],
    ]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, rows)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 3, 开工时间: 2025-03-01 is before the day of an earlier stage (签约时间" in page
    assert "Row 4, 竣工投产时间" in page and "2099-01-01" in page
    assert not Project.objects.filter(name__in=["倒序项目", "未来投产项目"]).exists()


def test_a_ledger_row_moves_a_stored_project_forward_once(as_user, xinba, make_project):
    project = make_project(name="已在台账的项目", town="YZ-XINBA")
    header = ["项目名称", "建设单位", "总投资", "建设地点", "签约时间", "项目状态"]
    rows = [["已在台账的项目", "测试投资方", 20000, "新坝镇", "2025年5月", "签约"]]
    import_through_page(as_user(xinba), IMPORT, {"file": _upload(header, rows)})
    project.refresh_from_db()
    assert project.stage == "signed" and project.signed_on == dt.date(2025, 5, 1)
    # The empty 产业链 and 洽谈日期 of this ledger do not wipe what the project had.
    assert project.chain == "electrical" and project.negotiating_on == dt.date(2025, 1, 10)
    again = as_user(xinba).post(IMPORT, {"file": _upload(header, rows)})
    assert again.status_code == 200 and again.context["preview"].unchanged == 1
    assert StageChange.objects.filter(project=project).count() == 1
    # A signing day before the project's last stage change is refused.
    earlier = make_project(name="早已签约的项目", town="YZ-XINBA")
    actions.advance_project(
        earlier, actor=xinba, to_stage="signed", on=dt.date(2025, 6, 1), evidence=evidence()
    )
    late = [["早已签约的项目", "测试投资方", 20000, "新坝镇", "2025-02-01", "开工"]]
    header[4:] = ["开工时间", "项目状态"]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, late)})
    assert response.status_code == 400
    assert (
        "Row 3, 开工时间: The date is before the project&#x27;s last stage change (2025-06-01)"
        in response.content.decode()
    )


def test_the_command_imports_a_ledger_and_refuses_who_may_not(tmp_path, xinba, leader):
    path = tmp_path / "重点项目.xlsx"
    header = [*KEY_HEADER, "开工时间", "项目状态"]
    path.write_bytes(_sheet(header, [_key_row(1, "命令行导入项目", "2025-10-08", "在建")]))
    out = io.StringIO()
    call_command("import", "projects", str(path), "--user", xinba.username, stdout=out)
    assert "1 new" in out.getvalue()
    project = Project.objects.get(name="命令行导入项目")
    assert project.stage == "under_construction" and project.started_on == dt.date(2025, 10, 8)
    with pytest.raises(CommandError, match="may not"):
        call_command("import", "projects", str(path), "--user", leader.username, stdout=out)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(_sheet(header, [_key_row(1, "命令行坏项目", "", "在建")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command(
            "import", "projects", str(bad), "--user", xinba.username, stdout=out, stderr=err
        )
    assert "项目状态" in err.getvalue() and not Project.objects.filter(name="命令行坏项目").exists()


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("fgw", 403), ("outsider", 403)])
def test_who_may_not_import_writes_nothing(as_user, request, persona, status):
    rows = [_key_row(1, "无权导入的项目")]
    client = as_user(request.getfixturevalue(persona))
    assert client.post(IMPORT, {"file": _upload(KEY_HEADER, rows)}).status_code == status
    assert not Project.objects.filter(name="无权导入的项目").exists()


def test_the_template_names_the_stage_columns(as_user, xinba):
    from openpyxl import load_workbook

    response = as_user(xinba).get("/projects/template/")
    header = [c.value for c in load_workbook(BytesIO(response.content)).active[1]]
    for heading in ("产业链", "洽谈日期", "签约时间", "开工时间", "竣工投产时间", "项目状态"):
        assert heading in header


def test_a_project_without_any_day_moves_on_and_counts_in_the_past(xinba, make_project):
    project = make_project(name="无日期项目", negotiating_on=None, chain="")
    actions.advance_project(
        project, actor=xinba, to_stage="signed", on=dt.date(2025, 3, 1), evidence=evidence()
    )
    project.refresh_from_db()
    assert project.stage == "signed"
    # In the past it exists from its first stage's day, at the stage it had then.
    one = Project.objects.filter(pk=project.pk)
    assert not projects_on(one, dt.date(2025, 2, 28)).exists()
    assert projects_on(one, dt.date(2025, 3, 1)).get().stage_then == "signed"


def test_the_ledger_records_the_years_plan_and_a_new_ledger_replaces_it(as_user, xinba):
    rows = [_key_row(1, "计划投资项目"), _key_row(2, "未写计划项目")]
    rows[1][6] = ""
    import_through_page(as_user(xinba), IMPORT, {"file": _upload(KEY_HEADER, rows)})
    project = Project.objects.get(name="计划投资项目")
    # The title names 2026: the plan is that year's, in 万元 as the heading says.
    assert list(project.plans.values_list("year", "planned")) == [(2026, 12000)]
    assert not Project.objects.get(name="未写计划项目").plans.exists()
    # The office's next ledger gives another plan: it replaces the one recorded, and the
    # row counts as an update; the same ledger again changes nothing.
    rows = [_key_row(1, "计划投资项目")]
    rows[0][6] = "1.5亿元"
    response = as_user(xinba).post(IMPORT, {"file": _upload(KEY_HEADER, rows)})
    assert response.context["preview"].updated == 1
    import_through_page(as_user(xinba), IMPORT, {"file": _upload(KEY_HEADER, rows)})
    assert project.plans.get(year=2026).planned == 15000
    again = as_user(xinba).post(IMPORT, {"file": _upload(KEY_HEADER, rows)})
    assert again.context["preview"].unchanged == 1


def test_a_plan_without_a_year_in_the_title_is_this_years_and_is_checked(as_user, xinba):
    header = ["项目名称", "建设单位", "总投资（万元）", "建设地点", "年度计划投资"]
    wb = Workbook()
    wb.active.append(header)
    wb.active.append(["本年计划项目", "甲公司", 900, "新坝镇", 300])
    buffer = BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("台账.xlsx", buffer.getvalue())
    import_through_page(as_user(xinba), IMPORT, {"file": upload})
    plans = Project.objects.get(name="本年计划项目").plans
    from django.utils import timezone

    assert list(plans.values_list("year", "planned")) == [(timezone.localdate().year, 300)]
    fine = [
        ["过细计划项目", "乙公司", 900, "新坝镇", "12.345"],
        ["负计划项目", "丙公司", 900, "新坝镇", -5],
    ]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, fine)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 3, 年度计划投资: 12.345 is finer than 0.01" in page
    assert "Row 4, 年度计划投资: The amount must not be negative." in page
    assert not Project.objects.filter(name__in=["过细计划项目", "负计划项目"]).exists()


def _titled(title, header, rows) -> SimpleUploadedFile:
    wb = Workbook()
    if title:
        wb.active.append([title])
    wb.active.append(list(header))
    for row in rows:
        wb.active.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("重点项目.xlsx", buffer.getvalue())


def test_days_without_a_year_are_read_in_the_year_of_the_title(as_user, xinba):
    header = ["项目名称", "建设单位", "总投资", "建设地点", "签约时间", "开工时间", "项目状态"]
    rows = [
        ["无年签约项目", "甲公司", 500, "新坝镇", "3月23日", "", "签约"],
        ["点号日期项目", "乙公司", 500, "新坝镇", "1.15", 4.08, "在建"],
        ["只写月份项目", "丙公司", 500, "新坝镇", "2月", "", ""],
    ]
    upload = _titled("新坝镇2025年重点项目推进表", header, rows)
    response = import_through_page(as_user(xinba), IMPORT, {"file": upload})
    assert response.status_code == 302
    signed = Project.objects.get(name="无年签约项目")
    assert signed.stage == "signed" and signed.signed_on == dt.date(2025, 3, 23)
    built = Project.objects.get(name="点号日期项目")
    assert (built.signed_on, built.started_on) == (dt.date(2025, 1, 15), dt.date(2025, 4, 8))
    assert Project.objects.get(name="只写月份项目").signed_on == dt.date(2025, 2, 1)


def test_a_year_column_or_a_dated_heading_gives_the_year(as_user, xinba):
    header = ["年度", "项目名称", "建设单位", "总投资", "建设地点", "2024年签约时间", "开工时间"]
    rows = [
        ["2025年", "年度列项目", "甲公司", 500, "新坝镇", "2024-12-01", "3月23日"],
        [2026, "整数年度项目", "乙公司", 500, "新坝镇", "12月1日", "5.6"],
    ]
    response = import_through_page(as_user(xinba), IMPORT, {"file": _titled("", header, rows)})
    assert response.status_code == 302
    first = Project.objects.get(name="年度列项目")
    assert (first.signed_on, first.started_on) == (dt.date(2024, 12, 1), dt.date(2025, 3, 23))
    second = Project.objects.get(name="整数年度项目")
    # The heading's year is its column's; the 年度 the rest of the row's.
    assert (second.signed_on, second.started_on) == (dt.date(2024, 12, 1), dt.date(2026, 5, 6))


def test_a_day_without_a_year_in_a_sheet_naming_none_is_refused_at_its_cell(
    as_user, xinba, tmp_path
):
    header = ["项目名称", "建设单位", "总投资", "建设地点", "签约时间", "开工时间"]
    rows = [
        ["有年项目", "甲公司", 500, "新坝镇", "2025-03-01", ""],
        ["无年项目", "乙公司", 500, "新坝镇", "2025-03-01", "3月23日"],
        ["丢零项目", "丙公司", 500, "新坝镇", 3.1, ""],
    ]
    # Two years in the title: which one is meant cannot be told.
    upload = _titled("2024年与2025年重点项目对比", header, rows)
    response = as_user(xinba).post(IMPORT, {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 4, 开工时间: 3月23日 has no year, and the sheet names none" in page
    assert "a year is needed" in page
    assert "Row 5, 签约时间: 3.1 is a number" in page and "it may be 3.10" in page
    assert not Project.objects.filter(name__in=["有年项目", "无年项目"]).exists()
    # The command says the same.
    path = tmp_path / "无年.xlsx"
    upload.seek(0)
    path.write_bytes(upload.read())
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command(
            "import",
            "projects",
            str(path),
            "--user",
            xinba.username,
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "开工时间" in err.getvalue() and "3月23日" in err.getvalue()


def test_a_year_column_that_gives_no_year_is_named(as_user, xinba):
    header = ["年度", "项目名称", "建设单位", "总投资", "建设地点", "开工时间"]
    rows = [
        ["2024-2026", "跨年项目", "甲公司", 500, "新坝镇", "3月23日"],
        ["2024-2026", "有年日期项目", "乙公司", 500, "新坝镇", "2025-03-23"],
    ]
    upload = _titled("新坝镇2025年重点项目推进表", header, rows)
    response = as_user(xinba).post(IMPORT, {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 3, 开工时间: 3月23日 has no year, and 年度 is not a year such as 2025" in page
    # A 年度 that no day needs is not read.
    assert "Row 4" not in page


def test_a_suspended_row_of_a_project_not_in_the_system_is_refused_by_its_row(
    as_user, xinba, make_project, tmp_path
):
    header = ["项目名称", "建设单位", "总投资", "建设地点", "开工时间", "项目状态"]
    rows = [
        ["正常在建项目", "甲公司", 500, "新坝镇", "2025-04-01", "在建"],
        ["未录入的中止项目", "乙公司", 500, "新坝镇", "2025-04-01", "中止"],
    ]
    client = as_user(xinba)
    response = client.post(IMPORT, {"file": _upload(header, rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 4, 项目状态: 中止: 未录入的中止项目 is not in the system yet." in page
    assert "then suspend it on its page with the reason" in page
    assert not Project.objects.filter(name="正常在建项目").exists()  # all or nothing
    # The refusal is the row's, found before anything is written: with --valid-only the
    # good row is imported, the other not.
    path = tmp_path / "中止.xlsx"
    path.write_bytes(_sheet(header, rows))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import",
        "projects",
        str(path),
        "--user",
        xinba.username,
        "--valid-only",
        stdout=out,
        stderr=err,
    )
    assert "未录入的中止项目 is not in the system yet" in out.getvalue() + err.getvalue()
    assert Project.objects.get(name="正常在建项目").stage == "under_construction"
    assert not Project.objects.filter(name="未录入的中止项目").exists()
    # A stored project that is not suspended is not suspended by a ledger either; one
    # that is suspended stays so, unchanged.
    make_project(name="在库未中止项目", town="YZ-XINBA")
    stopped = make_project(name="在库已中止项目", town="YZ-XINBA")
    actions.advance_project(
        stopped, actor=xinba, to_stage="suspended", on=dt.date(2025, 2, 1), reason="资金未到位"
    )
    rows = [["在库未中止项目", "测试投资方", 20000, "新坝镇", "", "中止"]]
    response = client.post(IMPORT, {"file": _upload(header, rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 3, 项目状态: A project is suspended on its page, with the reason" in page
    rows = [["在库已中止项目", "测试投资方", 20000, "新坝镇", "", "中止"]]
    response = client.post(IMPORT, {"file": _upload(header, rows)})
    assert response.status_code == 200 and response.context["preview"].unchanged == 1
    stopped.refresh_from_db()
    assert stopped.stage == "suspended" and stopped.suspension_reason == "资金未到位"


def test_a_stages_missing_day_is_refused_at_the_days_column(as_user, xinba):
    header = ["项目名称", "建设单位", "总投资", "建设地点", "签约时间", "开工时间", "项目状态"]
    rows = [["缺开工日期项目", "甲公司", 500, "新坝镇", "2025-01-05", "", "在建"]]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, rows)})
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Row 3, 开工时间: empty, but 项目状态 says 在建: the day the project reached this stage"
        " is needed here" in page
    )
    # Without the day's column, the refusal is the stage's and names the column to add.
    header = ["项目名称", "建设单位", "总投资", "建设地点", "项目状态"]
    rows = [["无开工列项目", "甲公司", 500, "新坝镇", "竣工投产"]]
    response = as_user(xinba).post(IMPORT, {"file": _upload(header, rows)})
    page = response.content.decode()
    assert "Row 3, 项目状态: 竣工投产: the day the project reached this stage is missing" in page
    assert "add a 竣工投产时间 column" in page
