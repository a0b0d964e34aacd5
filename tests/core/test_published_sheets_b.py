"""Registers and ledgers laid out as offices keep them (the second round of published
台账): villages under their committees' names, the year in the title or in a heading
(2025年度…, 2025年人均纯收入（元）), 乡镇 and 村 columns, 规模以上, 租赁 for land, the
branch as a roll writes it (某村党支部), 组织委员, 联户时间 2024.3, 9,120, 农村公路 and 公厕,
a debt ledger's 合同编号, 债务单位 县城投公司, 债务类型 naming the kinds and no 可展期
columns. The county, its units and every sheet are invented; each sheet is built here
with openpyxl."""

import datetime as dt
from decimal import Decimal

import pytest

from mingzhu.core.tabular import Column, RawRowForm, WorkbookError, month_start, read_table
from mingzhu.core.testing import xlsx
from mingzhu.org.matching import Places, UnitMatcher
from mingzhu.org.models import OrgUnit, User

pytestmark = [pytest.mark.django_db, pytest.mark.tree]

COUNTY = "青禾县"


def credit_code(n: int) -> str:
    from mingzhu.enterprises.credit import check_character

    body = f"9132110000{n:07d}"
    return body + check_character(body)


def id_number(body: str) -> str:
    from mingzhu.livelihood.protect import id_check_digit

    return body + id_check_digit(body)


# -- the shared reader and matcher ----------------------------------------------------


def test_the_year_before_a_heading_is_kept_and_the_column_found():
    wanted = [Column("name", "户主姓名"), Column("income", "人均纯收入")]
    table = read_table(
        xlsx([["户主姓名", "2025年人均纯收入（元）"], ["甲", 5000]]),
        wanted,
    )
    assert table.headers["income"] == "2025年人均纯收入（元）"
    assert table.header_years == {"income": 2025}


def test_the_title_year_is_the_one_year_the_title_names_not_a_filing_day():
    wanted = [Column("name", "企业名称")]
    table = read_table(
        xlsx(
            [
                ["2025年度亩均效益评价数据表"],
                ["填报日期：2026年2月28日"],
                ["企业名称"],
                ["某某公司"],
            ]
        ),
        wanted,
    )
    assert table.title_year() == 2025
    table = read_table(xlsx([["2024年与2025年对比"], ["企业名称"], ["某"]]), wanted)
    assert table.title_year() is None
    table = read_table(xlsx([["主要指标（2026年1-2月）"], ["企业名称"], ["某"]]), wanted)
    assert table.title_year() is None


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024.3", dt.date(2024, 3, 1)),
        ("2024-03", dt.date(2024, 3, 1)),
        ("2024/11", dt.date(2024, 11, 1)),
        ("2024年5月", dt.date(2024, 5, 1)),
        ("2024.13", None),
        (2024.1, None),  # a number: 2024.10 lost its 0
    ],
)
def test_a_month_without_its_day(written, day):
    assert month_start(written) == day


def test_a_day_column_takes_a_month_only_where_asked():
    class Row(RawRowForm):
        def clean_since(self):
            return self.day("since", month=True)

        def clean_due(self):
            return self.day("due")

    form = Row({"since": "2024.3", "due": "2024.3"}, row=2)
    assert not form.is_valid()
    assert form.cleaned_data["since"] == dt.date(2024, 3, 1)
    assert "due" in form.errors


