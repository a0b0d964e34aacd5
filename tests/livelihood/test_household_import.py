"""The monitoring sheet (防止致贫返贫监测对象台账) imports as villages keep it: a title
row, the headings they use, the template's 示例 row; a household is found again by its ID
number's digest, so a second import creates nothing; errors name the row and the column;
who may import, and where."""

import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook

from mingzhu.core.testing import import_through_page, xlsx
from mingzhu.livelihood import protect
from mingzhu.livelihood.choices import Elimination
from mingzhu.livelihood.models import MonitoredHousehold
from mingzhu.livelihood.monitoring_import import import_households

from .conftest import LIXIN

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

URL = "/livelihood/households/import/"


def id_number(first17: str) -> str:
    return first17 + protect.id_check_digit(first17)


ID_A = id_number("32118219700101001")
ID_B = id_number("32118219800202002")
ID_C = id_number("32118219900303003")


def sheet(rows, name="台账.xlsx") -> io.BytesIO:
    return xlsx(rows, name=name)


HEADER = [
    "村",
    "户主",
    "身份证号码",
    "监测类型",
    "家庭人口数",
    "年度",
    "人均纯收入（元）",
    "致贫风险",
    "帮扶人",
    "纳入时间",
]


def messy():
    """A hand-made sheet: a title row, the headings offices write, an example row, risks
    written as offices do (因病、因学)."""
    return sheet(
        [
            ["立新村防止返贫监测对象台账（2025年）"],
            HEADER,
            ["示例", "示例户", "", "边缘户", 3, 2025, 9000, "因病", "示例", "2025-01-01"],
            [
                "立新村",
                "测试甲",
                ID_A,
                "边缘易致贫户",
                4,
                2025,
                8800,
                "因病、因学",
                "赵干部",
                "2025-03-01",
            ],
            [
                "立新村",
                "测试乙",
                ID_B,
                "脱贫不稳定户",
                2,
                2025,
                12000,
                "因灾",
                "赵干部",
                "2025年4月2日",
            ],
            [
                "新治村",
                "测试丙",
                ID_C,
                "突发困难户",
                5,
                2025,
                7000,
                "失业/其他",
                "钱干部",
                "2025-05-06",
            ],
        ]
    )


def test_a_messy_sheet_imports_after_a_preview_and_again_creates_nothing(as_user, xinba, unit):
    client = as_user(xinba)
    before = MonitoredHousehold.objects.count()
    preview = client.post(URL, {"file": messy()})
    assert preview.status_code == 200, preview.context.get("errors")
    assert MonitoredHousehold.objects.count() == before
    assert len(preview.context["to_create"]) == 3 and not preview.context["refused"]
    assert ID_A not in preview.content.decode()  # the page never shows the number

    done = client.post(URL, {"staged": preview.context["staged"]})
    assert done.status_code == 302
    made = {h.head_name: h for h in MonitoredHousehold.objects.filter(head_name__startswith="测试")}
    assert set(made) == {"测试甲", "测试乙", "测试丙"}
    first = made["测试甲"]
    assert first.village == unit(LIXIN) and first.household_type == "marginal"
    assert first.risk_causes == ["illness", "schooling"] and first.members == 4
    assert first.id_number() == ID_A and first.id_masked != ID_A
    assert first.id_digest == protect.digest(ID_A)
    assert made["测试乙"].identified_on.isoformat() == "2025-04-02"
    assert made["测试丙"].risk_causes == ["unemployment", "other"]
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MonitoredHousehold),
        object_id__in=[h.pk for h in made.values()],
    )
    assert entries.count() == 3 and {e.actor for e in entries} == {xinba}
    # The encrypted number stays out of the audit trail.
    assert not any("id_cipher" in (e.changes or "") for e in entries)

    again = import_through_page(client, URL, {"file": messy()})
    assert again.status_code == 302
    assert MonitoredHousehold.objects.count() == before + 3


