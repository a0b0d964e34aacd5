import datetime as dt
import json
import re
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from mingzhu.core.testing import import_through_page
from mingzhu.projects import actions
from mingzhu.projects.models import FactorRequest, Inspection, Project

from .conftest import evidence

LEDGER = "/projects/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("leader", 200),
        ("supervisor", 200),
        ("sanmao", 200),
        ("xinba", 200),
        ("fgw", 200),
        ("grid_worker", 403),
        ("enterprise_user", 403),
        ("outsider", 403),
    ],
)
def test_it_guards_the_ledger(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(LEDGER).status_code == status


def test_a_town_sees_and_edits_its_own_projects_only(as_user, make_project, xinba, sanmao):
    own = make_project(town="YZ-XINBA", name="新坝自己的项目")
    other = make_project(town="321182001000", name="三茅的项目")
    client = as_user(xinba)
    page = client.get(f"{LEDGER}?q=的项目").content.decode()
    assert "新坝自己的项目" in page and "三茅的项目" not in page
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(f"/projects/{own.pk}/edit/").status_code == 200
    assert client.get(f"/projects/{other.pk}/edit/").status_code == 404
    assert client.get(f"/projects/{other.pk}/history/").status_code == 404
    response = client.post(
        f"/projects/{own.pk}/edit/",
        {
            "name": "新坝自己的项目",
            "investor": "新投资方",
            "chain": "port",
            "total_investment": "35000",
            "foreign_investment": "0",
            "town": own.town_id,
            "negotiating_on": "2025-01-10",
            "party_branch_members": "5",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.investor == "新投资方" and own.stage == "negotiating"


def test_a_town_cannot_move_a_project_to_another_town(as_user, make_project, xinba, unit):
    own = make_project(town="YZ-XINBA")
    response = as_user(xinba).post(
        f"/projects/{own.pk}/edit/",
        {
            "name": own.name,
            "investor": own.investor,
            "chain": own.chain,
            "total_investment": "1000",
            "foreign_investment": "0",
            "town": unit("321182001000").pk,
            "negotiating_on": "2025-01-10",
            "party_branch_members": "0",
        },
    )
    assert response.status_code == 200  # the form again, with the town refused
    own.refresh_from_db()
    assert own.town.code == "YZ-XINBA"


def test_the_form_refuses_foreign_capital_above_the_total(as_user, xinba, unit):
    response = as_user(xinba).post(
        "/projects/add/",
        {
            "name": "外资过多",
            "investor": "x",
            "chain": "other",
            "total_investment": "100",
            "foreign_investment": "200",
            "town": unit("YZ-XINBA").pk,
            "negotiating_on": "2025-01-10",
            "party_branch_members": "0",
        },
    )
    assert response.status_code == 200
    assert not Project.objects.filter(name="外资过多").exists()


def test_the_leader_reads_but_does_not_edit(as_user, make_project, leader):
    project = make_project()
    client = as_user(leader)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="timeline"' in page and 'id="action-move"' not in page
    assert client.get(f"/projects/{project.pk}/edit/").status_code == 404
    assert client.get(f"/projects/{project.pk}/move/").status_code == 403


def test_the_detail_shows_the_light_and_the_chart(as_user, make_project, xinba):
    project = make_project()
    today = timezone.localdate()
    actions.record_investment(
        project.pk, actor=xinba, year=today.year, planned=1200, monthly={1: 1200}
    )
    page = as_user(xinba).get(project.get_absolute_url()).content.decode()
    assert 'id="investment-chart"' in page and 'id="light"' in page
    assert "light" in page and 'id="action-move"' in page


def test_it_moves_a_project_from_its_page(as_user, make_project, xinba):
    project = make_project()
    client = as_user(xinba)
    url = f"/projects/{project.pk}/move/"
    assert client.get(url).status_code == 200
    missing = client.post(url, {"to_stage": "signed", "on": "2025-02-01"})
    assert missing.status_code == 400 and "evidence" in missing.content.decode().lower()
    skip = client.post(url, {"to_stage": "landed", "on": "2025-02-01", "evidence": evidence()})
    assert skip.status_code == 400
    ok = client.post(url, {"to_stage": "signed", "on": "2025-02-01", "evidence": evidence()})
    assert ok.status_code == 302
    project.refresh_from_db()
    assert project.stage == "signed"
    change = project.stage_changes.get()
    download = client.get(f"/projects/evidence/{change.pk}/")
    assert download.status_code == 200


def test_the_evidence_stays_within_scope(as_user, make_project, xinba, sanmao):
    project = make_project()
    actions.advance_project(
        project.pk, actor=xinba, to_stage="signed", on=dt.date(2025, 2, 1), evidence=evidence()
    )
    change = project.stage_changes.get()
    assert as_user(sanmao).get(f"/projects/evidence/{change.pk}/").status_code == 404


def test_it_records_investment_from_the_page(as_user, make_project, xinba):
    project = make_project()
    client = as_user(xinba)
    url = f"/projects/{project.pk}/investment/"
    bad = client.post(url, {"year": "2025", "month": "3", "completed": "-5"})
    assert bad.status_code == 400
    none = client.post(url, {"year": "2025"})
    assert none.status_code == 400
    ok = client.post(url, {"year": "2025", "planned": "1200", "month": "3", "completed": "80"})
    assert ok.status_code == 302
    assert project.plans.get().planned == 1200 and project.monthly.get().completed == 80


def test_it_raises_a_factor_request_from_the_page(as_user, make_project, xinba, supervisor):
    project = make_project()
    url = f"/projects/{project.pk}/factor-request/"
    needed = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    bad = as_user(xinba).post(
        url, {"kind": "land", "quantity": "10", "unit": "person", "needed_by": needed}
    )
    assert bad.status_code == 400
    ok = as_user(xinba).post(
        url, {"kind": "land", "quantity": "10", "unit": "mu", "needed_by": needed}
    )
    assert ok.status_code == 302
    request = FactorRequest.objects.get(project=project)
    page = as_user(supervisor).get(request.get_absolute_url()).content.decode()
    assert 'id="action-dispatch"' in page
    assert (
        'id="action-dispatch"'
        not in as_user(xinba).get(request.get_absolute_url()).content.decode()
    )
    dispatch = f"/projects/factor-requests/{request.pk}/dispatch/"
    assert as_user(xinba).post(dispatch, {}).status_code == 403
    assert as_user(supervisor).post(dispatch, {"comment": "请办理"}).status_code == 302
    request.refresh_from_db()
    assert request.task.lead_unit.code == "YZ-DEPT-ZRZY"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("leader", 200), ("supervisor", 200), ("xinba", 200), ("fgw", 200), ("outsider", 403)],
)
def test_it_guards_the_factor_request_list(as_user, request, persona, status):
    assert (
        as_user(request.getfixturevalue(persona)).get("/projects/factor-requests/").status_code
        == status
    )


def test_the_department_sees_its_requests_but_not_the_others(as_user, fgw, czj):
    energy = FactorRequest.objects.filter(kind="energy", task__isnull=False).first()
    assert as_user(fgw).get(energy.get_absolute_url()).status_code == 200
    assert as_user(czj).get(energy.get_absolute_url()).status_code == 404


def test_it_guards_the_inspections(as_user, leader, supervisor, xinba, outsider):
    inspection = Inspection.objects.filter(scores__project__town__code="YZ-XINBA").first()
    other = Inspection.objects.exclude(scores__project__town__code="YZ-XINBA").first()
    assert as_user(xinba).get("/projects/inspections/").status_code == 200
    assert as_user(xinba).get(inspection.get_absolute_url()).status_code == 200
    if other is not None:
        assert as_user(xinba).get(other.get_absolute_url()).status_code == 404
    assert as_user(outsider).get("/projects/inspections/").status_code == 403
    assert as_user(xinba).get("/projects/inspections/add/").status_code == 403
    assert as_user(leader).get("/projects/inspections/add/").status_code == 200
    response = as_user(leader).post(
        "/projects/inspections/add/", {"title": "测试观摩", "date": "2025-05-01", "remarks": ""}
    )
    assert response.status_code == 302
    created = Inspection.objects.get(title="测试观摩")
    project = Project.objects.filter(town__code="YZ-XINBA").first()
    score = as_user(supervisor).post(
        f"/projects/inspections/{created.pk}/score/", {"project": project.pk, "score": "101"}
    )
    assert score.status_code == 400
    score = as_user(supervisor).post(
        f"/projects/inspections/{created.pk}/score/", {"project": project.pk, "score": "92"}
    )
    assert score.status_code == 302
    assert as_user(xinba).get(created.get_absolute_url()).status_code == 200
    # Scored on two projects, the inspection is still one object on every page of it.
    second = Project.objects.exclude(pk=project.pk).first()
    as_user(supervisor).post(
        f"/projects/inspections/{created.pk}/score/", {"project": second.pk, "score": "80"}
    )
    assert created.scores.count() == 2
    for page in ("", "history/", "edit/", "delete/"):
        url = f"/projects/inspections/{created.pk}/{page}"
        assert as_user(supervisor).get(url).status_code == 200, url


def test_the_funnel_counts_by_stage_and_tier(as_user, xinba, leader):
    page = as_user(leader).get("/projects/funnel/").content.decode()
    assert 'id="funnel-stages"' in page and 'id="tier-50yi"' in page
    # The chart's data is an ECharts option the page draws as it is: a funnel of the
    # stages reached, not the bare rows (which draw nothing).
    chart = json.loads(re.search(r'id="funnel-data"[^>]*>(.*?)</script>', page).group(1))
    (series,) = chart["series"]
    assert series["type"] == "funnel"
    assert len(series["data"]) >= 5 and series["data"][0]["value"] > 0
    total = Project.objects.count()
    assert as_user(xinba).get("/projects/funnel/").status_code == 200
    from mingzhu.projects.views import funnel_rows

    rows = funnel_rows(Project.objects.all())
    assert sum(s["count"] for s in rows["stages"]) == total
    assert sum(t["count"] for t in rows["tiers"]) == total
    assert rows["reached"][0]["value"] == total - rows["stages"][-1]["count"]


def test_it_exports_the_ledger_and_imports_it_back(as_user, supervisor, xinba):
    response = as_user(xinba).get(f"{LEDGER}?export=xlsx")
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    rows = list(wb.active.iter_rows(min_row=2, values_only=True))
    header = list(rows[0])
    assert header[:8] == [
        "项目名称",
        "投资方",
        "产业链",
        "总投资（万元）",
        "其中外资（万元）",
        "所在镇（街道、园区）",
        "港产城融合区",
        "洽谈日期",
    ]
    assert len(rows) - 1 == Project.objects.filter(town__code="YZ-XINBA").count()
    # The same rows again match the ledger's projects (town and name): nothing new.
    before = Project.objects.count()
    flagged = Project.objects.filter(is_illustrative=True).count()
    again = as_user(xinba).post("/projects/import/", {"file": _upload(rows)}, format="multipart")
    assert again.status_code == 200 and not again.context["to_create"]
    assert again.context["preview"].unchanged == len(rows) - 1
    import_through_page(as_user(xinba), "/projects/import/", {"file": _upload(rows)})
    assert Project.objects.count() == before
    assert Project.objects.filter(is_illustrative=True).count() == flagged


def _upload(rows, name="projects.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


HEADER = [
    "项目名称",
    "投资方",
    "产业链",
    "总投资（万元）",
    "所在镇（街道、园区）",
    "洽谈日期",
    "港产城融合区",
]


def test_it_imports_good_rows(as_user, xinba):
    rows = [
        HEADER,
        ["导入项目甲", "甲公司", "光伏新能源", 35000, "新坝镇", "2025-03-01", "否"],
        ["导入项目乙", "乙公司", "先进装备制造", 8000, "新坝", "2025-03-02", "是"],
    ]
    response = import_through_page(as_user(xinba), "/projects/import/", {"file": _upload(rows)})
    assert response.status_code == 302
    b = Project.objects.get(name="导入项目乙")
    assert b.town.code == "YZ-XINBA" and b.in_port_zone and b.stage == "negotiating"


def test_the_import_reads_days_as_offices_write_them(as_user, xinba):
    rows = [
        HEADER,
        ["斜线日期项目", "甲公司", "光伏新能源", 100, "新坝镇", "2025/3/1", "否"],
        ["点号日期项目", "甲公司", "光伏新能源", 100, "新坝镇", "2025.03.02", "否"],
        ["中文日期项目", "甲公司", "光伏新能源", 100, "新坝镇", "2025年3月3日", "否"],
    ]
    response = import_through_page(as_user(xinba), "/projects/import/", {"file": _upload(rows)})
    assert response.status_code == 302
    days = dict(
        Project.objects.filter(name__endswith="日期项目").values_list("name", "negotiating_on")
    )
    assert days == {
        "斜线日期项目": dt.date(2025, 3, 1),
        "点号日期项目": dt.date(2025, 3, 2),
        "中文日期项目": dt.date(2025, 3, 3),
    }


def test_the_import_names_every_bad_row_and_writes_nothing(as_user, xinba):
    rows = [
        HEADER,
        ["好项目", "甲公司", "光伏新能源", 35000, "新坝镇", "2025-03-01", "否"],
        ["外镇项目", "甲公司", "光伏新能源", 35000, "三茅街道", "2025-03-01", "否"],
        ["负数项目", "甲公司", "光伏新能源", -1, "新坝镇", "2025-03-01", "否"],
        ["好项目", "乙公司", "工程电气", 100, "新坝镇", "2025-03-01", "否"],
        ["无名镇项目", "丙公司", "不存在的链", 100, "无名镇", "昨天", "也许"],
    ]
    response = as_user(xinba).post("/projects/import/", {"file": _upload(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 3, 所在镇（街道、园区）" in page  # outside xinba's scope
    assert "Row 4, 总投资（万元）" in page
    assert "Row 5, 项目名称: Duplicate of row 2" in page
    assert "Row 6, 产业链" in page and "Row 6, 洽谈日期" in page and "Row 6, 港产城融合区" in page
    assert not Project.objects.filter(name="好项目").exists()


def test_the_import_names_a_missing_column(as_user, xinba):
    # 产业链 and 洽谈日期 may be missing (a 重点项目 ledger has neither); 总投资 may not.
    rows = [[h for h in HEADER if h != "总投资（万元）"], ["x", "y", "其他", "新坝镇", "", "否"]]
    response = as_user(xinba).post("/projects/import/", {"file": _upload(rows)})
    assert response.status_code == 400 and "总投资" in response.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    junk = SimpleUploadedFile("x.xlsx", b"junk")
    assert as_user(xinba).post("/projects/import/", {"file": junk}).status_code == 400


@pytest.mark.parametrize(
    ("persona", "status"), [("xinba", 200), ("leader", 403), ("outsider", 403)]
)
def test_it_guards_the_import_page(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get("/projects/import/").status_code == status


def test_the_cockpit_shows_the_projects_panel(as_user, leader, grid_worker):
    page = as_user(leader).get("/").content.decode()
    assert 'id="panel-projects"' in page and 'id="major-projects"' in page
    assert 'id="panel-projects"' not in as_user(grid_worker).get("/").content.decode()


def test_factor_routes_are_for_the_office(as_user, supervisor, xinba, unit):
    assert as_user(supervisor).get("/projects/routes/add/").status_code == 200
    assert as_user(xinba).get("/projects/routes/add/").status_code == 403
    response = as_user(supervisor).post(
        "/projects/routes/add/",
        {"kind": "labour", "department": unit("YZ-DEPT-MZJ").pk, "time_limit_days": "5"},
    )
    assert response.status_code == 302


def test_the_ledger_s_queries_do_not_grow_with_its_rows(as_user, leader, make_project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(leader)
    # A write of the test's own transaction first, as below: the ledger is then read afresh
    # both times, never from what the process keeps (core.results).
    make_project(name="先多一个项目", total=99_999)
    client.get(LEDGER)
    with CaptureQueriesContext(connection) as before:
        assert client.get(LEDGER).status_code == 200
    for n in range(30):
        make_project(name=f"多一个项目{n}", total=100_000 + n)
    with CaptureQueriesContext(connection) as after:
        assert client.get(LEDGER).status_code == 200
    assert 0 < len(after) == len(before)


def test_the_exported_file_itself_imports_again_changing_nothing(as_user, xinba):
    from auditlog.models import LogEntry

    client = as_user(xinba)
    exported = client.get(LEDGER, {"export": "xlsx"})
    upload = BytesIO(exported.content)
    upload.name = "projects.xlsx"  # the title row above the header as exported
    fields = ["pk", "name", "investor", "chain", "total_investment", "foreign_investment"]
    fields += ["town_id", "in_port_zone", "negotiating_on", "description", "stage"]
    fields += ["is_illustrative"]
    before = list(Project.objects.order_by("pk").values(*fields))
    entries = LogEntry.objects.count()
    preview = client.post("/projects/import/", {"file": upload})
    assert preview.status_code == 200, preview.context.get("errors")
    result = preview.context["preview"]
    assert (result.created, result.updated, result.errors) == (0, 0, [])
    assert result.unchanged == Project.objects.filter(town__code="YZ-XINBA").count()
    assert (
        client.post("/projects/import/", {"staged": preview.context["staged"]}).status_code == 302
    )
    assert list(Project.objects.order_by("pk").values(*fields)) == before
    assert LogEntry.objects.count() == entries


def test_the_template_reads_back_and_explains_its_columns(as_user, xinba):
    from mingzhu.core.tabular import read_table
    from mingzhu.projects.importer import COLUMNS

    page = as_user(xinba).get("/projects/import/").content.decode()
    assert "/projects/template/" in page
    response = as_user(xinba).get("/projects/template/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert sheet["A2"].value == "示例"
    notes = list(book.worksheets[1].iter_rows(min_row=2, max_col=3, values_only=True))
    assert all(row[2] for row in notes if row[0] and row[1])
    towns = [c.value for c in book.worksheets[-1]["B"]]
    assert "新坝镇" in towns and "三茅街道" not in towns  # the towns in xinba's scope
    assert len(sheet.data_validations.dataValidation) == 4  # chain, town, 是/否, stage
    assert read_table(BytesIO(response.content), COLUMNS).rows == []


@pytest.mark.parametrize(
    ("persona", "status"), [("xinba", 200), ("leader", 403), ("outsider", 403)]
)
def test_it_guards_the_template(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/projects/template/").status_code == status


def test_the_import_template_offers_only_active_towns(as_user, supervisor):
    from mingzhu.org.models import OrgUnit

    def offered():
        response = as_user(supervisor).get("/projects/template/")
        assert response.status_code == 200
        wb = load_workbook(BytesIO(response.content))
        return {
            cell for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for cell in row
        }

    assert "新坝镇" in offered()
    OrgUnit.objects.filter(code="YZ-XINBA").update(is_active=False)
    assert "新坝镇" not in offered()