def _tree(*rows):
    city = OrgUnit(pk=1, name=COUNTY, short_name="青禾", kind="city", path="/1/")
    units, by_name = [city], {COUNTY: city}
    for pk, (name, kind, parent) in enumerate(rows, start=2):
        up = by_name[parent] if parent else city
        unit = OrgUnit(pk=pk, name=name, kind=kind, parent=up, path=f"{up.path}{pk}/")
        units.append(unit)
        by_name[name] = unit
    return units


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("长林村", "长林村民委员会"),
        ("长林村", "长林村村民委员会"),
        ("长林村", "长林村委会"),
        ("西岗社区", "西岗社区居民委员会"),
        ("西岗社区", "西岗社区居委会"),
        ("长林村民委员会", "长林村"),
    ],
)
def test_a_village_under_its_committees_name_is_found_by_the_name_sheets_write(written, name):
    matcher = UnitMatcher(_tree((name, "village", None), ("长林新村", "village", None)))
    found = matcher.find(written)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("row", "skipped"),
    [
        (["合计", None, 152.4], True),
        ([None, "小计", 30], True),
        (["合 计", None, 1], True),
        (["注：身份证号码以文本填写。"], True),
        (["填报人：某某", None, "审核人：某某"], True),
        ([1, "合计公司", 3], False),
        ([2, "某某公司", "注：无"], False),
    ],
)
def test_totals_and_notes_under_the_table_are_no_rows(row, skipped):
    wanted = [
        Column("number", "序号", required=False),
        Column("name", "企业名称"),
        Column("n", "数"),
    ]
    table = read_table(xlsx([["序号", "企业名称", "数"], row]), wanted)
    assert (table.rows == []) is skipped


# -- a county with villages -----------------------------------------------------------


@pytest.fixture
def county():
    OrgUnit.objects.update(is_active=False)
    city = OrgUnit.objects.create(name=COUNTY, short_name="青禾", kind="city", code="QH")
    units = {}
    for i, (name, kind, parent) in enumerate(
        [
            ("青禾县财政局", "department", None),
            ("青禾县柳塘镇人民政府", "town", None),
            ("青禾县石桥镇人民政府", "town", None),
            ("长林村民委员会", "village", "青禾县柳塘镇人民政府"),
            ("白水村民委员会", "village", "青禾县柳塘镇人民政府"),
            ("长林村村委会", "village", "青禾县石桥镇人民政府"),
        ],
        start=1,
    ):
        units[name] = OrgUnit.objects.create(
            name=name,
            kind=kind,
            code=f"QH-{i}",
            parent=units[parent] if parent else city,
        )
    units["city"] = city
    return units


@pytest.fixture
def actor(county):
    return User.objects.create_superuser("qh-admin-b", "", "x", unit=county["city"])


def test_places_tell_two_villages_of_one_name_apart_by_the_乡镇_column(county):
    places = Places(OrgUnit.objects.filter(is_active=True))
    town = places.town("石桥镇")
    assert places.village("长林村", town).name == "长林村村委会"
    with pytest.raises(Exception, match="所属镇"):
        places.village("长林村")


# -- enterprises ------------------------------------------------------------------------


def test_a_register_in_its_own_words_with_租赁_for_land(county, actor):
    from mingzhu.enterprises.importer import import_registry
    from mingzhu.enterprises.models import Enterprise

    a, b = credit_code(1), credit_code(2)
    sheet = xlsx(
        [
            ["2025年度参评企业名单"],
            [
                "序号",
                "企业名称",
                "统一社会信用代码",
                "所属乡镇（街道）",
                "国民经济行业代码",
                "企业规模",
                "用地面积（亩）",
            ],
            [1, "青禾示例机械有限公司", a, "柳塘镇", "C3435", "规模以上", 30.5],
            [2, "青禾示例纺织厂", b, "石桥镇", "C1713", "规模以下", "租赁"],
            ["合计", None, None, None, None, None, 30.5],
        ]
    )
    result = import_registry(sheet, actor=actor)
    assert result.errors == [] and result.created == 2
    first, second = Enterprise.objects.get(credit_code=a), Enterprise.objects.get(credit_code=b)
    assert (first.scale, first.land_mu, first.town.name) == (
        "above",
        Decimal("30.50"),
        "青禾县柳塘镇人民政府",
    )
    assert (second.scale, second.land_mu) == ("below", None)