def test_a_re_import_updates_the_sheet_columns_and_keeps_the_rest(xinba):
    import_households(messy(), actor=xinba)
    household = MonitoredHousehold.objects.get(id_digest=protect.digest(ID_A))
    household.elimination = Elimination.PROPOSED
    household.is_illustrative = True
    household.save()
    # The sheet carries no risk status and no 示例 flag: both are kept.
    upload = sheet(
        [
            HEADER,
            [
                "立新村",
                "测试甲",
                ID_A,
                "边缘易致贫户",
                4,
                2025,
                9500,
                "因病、因学",
                "孙干部",
                "2025-03-01",
            ],
        ]
    )
    result = import_households(upload, actor=xinba)
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    household.refresh_from_db()
    assert household.income_per_capita == 9500 and household.cadre == "孙干部"
    assert household.elimination == Elimination.PROPOSED and household.is_illustrative
    assert import_households(upload, actor=xinba).unchanged == 1


def test_errors_name_the_row_and_the_column_and_nothing_is_written(xinba):
    bad_check = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    upload = sheet(
        [
            HEADER,
            ["立新村", "测试甲", ID_A, "边缘户", 4, 2025, 8800, "因病", "赵干部", "2025-03-01"],
            [
                "立新村",
                "测试乙",
                bad_check,
                "边缘户",
                4,
                2025,
                8800,
                "因病",
                "赵干部",
                "2025-03-01",
            ],
            ["不存在村", "测试丙", ID_B, "贫困户", 4, 2025, 88, "因懒", "赵干部", "昨天"],
            ["立新村", "测试丁", ID_C, "边缘户", 4, 2025, 88, "因病", "赵干部", "2025-03-01"],
            ["立新村", "测试戊", ID_A, "边缘户", 4, 2025, 8800, "因病", "赵干部", "2025-03-01"],
            [
                "立新村",
                "测试己",
                int(ID_B[:-1]) * 10,
                "边缘户",
                4,
                2025,
                8800,
                "因病",
                "赵干部",
                "2025-03-01",
            ],
        ]
    )
    result = import_households(upload, actor=xinba)
    messages = [str(e) for e in result.errors]
    assert "Row 3, 身份证号码: The check digit of this ID number is wrong." in messages
    assert "Row 4, 监测类型: 脱贫不稳定户, 边缘易致贫户 or 突发严重困难户" in messages
    assert any(m.startswith("Row 4, 致贫风险: unknown risk 因懒") for m in messages)
    assert (
        "Row 4, 纳入时间: Dates must look like 2025-12-31, 2025/12/31, 2025.12.31 or "
        "2025年12月31日."
    ) in messages
    assert any(m.startswith("Row 5, 人均纯收入（元）: 88 looks like 万元") for m in messages)
    assert "Row 6, 身份证号码: the same ID number as row 2" in messages
    assert any(
        m.startswith("Row 7, 身份证号码: the ID number is stored as a number") for m in messages
    )
    assert not MonitoredHousehold.objects.filter(head_name__startswith="测试").exists()
    assert import_households(upload, actor=xinba, valid_only=True).created == 1


