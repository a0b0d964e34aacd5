"""The fifth round of published 台账: bond and debt lists without a 主体 column (the
borrower from the title or chosen on the import page), a bond list's term for its
maturity, the coverage sheet as villages and towns keep it, the assistance measures'
own words, a 单位 column converted into the indicator's unit, and a collective name
standing for one unit. The county, its units and every sheet are invented; each sheet
is built here with ``core.testing.xlsx``."""

import datetime as dt
from decimal import Decimal

import pytest
from test_published_sheets_b import actor, county, platform
from test_published_sheets_c import indicators

from mingzhu.core.tabular import WorkbookError
from mingzhu.core.testing import xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.tree]
__all__ = ["actor", "county", "indicators", "platform"]  # fixtures of the earlier rounds


# -- debt -------------------------------------------------------------------------------


@pytest.fixture
def government(county):
    from mingzhu.risks.models import DebtEntity

    return DebtEntity.objects.create(
        name="青禾县人民政府", kind="government", unit=county["青禾县财政局"]
    )


def _company_list(title="青禾县城市建设投资有限公司债务明细表"):
    return xlsx(
        [
            [title],
            ["截止日期：2026年2月28日", None, None, None, None, None, "金额单位：元"],
            [
                "序号",
                "借款合同编号",
                "债权人",
                "融资方式",
                "借款金额",
                "债务余额",
                "借款日期",
                "到期日期",
                "年利率（%）",
            ],
            [
                1,
                "QE-01",
                "某银行",
                "银行贷款",
                "50,000,000",
                "42,000,000.00",
                "2023-05-18",
                "2028-05-17",
                3.85,
            ],
            [2, "QE-02", "某信托", "信托贷款", 30000000, 30000000, "2024-11-02", "2026-11-01", 6.8],
            ["合计", None, None, None, 80000000, 72000000, None, None, None],
        ]
    )


def test_a_companys_list_names_its_borrower_in_the_title(county, actor, platform, government):
    from mingzhu.risks.debt.io import import_instruments
    from mingzhu.risks.models import DebtInstrument

    result = import_instruments(_company_list(), actor=actor)
    assert (result.created, result.errors) == (2, [])
    first, second = DebtInstrument.objects.filter(code__startswith="QE-").order_by("code")
    assert (first.entity, first.kind, first.principal) == (platform, "bank_loan", Decimal(4200))
    assert (second.entity, second.kind, second.principal) == (platform, "non_standard", 3000)
    assert first.maturity == dt.date(2028, 5, 17)


def test_a_list_naming_no_borrower_is_refused_naming_主体_only(county, actor, platform, government):
    from mingzhu.risks.debt.io import import_instruments

    with pytest.raises(WorkbookError) as refused:
        import_instruments(_company_list("2026年债务明细表"), actor=actor)
    assert "主体" in str(refused.value)
    assert "到期" not in str(refused.value) and "本金" not in str(refused.value)


def test_a_title_naming_two_borrowers_names_none(county, actor, platform, government):
    from mingzhu.risks.debt.io import import_instruments
    from mingzhu.risks.models import DebtEntity

    DebtEntity.objects.create(
        name="青禾县城市建设投资有限公司二分公司", kind="platform", unit=county["青禾县财政局"]
    )
    with pytest.raises(WorkbookError, match="主体"):
        import_instruments(
            _company_list("青禾县城市建设投资有限公司二分公司债务明细表"), actor=actor
        )


def test_a_borrower_chosen_for_the_sheet_is_every_rows(county, actor, platform, government):
    from mingzhu.risks.debt.io import import_instruments
    from mingzhu.risks.models import DebtInstrument

    result = import_instruments(_company_list("2026年债务明细表"), actor=actor, entity=government)
    assert (result.created, result.errors) == (2, [])
    assert {i.entity for i in DebtInstrument.objects.filter(code__startswith="QE-")} == {government}