def test_annual_data_take_the_year_of_the_title_and_a_two_row_header(county, actor):
    from mingzhu.enterprises.importer import import_annual
    from mingzhu.enterprises.models import AnnualData, Enterprise

    code = credit_code(3)
    Enterprise.objects.create(
        credit_code=code,
        name="青禾示例新材料有限公司",
        town=county["青禾县柳塘镇人民政府"],
        industry="C29",
        scale="above",
    )
    sheet = xlsx(
        [
            ["2025年度规模以上工业企业亩均效益评价数据表"],
            ["填报日期：2026年2月28日"],
            [
                "序号",
                "基本情况",
                None,
                "经济指标（万元）",
                None,
                "综合能耗（吨标准煤）",
                "年平均职工人数（人）",
                "R&D经费支出（万元）",
            ],
            [None, "企业名称", "统一社会信用代码", "评价税收", "主营业务收入", None, None, None],
            [1, "青禾示例新材料有限公司", code, "1,024.6", 23500, 4100, 305, 910],
        ],
        merges=["A3:A4", "B3:C3", "D3:E3", "F3:F4", "G3:G4", "H3:H4"],
    )
    result = import_annual(sheet, actor=actor)
    assert result.errors == [] and result.created == 1
    data = AnnualData.objects.get(enterprise__credit_code=code)
    assert data.year == 2025
    assert (data.tax, data.revenue, data.energy_tce) == (Decimal("1024.6"), 23500, 4100)
    assert (data.employees, data.rd_expense) == (305, 910)


def test_figures_under_a_heading_in_元_are_kept_in_万元_and_land_in_平方米_in_亩(county, actor):
    from mingzhu.enterprises.importer import import_annual, import_registry
    from mingzhu.enterprises.models import AnnualData, Enterprise

    code = credit_code(5)
    sheet = xlsx(
        [
            ["统一社会信用代码", "企业名称", "所属乡镇", "行业代码", "规模", "用地面积（平方米）"],
            [code, "青禾示例铸造有限公司", "柳塘镇", "C3391", "规上", 20000],
        ]
    )
    assert import_registry(sheet, actor=actor).errors == []
    assert Enterprise.objects.get(credit_code=code).land_mu == Decimal("30.00")
    sheet = xlsx(
        [
            [
                "统一社会信用代码",
                "年度",
                "评价税收（元）",
                "营业收入（亿元）",
                "工业增加值（万元）",
            ],
            [code, 2025, 3125000, 1.2, 640],
        ]
    )
    assert import_annual(sheet, actor=actor).errors == []
    data = AnnualData.objects.get(enterprise__credit_code=code)
    assert (data.tax, data.revenue, data.value_added) == (312.5, 12000, 640)


def test_annual_data_with_no_year_anywhere_name_the_year_column(county, actor):
    from mingzhu.enterprises.importer import import_annual

    sheet = xlsx([["亩均效益评价数据表"], ["统一社会信用代码", "评价税收"], [credit_code(4), 1]])
    with pytest.raises(WorkbookError, match="年度"):
        import_annual(sheet, actor=actor)


# -- party --------------------------------------------------------------------------------


@pytest.fixture
def branches(county):
    from mingzhu.party.models import PartyOrganisation

    return [
        PartyOrganisation.objects.create(
            name="中共青禾县柳塘镇长林村支部委员会", unit=county["长林村民委员会"]
        ),
        PartyOrganisation.objects.create(
            name="中共青禾县柳塘镇白水村总支部委员会", unit=county["白水村民委员会"]
        ),
    ]


def test_a_town_roll_names_branches_and_duties_as_rolls_write_them(county, actor, branches):
    from mingzhu.party.importer import import_members
    from mingzhu.party.models import PartyMember

    sheet = xlsx(
        [
            ["柳塘镇党员花名册"],
            ["序号", "所在党支部", "姓名", "性别", "党内职务", "所在村（社区）", "所在乡镇"],
            [1, "长林村党支部", "甲一", "男", "支部书记", "长林村", "柳塘镇"],
            [2, "长林村支部", "甲二", "女", "组织委员", "长林村", "柳塘镇"],
            [3, "白水村党总支", "甲三", "男", "宣传委员", "白水村", "柳塘镇"],
            [4, "柳塘镇机关党支部", "甲四", "男", None, "白水村", "柳塘镇"],
        ]
    )
    result = import_members(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(6, "所在党支部")]
    assert "柳塘镇机关党支部" in result.errors[0].message
    members = {m.name: m for m in PartyMember.objects.filter(organisation__in=branches)}
    assert members["甲一"].role == "secretary"
    assert members["甲二"].role == "committee_member"
    assert members["甲三"].organisation == branches[1]
    assert members["甲三"].village.name == "白水村民委员会"