def test_a_village_or_household_outside_the_scope_is_refused(lixin, sanmao, xinba):
    upload = sheet(
        [
            HEADER,
            ["新治村", "测试丙", ID_C, "边缘户", 5, 2025, 7000, "因病", "钱干部", "2025-05-06"],
        ]
    )
    assert [str(e) for e in import_households(upload, actor=lixin).errors] == [
        "Row 2, 村: no village named 新治村"
    ]
    assert import_households(upload, actor=xinba).created == 1
    # The same ID number in a village of another town: never a second household.
    elsewhere = sheet(
        [
            HEADER,
            ["永胜村", "测试丙", ID_C, "边缘户", 5, 2025, 7000, "因病", "钱干部", "2025-05-06"],
        ]
    )
    assert [str(e) for e in import_households(elsewhere, actor=sanmao).errors] == [
        "Row 2, 身份证号码: this ID number is monitored in a household you may not change"
    ]
    assert MonitoredHousehold.objects.filter(id_digest=protect.digest(ID_C)).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("lixin", 200),
        ("xinba", 200),
        ("nyj", 200),
        ("supervisor", 403),
        ("fgw", 403),
        ("outsider", 403),
    ],
)
def test_who_may_import_and_download_the_template(request, as_user, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.get("/livelihood/households/template/").status_code == status
    page = client.get("/livelihood/households/")
    if page.status_code == 200:
        assert ('id="import-households"' in page.content.decode()) == (status == 200)


def test_the_template_lists_the_villages_in_scope_and_imports_back(as_user, lixin):
    reply = as_user(lixin).get("/livelihood/households/template/")
    wb = load_workbook(io.BytesIO(reply.content))
    assert [c.value for c in wb.worksheets[0][1]][:3] == ["村（社区）", "户主姓名", "身份证号"]
    hidden = next(ws for ws in wb.worksheets if ws.sheet_state == "hidden")
    assert [c.value for c in hidden["A"] if c.value][1:] == ["立新村"]
    buffer = io.BytesIO(reply.content)
    buffer.name = "模板.xlsx"
    result = import_households(buffer, actor=lixin)
    assert (result.created, result.errors) == (0, [])


MEASURES = "/livelihood/households/measures/import/"


def measures_sheet(year: int):
    return sheet(
        [
            ["立新村帮扶措施台账"],
            ["户主", "身份证号码", "措施类型", "措施内容", "牵头单位", "完成时间"],
            ["示例", "", "就业帮扶", "示例", "", ""],
            ["测试甲", ID_A, "就业帮扶", "推荐到园区企业就业", "市人社局", f"{year}年12月底"],
            ["测试甲", ID_A, "医疗帮扶", "落实大病保险", "新坝镇人民政府", f"{year}-06-30"],
        ]
    )


def test_measures_import_as_tasks_of_their_units_and_again_add_nothing(as_user, xinba, nyj, unit):
    from django.utils import timezone

    from mingzhu.livelihood.models import AssistanceMeasure

    import_households(messy(), actor=xinba)
    household = MonitoredHousehold.objects.get(id_digest=protect.digest(ID_A))
    year = timezone.localdate().year + 1
    client = as_user(nyj)
    preview = client.post(MEASURES, {"file": measures_sheet(year)})
    assert preview.status_code == 200, preview.context.get("errors")
    assert len(preview.context["to_create"]) == 2 and not household.measures.exists()
    done = client.post(MEASURES, {"staged": preview.context["staged"]})
    assert done.status_code == 302
    measures = {m.kind: m for m in household.measures.select_related("task__lead_unit")}
    assert set(measures) == {"employment", "medical"}
    assert measures["employment"].task.lead_unit.name == "人力资源和社会保障局"
    assert measures["employment"].task.deadline.isoformat() == f"{year}-12-31"
    assert measures["medical"].task.lead_unit == unit("YZ-XINBA")
    entry = LogEntry.objects.get_for_object(measures["employment"]).first()
    assert entry.actor == nyj

    again = import_through_page(client, MEASURES, {"file": measures_sheet(year)})
    assert again.status_code == 302
    assert AssistanceMeasure.objects.filter(household=household).count() == 2


def test_measure_errors_name_the_row_and_the_column(nyj, xinba):
    from mingzhu.livelihood.monitoring_import import import_measures

    import_households(messy(), actor=xinba)
    upload = sheet(
        [
            ["身份证号", "帮扶措施类型", "帮扶措施", "责任单位", "完成时限"],
            [
                ID_C[:-1] + "X" if ID_C[-1] != "X" else ID_C[:-1] + "0",
                "就业",
                "甲",
                "市人社局",
                "年底前",
            ],
            [id_number("11010519491231002"), "就业", "乙", "市人社局", "年底前"],
            [ID_A, "发钱", "丙", "火星局", "2001-01-01"],
        ]
    )
    messages = [str(e) for e in import_measures(upload, actor=nyj).errors]
    assert "Row 2, 身份证号: The check digit of this ID number is wrong." in messages
    assert "Row 3, 身份证号: no monitored household in your scope has this ID number" in messages
    assert any(m.startswith("Row 4, 帮扶措施类型: one of 产业帮扶") for m in messages)
    assert "Row 4, 责任单位: no unit named 火星局" in messages
    assert any(m.startswith("Row 4, 完成时限: The deadline 2001-01-01 is before") for m in messages)


@pytest.mark.parametrize(
    ("persona", "status"), [("nyj", 200), ("xinba", 403), ("lixin", 403), ("outsider", 403)]
)
def test_who_may_import_measures(request, as_user, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(MEASURES).status_code == status
    assert client.get("/livelihood/households/measures/template/").status_code == status


def test_the_page_names_its_columns_in_chinese_punctuation(as_user, xinba, settings):
    client = as_user(xinba)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(URL).content.decode()
    assert "列：村（社区）、户主姓名" in page
    assert "列:" not in page and "Columns" not in page