def test_the_command_takes_the_borrower_by_name(county, actor, platform, government, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command
    from django.utils import translation

    from mingzhu.risks.models import DebtInstrument

    path = tmp_path / "债务明细表.xlsx"
    path.write_bytes(_company_list("2026年债务明细表").getvalue())
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command(
            "debt", "import", str(path), "--user", actor.username, "--borrower", "某某公司",
            stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
    assert "--borrower 某某公司：没有这个名称的债务主体" in str(refused.value)
    assert not DebtInstrument.objects.filter(code__startswith="QE-").exists()
    call_command(
        "debt", "import", str(path), "--user", actor.username, "--borrower", "青禾县人民政府",
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    assert {i.entity for i in DebtInstrument.objects.filter(code__startswith="QE-")} == {government}


def _bond_list():
    return xlsx(
        [
            ["表3-1"],
            ["2025年—2026年青禾县发行的新增地方政府债券情况表"],
            [None, None, None, None, None, None, None, None, "单位：万元"],
            ["债券基本信息", None, None, None, None, None, None, "项目名称", "备注"],
            [
                "债券名称",
                "债券编码",
                "债券类型",
                "债券规模",
                "发行时间（年/月/日）",
                "债券利率",
                "债券期限",
                None,
                None,
            ],
            [
                "2025年某省政府一般债券（七期）",
                "QB-01",
                "一般",
                4710,
                "2025-7-27",
                1.98,
                "3年",
                "道路",
                None,
            ],
            [
                "2025年某省政府专项债券（九期）",
                "QB-02",
                "专项",
                12000,
                "2025-8-31",
                2.15,
                "10年",
                "厂房",
                None,
            ],
            [
                "2026年某省政府一般债券（二期）",
                "QB-03",
                "一般",
                3500,
                "2026-2-26",
                1.86,
                "五年",
                "学校",
                None,
            ],
        ],
        ["A4:G4", "H4:H5", "I4:I5"],
    )


def test_a_government_bond_list_reads_its_term_budget_and_borrower(
    county, actor, platform, government
):
    from mingzhu.risks.debt.io import import_instruments
    from mingzhu.risks.models import DebtInstrument

    result = import_instruments(_bond_list(), actor=actor, valid_only=True)
    # 五年 is no term the list's form writes (3年, 10年, 36个月): its row is refused.
    assert [(e.row, e.field) for e in result.errors] == [(8, "债券期限")]
    bonds = {i.code: i for i in DebtInstrument.objects.filter(code__startswith="QB-")}
    assert {c: (i.entity, i.kind, i.budget) for c, i in bonds.items()} == {
        "QB-01": (government, "government_bond", "general"),
        "QB-02": (government, "government_bond", "special"),
    }
    assert bonds["QB-01"].maturity == dt.date(2028, 7, 27)
    assert bonds["QB-02"].maturity == dt.date(2035, 8, 31)
    assert (bonds["QB-01"].principal, bonds["QB-01"].start) == (4710, dt.date(2025, 7, 27))


def test_a_term_in_months_and_a_month_end(county, actor, government):
    from mingzhu.risks.debt.io import import_instruments
    from mingzhu.risks.models import DebtInstrument

    sheet = xlsx(
        [
            ["青禾县政府债务明细表"],
            ["合同编号", "债务类型", "债务余额", "利率", "借款日期", "借款期限"],
            ["QM-1", "银行贷款", 100, 3.2, "2024-08-31", "18个月"],
        ]
    )
    result = import_instruments(sheet, actor=actor)
    assert (result.created, result.errors) == (1, [])
    loan = DebtInstrument.objects.get(code="QM-1")
    assert (loan.entity, loan.maturity) == (government, dt.date(2026, 2, 28))


def test_the_import_page_takes_a_borrower_for_the_sheet(as_user, django_user_model):
    from django.urls import reverse

    from mingzhu.risks.models import DebtEntity, DebtInstrument

    czj = django_user_model.objects.get(username="czj")
    client = as_user(czj)
    url = reverse("risks:debtinstrument_import")
    page = client.get(url).content.decode()
    assert 'name="entity"' in page
    entity = DebtEntity.objects.create(name="某某县人民政府", kind="government", unit=czj.unit)
    sheet = _company_list("2026年债务明细表")
    refused = client.post(url, {"file": sheet})
    assert refused.status_code == 400 and "主体" in refused.content.decode()
    wrong = client.post(url, {"file": _company_list("2026年债务明细表"), "entity": "999999"})
    assert wrong.status_code == 400 and "选择借款主体" in wrong.content.decode()
    preview = client.post(url, {"file": _company_list("2026年债务明细表"), "entity": entity.pk})
    assert preview.status_code == 200 and preview.context["preview"].created == 2
    done = client.post(url, {"staged": preview.context["staged"], "entity": entity.pk})
    assert done.status_code == 302
    assert {i.entity for i in DebtInstrument.objects.filter(code__startswith="QE-")} == {entity}


# -- coverage ---------------------------------------------------------------------------


def _coverage():
    from mingzhu.livelihood.models import CoverageRecord

    return {
        (r.village.name, r.village.parent.name[3:6], r.scheme): (r.registered, r.insured)
        for r in CoverageRecord.objects.filter(
            year=2026, village__parent__name__startswith="青禾县"
        ).select_related("village__parent")
    }


def test_a_coverage_sheet_by_village_name_and_town(county, actor):
    from mingzhu.livelihood.importer import import_coverage

    sheet = xlsx(
        [
            ["青禾县2026年城乡居民基本养老保险参保情况统计表"],
            ["填报单位：青禾县人力资源和社会保障局", None, None, None, "单位：人"],
            ["序号", "乡镇（街道）", "村（社区）", "险种", "户籍人口", "参保人数", "参保率（%）"],
            [1, "柳塘镇", "长林村", "城乡居民基本养老保险", "1,860", "1,702", 91.5],
            [2, "石桥镇", "长林村", "城乡居民基本养老保险", 980, 950, 96.9],
            [3, "柳塘镇", "白水村", "城乡居民基本医疗保险", 1240, 1290, None],
            ["合计", None, None, None, 4080, 3942, None],
        ]
    )
    result = import_coverage(sheet, actor=actor, year=2026, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(6, "参保人数")]
    assert _coverage() == {
        ("长林村民委员会", "柳塘镇", "pension"): (1860, 1702),
        ("长林村村委会", "石桥镇", "pension"): (980, 950),
    }


def test_a_towns_sheet_with_the_schemes_side_by_side(county, actor):
    from mingzhu.livelihood.importer import import_coverage

    sheet = xlsx(
        [
            ["石桥镇2026年全民参保情况表"],
            ["单位：人"],
            ["序号", "村（社区）", "户籍人口", "基本养老保险参保人数", "基本医疗保险参保人数"],
            [1, "长林村", 980, 950, 975],
            [2, "三里村", 760, 700, 751],
        ]
    )
    result = import_coverage(sheet, actor=actor, year=2026, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(5, "村（社区）")]
    assert _coverage() == {
        ("长林村村委会", "石桥镇", "pension"): (980, 950),
        ("长林村村委会", "石桥镇", "medical"): (980, 975),
    }


def test_a_village_name_two_towns_share_needs_the_town(county, actor):
    from mingzhu.livelihood.importer import import_coverage

    sheet = xlsx(
        [
            ["青禾县2026年参保情况表"],
            ["村（社区）", "险种", "户籍人口", "参保人数"],
            ["长林村", "养老保险", 980, 950],
            ["白水村", "养老保险", 1240, 1190],
        ]
    )
    result = import_coverage(sheet, actor=actor, year=2026, valid_only=True)
    assert [(e.row, "所属镇" in e.message) for e in result.errors] == [(3, True)]
    assert _coverage() == {("白水村民委员会", "柳塘镇", "pension"): (1240, 1190)}


# -- assistance measures ----------------------------------------------------------------


def _household(village, name, first17):
    from mingzhu.livelihood import protect
    from mingzhu.livelihood.models import MonitoredHousehold

    number = first17 + protect.id_check_digit(first17)
    household = MonitoredHousehold(
        village=village,
        household_type="marginal",
        head_name=name,
        members=3,
        income_year=2026,
        income_per_capita=8000,
        cadre="帮扶干部",
        identified_on=dt.date(2026, 6, 1),
    )
    household.set_id_number(number)
    household.id_digest = protect.digest(number)
    household.save()
    return number


def test_a_measures_ledger_in_its_own_words(county, actor):
    from mingzhu.livelihood.models import AssistanceMeasure
    from mingzhu.livelihood.monitoring_import import import_measures

    one = _household(county["长林村民委员会"], "甲一", "36112419680312301")
    two = _household(county["白水村民委员会"], "甲二", "36112419750921402")
    sheet = xlsx(
        [
            ["青禾县柳塘镇2027年防止返贫监测对象帮扶措施台账"],
            [
                "序号",
                "村（社区）",
                "户主姓名",
                "身份证号码",
                "帮扶措施类型",
                "帮扶措施（项目内容）",
                "帮扶单位",
                "计划完成时间",
            ],
            [1, "长林村", "甲一", one, "综合保障", "纳入农村低保", "县财政局", "2027年4月"],
            [
                2,
                "长林村",
                "甲一",
                one,
                "教育帮扶（雨露计划）",
                "申请职业教育补助",
                "柳塘镇人民政府",
                "2027.9.30",
            ],
            [
                3,
                "白水村",
                "甲二",
                two,
                "住房安全保障",
                "实施危房改造",
                "县财政局、柳塘镇",
                "2027年10月底",
            ],
            [4, "白水村", "甲二", two, "金融帮扶", "发放小额信贷", "县财政局", "2027年5月"],
            [
                5,
                "白水村",
                "甲二",
                two,
                "就业帮扶",
                "安排公益性岗位",
                "县财政局、三里镇",
                "2027年5月",
            ],
        ]
    )
    result = import_measures(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(6, "帮扶措施类型"), (7, "帮扶单位")]
    measures = {
        m.description: (
            m.kind,
            m.task.lead_unit.name,
            m.task.deadline,
            {u.name for u in m.task.co_units.all()},
        )
        for m in AssistanceMeasure.objects.filter(household__head_name__in=["甲一", "甲二"])
    }
    assert measures == {
        "纳入农村低保": ("social", "青禾县财政局", dt.date(2027, 4, 30), set()),
        "申请职业教育补助": ("education", "青禾县柳塘镇人民政府", dt.date(2027, 9, 30), set()),
        "实施危房改造": (
            "housing",
            "青禾县财政局",
            dt.date(2027, 10, 31),
            {"青禾县柳塘镇人民政府"},
        ),
    }


# -- observations: a 单位 column in another unit of the indicator's kind ---------------


@pytest.fixture
def farmland(county):
    from mingzhu.targets.models import Indicator

    indicator, _created = Indicator.objects.update_or_create(
        name="高标准农田建设面积",
        defaults={
            "code": "QH-GBNT",
            "unit": "亩",
            "dimension": "total",
            "frequency": "year",
            "accumulates": True,
            "may_be_negative": False,
        },
    )
    return indicator


def _county_figures(*codes):
    from mingzhu.targets.models import Observation

    return {
        (o.indicator.code, o.period): o.value
        for o in Observation.objects.filter(indicator__code__in=codes, unit__name="青禾县")
    }


def test_a_单位_column_in_another_unit_of_the_indicators_kind_is_converted(
    county, actor, indicators, farmland
):
    from mingzhu.targets.importer import import_observations

    sheet = xlsx(
        [
            ["指标", "单位", "地区", "期间", "数值"],
            ["一般公共预算收入", "万元", "青禾县", "2026-02", 18230],
            ["固定资产投资", "元", "青禾县", "2026-02", "1,234,500,000"],
            ["城镇登记失业率", "%", "青禾县", "2026-02", 2.1],
            ["高标准农田建设面积", "公顷", "青禾县", 2025, 120.5],
        ]
    )
    result = import_observations(sheet, actor=actor)
    assert (result.errors, result.created) == ([], 4)
    assert _county_figures("QH-YBGG", "QH-GDZC", "QH-SYL", "QH-GBNT") == {
        ("QH-YBGG", "2026-02"): Decimal("1.823"),
        ("QH-GDZC", "2026-02"): Decimal("12.345"),
        ("QH-SYL", "2026-02"): Decimal("2.1"),
        ("QH-GBNT", "2025"): Decimal("1807.5"),
    }
    # Each conversion is said once, in the preview's notes, on its first row.
    said = {n.row: n.message for n in result.notes}
    assert sorted(said) == [2, 3, 5]
    assert "万元" in said[2] and "亿元" in said[2]
    assert "元" in said[3] and "万元" not in said[3] and "亿元" in said[3]
    assert "公顷" in said[5] and "亩" in said[5]


@pytest.mark.parametrize(
    ("header", "measure", "value"),
    [
        # A unit that does not convert (an area for an amount).
        (["指标", "单位", "地区", "期间", "数值"], "亩", 12),
        # A 单位 cell that is neither the heading's unit nor the indicator's.
        (["指标", "单位", "地区", "期间", "数值（万元）"], "元", 12),
    ],
)
def test_a_单位_that_does_not_convert_is_refused_naming_it(
    county, actor, indicators, header, measure, value
):
    from mingzhu.targets.importer import import_observations

    sheet = xlsx([header, ["一般公共预算收入", measure, "青禾县", "2026-02", value]])
    result = import_observations(sheet, actor=actor)
    assert [(e.row, e.field) for e in result.errors] == [(2, "单位")]
    assert measure in result.errors[0].message and result.created == 0


# -- a collective name for one unit, or for several leading ----------------------------


@pytest.fixture
def street(county):
    from mingzhu.org.models import OrgUnit

    return OrgUnit.objects.create(
        name="青禾县城关街道办事处", kind="street", code="QH-S1", parent=county["city"]
    )


@pytest.fixture
def task_list(county):
    from mingzhu.tasks.choices import ListKind
    from mingzhu.tasks.models import TaskList

    return TaskList.objects.create(
        name="2027年重点工作任务分解表", kind=ListKind.OTHER, issuer=county["city"], year=2027
    )


def _tasks(task_list):
    return {
        (t.list_number, t.title): (t.lead_unit.name, sorted(u.name for u in t.co_units.all()))
        for t in task_list.tasks.all()
    }


def test_a_collective_name_standing_for_one_unit_is_that_unit(county, actor, street, task_list):
    from mingzhu.tasks.importer import import_tasks

    sheet = xlsx(
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            [1, "老旧小区改造", "各街道", "青禾县财政局", "2027年12月底"],
            [2, "背街小巷整治", "青禾县财政局", "各街道办事处", "2027年6月底"],
        ]
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert (result.errors, result.created) == ([], 2)
    assert _tasks(task_list) == {
        ("1", "老旧小区改造"): ("青禾县城关街道办事处", ["青禾县财政局"]),
        ("2", "背街小巷整治"): ("青禾县财政局", ["青禾县城关街道办事处"]),
    }


def test_a_lead_naming_the_towns_is_a_task_for_each(county, actor, street, task_list):
    from mingzhu.tasks.importer import import_tasks

    rows = [
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
        [5, "开展人居环境整治", "各镇（街道）", "青禾县财政局", "2027年9月底"],
        [None, "清理河塘沟渠", "各镇（街道）", None, "2027年10月底"],
    ]
    result = import_tasks(xlsx(rows), actor=actor, task_list=task_list)
    assert (result.errors, result.created) == ([], 6)
    assert [(n.row, n.field) for n in result.notes] == [(2, "牵头单位"), (3, "牵头单位")]
    towns = ["青禾县城关街道办事处", "青禾县柳塘镇人民政府", "青禾县石桥镇人民政府"]
    tasks = _tasks(task_list)
    numbered = {k[0]: v for k, v in tasks.items() if k[0]}
    assert numbered == {
        "5-城关街道": (towns[0], ["青禾县财政局"]),
        "5-柳塘镇": (towns[1], ["青禾县财政局"]),
        "5-石桥镇": (towns[2], ["青禾县财政局"]),
    }
    titled = sorted(k[1] for k in tasks if not k[0])
    assert titled == [
        "清理河塘沟渠（城关街道）",
        "清理河塘沟渠（柳塘镇）",
        "清理河塘沟渠（石桥镇）",
    ]
    # The same sheet again creates nothing.
    again = import_tasks(xlsx(rows), actor=actor, task_list=task_list)
    assert (again.errors, again.created) == ([], 0)
    assert task_list.tasks.count() == 6