def test_a_short_branch_name_two_organisations_end_with_is_refused(county, actor, branches):
    from mingzhu.party.importer import Organisations
    from mingzhu.party.models import PartyOrganisation

    other = PartyOrganisation.objects.create(
        name="中共青禾县石桥镇长林村支部委员会", unit=county["长林村民委员会"]
    )
    organisations = Organisations([*branches, other])
    assert organisations.find("长林村党支部") is None
    assert organisations.find("石桥镇长林村党支部") == other
    assert organisations.find("中共青禾县柳塘镇长林村支部委员会") == branches[0]


def test_a_roll_without_its_branch_and_village_names_both(county, actor, branches):
    from mingzhu.party.importer import import_members

    # The title names no branch (one that does: test_published_sheets_c).
    sheet = xlsx(
        [
            ["党员花名册"],
            ["序号", "姓名", "性别", "入党时间"],
            [1, "甲一", "男", "1990.07"],
        ]
    )
    with pytest.raises(WorkbookError) as raised:
        import_members(sheet, actor=actor)
    assert "所属党组织" in str(raised.value) and "村（社区）" in str(raised.value)


def test_a_link_ledger_with_联户时间_as_a_month(county, actor, branches):
    from mingzhu.party.importer import import_links
    from mingzhu.party.models import HouseholdLink, PartyMember

    PartyMember.objects.create(
        name="甲一", organisation=branches[0], village=county["长林村民委员会"]
    )
    sheet = xlsx(
        [
            ["序号", "村（社区）", "所在乡镇", "党员姓名", "联系户户主", "家庭住址", "联户时间"],
            [1, "长林村", "柳塘镇", "甲一", "乙一", "长林村一组1号", "2024.3"],
            [2, "长林村", "柳塘镇", "甲一", "乙二", "长林村一组2号", "2024年5月"],
        ]
    )
    result = import_links(sheet, actor=actor)
    assert result.errors == [] and result.created == 2
    links = HouseholdLink.objects.filter(member__name="甲一", household__head_name__startswith="乙")
    assert sorted(link.started_on for link in links) == [
        dt.date(2024, 3, 1),
        dt.date(2024, 5, 1),
    ]


# -- monitored households and facilities -----------------------------------------------


def test_households_with_the_income_year_in_its_heading(county, actor):
    from mingzhu.livelihood.models import MonitoredHousehold
    from mingzhu.livelihood.monitoring_import import import_households

    sheet = xlsx(
        [
            ["防止返贫监测对象信息台账"],
            [
                "序号",
                "乡镇",
                "村",
                "户主姓名",
                "身份证号码",
                "家庭人口数",
                "监测对象类别",
                "2025年家庭人均纯收入（元）",
                "风险类型",
                "纳入监测时间",
                "帮扶责任人",
            ],
            [
                1,
                "柳塘镇",
                "长林村",
                "丙一",
                id_number("32112219580301001"),
                3,
                "脱贫不稳定户",
                "9,120",
                "因病",
                "2025.04.12",
                "丁一",
            ],
        ]
    )
    result = import_households(sheet, actor=actor)
    assert result.errors == [] and result.created == 1
    household = MonitoredHousehold.objects.get(head_name="丙一")
    assert (household.income_year, household.income_per_capita) == (2025, Decimal("9120"))
    assert household.village.name == "长林村民委员会"


def test_households_with_no_income_year_anywhere_name_the_column(county, actor):
    from mingzhu.livelihood.monitoring_import import import_households

    sheet = xlsx(
        [
            [
                "村",
                "户主姓名",
                "身份证号码",
                "家庭人口数",
                "监测对象类别",
                "家庭人均纯收入",
                "风险类型",
                "纳入监测时间",
                "帮扶责任人",
            ],
            [
                "长林村",
                "丙一",
                id_number("32112219580301001"),
                3,
                "边缘易致贫户",
                9000,
                "因病",
                "2025-04-12",
                "丁一",
            ],
        ]
    )
    with pytest.raises(WorkbookError, match="收入年度"):
        import_households(sheet, actor=actor)


def test_facilities_under_the_words_offices_use_for_the_catalogues_types(county, actor):
    from mingzhu.rural.importer import import_facilities
    from mingzhu.rural.models import Facility

    sheet = xlsx(
        [
            ["序号", "村名", "设施类别", "设施名称", "管护责任人"],
            [1, "白水村", "农村公路", "白水通村公路", "甲"],
            [2, "白水村", "公厕", "白水中心公厕", "甲"],
            [3, "白水村", "饮水工程", "白水供水站", "甲"],
            [4, "白水村", "文化广场", "白水广场", "甲"],
        ]
    )
    result = import_facilities(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(5, "设施类别")]
    facilities = Facility.objects.filter(village__name="白水村民委员会")
    assert {f.name: f.type.name for f in facilities} == {
        "白水通村公路": "农村道路",
        "白水中心公厕": "公共厕所",
        "白水供水站": "供水",
    }


# -- debt -------------------------------------------------------------------------------


@pytest.fixture
def platform(county):
    from mingzhu.risks.models import DebtEntity

    return DebtEntity.objects.create(
        name="青禾县城市建设投资有限公司", kind="platform", unit=county["青禾县财政局"]
    )


def test_a_debt_ledger_in_its_own_words(county, actor, platform):
    from mingzhu.risks.debt.io import import_instruments
    from mingzhu.risks.models import DebtInstrument

    sheet = xlsx(
        [
            ["青禾县融资平台公司债务明细表"],
            [None, None, None, None, None, None, None, "单位：万元"],
            [
                "序号",
                "合同编号",
                "债务单位",
                "债务类型",
                "借款日期",
                "到期日期",
                "年利率",
                "借款金额",
                "债务余额",
            ],
            [
                1,
                "QH-001",
                "县城投公司",
                "银行贷款",
                "2021-07-01",
                "2029/6/30",
                "4.35%",
                20000,
                16000,
            ],
            [2, "QH-002", "城投集团", "信托贷款", "2023年3月10日", "2026-03-09", 7.2, 5000, 5000],
            [3, "QH-003", "县交投公司", "银行贷款", "2022-01-10", "2030-01-09", 4.1, 100, 90],
            ["合计", None, None, None, None, None, None, 25100, 21090],
        ]
    )
    result = import_instruments(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(6, "债务单位")]
    first, second = DebtInstrument.objects.filter(code__startswith="QH-").order_by("code")
    assert (first.entity, first.kind, first.principal) == (platform, "bank_loan", Decimal("16000"))
    assert (first.rate, first.maturity) == (Decimal("4.35"), dt.date(2029, 6, 30))
    assert (first.refinanceable, first.max_defer_months) == (False, 0)
    assert second.kind == "non_standard"


def test_a_债务类型_column_naming_budgets_still_needs_a_类型_column(county, actor, platform):
    from mingzhu.risks.debt.io import import_instruments

    sheet = xlsx(
        [
            ["编号", "主体", "债务类型", "本金", "利率", "到期日", "起始日"],
            ["QH-1", "县城投公司", "一般债务", 100, 3, "2030-01-01", "2020-01-01"],
        ]
    )
    result = import_instruments(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(2, "债务类型")]


def test_a_debt_ledger_without_either_type_column_names_类型(county, actor, platform):
    from mingzhu.risks.debt.io import import_instruments

    sheet = xlsx(
        [["编号", "主体", "本金", "利率", "到期日"], ["QH-1", "县城投公司", 100, 3, "2030-01-01"]]
    )
    with pytest.raises(WorkbookError, match="类型"):
        import_instruments(sheet, actor=actor)
