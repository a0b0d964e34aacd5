"""The pure decomposer on the two seeds and on texts in the other styles."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mingzhu.documents import seeds
from mingzhu.documents.decompose import (
    DEFAULT_RULES,
    DecompositionError,
    LeadRule,
    as_json,
    chinese_number,
    decompose,
    join_lines,
)

from .texts import FACTS, ORDINALS, PLAN

END_2025 = dt.date(2025, 12, 31)

SEED_1_ITEMS = [
    ["矢志开新局、闯新路", "矢志抢在先、干在先", "矢志争第一、创唯一"],
    ["加大项目引建力度", "提升创新转型浓度", "提升营商惠企热度"],
    ["加快促进共同富裕", "深入推进乡村振兴", "提升城市文明内涵"],
    ["坚持不懈“锻长板”", "坚决有力“补短板”", "坚定不移“固底板”"],
    ["强化党建引领", "锻造先锋闯将", "深化管党治党"],
]
SEED_1_SECTIONS = [
    "始终牢记“国之大者”，在深入学习贯彻落实党的二十大精神上争先领跑。",
    "牢牢锚定“发展第一要务”，在深化产业强市“一号战略”上提速奔跑。",
    "自觉践行“以人民为中心”，在建设“近悦远来”宜居城市上携手奔跑。",
    "高效统筹“发展与安全”，在全面提升本质安全水平上迎风奔跑。",
    "持续轰鸣“党建引擎”，在合力共创“江中明珠”新荣光上激情奔跑。",
]
SEED_2_ITEMS = [
    ["必须把牢正确政治方向", "必须坚持高质量发展导向", "必须坚守为民价值取向"],
    ["强化党建引领产业强市", "强化党建引领乡村振兴", "强化党建引领文明创建"],
    ["持续提升人民群众的获得感", "持续提升人民群众的幸福感和获得感", "持续提升人民群众的安全感"],
    ["锻造勇立潮头的争雄之志", "锻造勇闯新路的实干之志", "锻造勇于担当的奋斗之志"],
]


def _targets(d):
    return [(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets]


def test_it_joins_lines_broken_in_the_middle_of_a_sentence():
    paragraphs = join_lines(seeds.SEED_1)
    assert paragraphs[:3] == ["奋力创造“江中明珠”新的更大荣光", "张德军", "中共扬中市委"]
    # "……站在新的历史起点上，扬" + "中将以……": one word again.
    assert any("起点上，扬中将以党的二十大精神为指引" in p for p in paragraphs)
    # The page break ("---") of the second seed falls inside a sentence.
    assert any("保障和改善民生，用项目保增长" in p for p in join_lines(seeds.SEED_2))
    assert not any(p == "---" for p in join_lines(seeds.SEED_2))


def test_it_finds_every_item_of_the_first_seed():
    d = decompose(seeds.SEED_1)
    assert (d.title, d.author, d.year) == ("奋力创造“江中明珠”新的更大荣光", "张德军", 2023)
    assert d.affiliation == "中共扬中市委"
    assert [s.title for s in d.sections] == SEED_1_SECTIONS
    assert [[i.title for i in s.items] for s in d.sections] == SEED_1_ITEMS
    assert [i.code for i in d.sections[2].items] == ["3.1", "3.2", "3.3"]
    item = d.sections[2].items[2]
    assert item.rule == "三是" and item.text.endswith("确保 2023 年创成全国文明城市。")
    # The span points at the item in the joined text.
    assert d.text[item.start : item.end].startswith("三是提升城市文明内涵。以争创全国文明城市")


def test_it_extracts_the_first_seeds_targets_exactly():
    d = decompose(seeds.SEED_1)
    assert _targets(d) == [
        ("GDP", ">", Decimal("800"), "亿元", END_2025),
        ("一般公共预算收入", ">", Decimal("50"), "亿元", END_2025),
        ("工业应税销售", ">", Decimal("1500"), "亿元", END_2025),
        ("百亿企业", ">=", Decimal("5"), "家", END_2025),
        ("创成全国文明城市", None, None, "", dt.date(2023, 12, 31)),
    ]
    gdp, *_rest, civilised = d.targets
    assert (gdp.rule, gdp.deadline_rule, gdp.item_code) == ("突破", "“十四五”末", "1.3")
    assert d.text[gdp.start : gdp.end] == "GDP 突破 800 亿元"
    assert "力争到“十四五”末，GDP 突破 800 亿元" in gdp.text
    assert d.targets[3].rule == "以上"
    assert (civilised.rule, civilised.item_code) == ("确保…创成", "3.3")
    assert d.text[civilised.start : civilised.end] == "2023 年创成全国文明城市"


def test_it_suggests_lead_units_and_shows_the_keyword():
    d = decompose(seeds.SEED_1)
    leads = {i.code: (i.lead_unit_code, i.keyword) for i in d.items}
    assert leads["3.3"] == ("YZ-DEPT-WMB", "文明城市")
    assert leads["4.1"] == ("YZ-DEPT-YJJ", "安全生产")
    assert leads["4.2"] == ("YZ-DEPT-STHJ", "环保督察")
    assert leads["4.3"] == ("YZ-DEPT-CZJ", "债务")
    assert leads["2.2"] == ("YZ-DEPT-GXJ", "智改数转")
    assert leads["3.2"] == ("YZ-DEPT-NYNC", "乡村")
    # No keyword, no guess.
    assert leads["1.1"] == ("", "")


def test_the_keyword_table_is_data():
    d = decompose(seeds.SEED_1, [LeadRule("港产城", "兴隆街道", "YZ-XINGLONG")])
    items = {i.code: i for i in d.items}
    assert (items["1.1"].lead_unit, items["1.1"].keyword) == ("兴隆街道", "港产城")
    assert items["3.3"].lead_unit == ""


def test_it_finds_every_item_of_the_second_seed():
    d = decompose(seeds.SEED_2)
    assert (d.title, d.author) == ("依靠人民群众 共创共享“江中明珠”更大荣光", "张德军")
    assert [[i.title for i in s.items] for s in d.sections] == SEED_2_ITEMS
    assert d.sections[0].title == "站稳群众立场，把准“发展三向”。"
    assert d.sections[1].items[0].rule == "parallel:强化党建引领"
    assert {i.code: i.lead_unit_code for i in d.items}["2.3"] == "YZ-DEPT-WMB"
    # The essay sets no target: nothing is invented from its numbers (三件大事, 八个更 …).
    assert d.targets == []


def test_it_reads_headings_numerals_decreases_and_caps():
    d = decompose(PLAN)
    assert d.title == "扬中市工业经济高质量发展三年行动方案"
    assert d.year is None  # 2027 and 2030 are deadlines, not the year it was written
    # The goals part is no task (since set S): its figures are targets.
    assert [(s.title, [i.title for i in s.items]) for s in d.sections] == [
        ("重点任务", ["推进智改数转", "加强人才引育", "深化安全生产治理"]),
        ("保障措施", ["加强组织领导", "强化要素保障"]),
    ]
    end_2027 = dt.date(2027, 12, 31)
    assert _targets(d) == [
        ("规上工业总产值", ">=", Decimal("2000"), "亿元", end_2027),
        ("高新技术企业", ">=", Decimal("500"), "家", end_2027),
        ("单位地区生产总值能耗降幅", ">=", Decimal("3"), "%", end_2027),
        ("城镇登记失业率", "<=", Decimal("3"), "%", end_2027),
        ("PM2.5平均浓度", "<", Decimal("30"), "微克/立方米", end_2027),
        ("新增智能车间", ">=", Decimal("20"), "个", None),
        ("新引进高层次人才", ">=", Decimal("100"), "名", dt.date(2030, 12, 31)),
    ]
    assert [t.change for t in d.targets[2:4]] == ["decrease", ""]
    assert [t.rule for t in d.targets[:5]] == ["达到", "达到…以上", "下降", "控制在…以内", "低于"]
    assert [t.item_code for t in d.targets] == [""] * 5 + ["1.1", "1.2"]
    leads = {i.code: i.lead_unit for i in d.items}
    assert leads["1.2"] == "人力资源和社会保障局" and leads["1.3"] == "应急管理局"


def test_it_reads_ordinals_and_change_targets():
    d = decompose(ORDINALS)
    assert [i.title for i in d.items] == ["稳定就业", "提升教育质量", "加快医疗资源扩容"]
    assert d.sections[0].title == "今年是关键之年。"
    assert _targets(d) == [
        ("城镇新增就业", ">=", Decimal("8000"), "人", None),
        ("幼儿园", ">=", Decimal("5"), "所", None),
        ("城乡居民收入增幅", "=", Decimal("6.5"), "%", None),
    ]
    # "新建幼儿园五所" holds no commitment word, but it is what an item of the plan
    # counts: a target.
    leads = {i.title: i.lead_unit for i in d.items}
    assert leads == {
        "稳定就业": "人力资源和社会保障局",
        "提升教育质量": "教育局",
        "加快医疗资源扩容": "卫生健康委员会",
    }


def test_it_invents_nothing_from_text_without_a_commitment():
    d = decompose(FACTS)
    assert d.targets == []
    assert d.sections == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两千", 2000),
        ("五", 5),
        ("十五", 15),
        ("一百二十", 120),
        ("三万五千", 35000),
        ("两亿", 200_000_000),
        ("一千零五", 1005),
    ],
)
def test_it_reads_chinese_numerals(text, expected):
    assert chinese_number(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("力争到2030年，粮食产量稳定在 1.2 万吨。", ("粮食产量", ">=", Decimal("1.2"), "万吨")),
        ("确保债务率不超过 120%。", ("债务率", "<=", Decimal("120"), "%")),
        ("力争百亿企业达到五家。", ("百亿企业", ">=", Decimal("5"), "家")),
        ("力争工业投资增长 10% 以上。", ("工业投资增幅", ">=", Decimal("10"), "%")),
        (
            "力争一般公共预算收入超过 50.5 亿元。",
            ("一般公共预算收入", ">", Decimal("50.5"), "亿元"),
        ),
        ("确保万元GDP能耗降低 2 个百分点。", ("万元GDP能耗降幅", ">=", Decimal("2"), "个百分点")),
    ],
)
def test_it_reads_comparators_and_units(sentence, expected):
    (target,) = decompose(sentence).targets
    assert (target.indicator, target.comparator, target.value, target.unit) == expected


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("力争到“十四五”末，GDP 突破 800 亿元。", END_2025),
        ("力争到十五五期末，GDP 突破 1000 亿元。", dt.date(2030, 12, 31)),
        ("到2027年，GDP 突破 900 亿元。", dt.date(2027, 12, 31)),
        ("力争2026年6月底前，GDP 突破 700 亿元。", dt.date(2026, 6, 30)),
        ("力争 GDP 突破 800 亿元。", None),
    ],
)
def test_it_reads_deadlines(sentence, deadline):
    (target,) = decompose(sentence).targets
    assert target.deadline == deadline


def test_an_empty_text_is_refused():
    with pytest.raises(DecompositionError):
        decompose("  \n\n ")


def test_the_json_has_the_documented_shape():
    data = as_json(decompose(seeds.SEED_1))
    assert set(data) == {
        "title",
        "author",
        "year",
        "issued_on",
        "doc_number",
        "sections",
        "targets",
        "tasks",
    }
    assert set(data["sections"][0]) == {"title", "items"}
    assert set(data["sections"][0]["items"][0]) == {"title", "text"}
    assert data["targets"][0] == {
        "indicator": "GDP",
        "comparator": ">",
        "value": 800,
        "unit": "亿元",
        "deadline": "2025-12-31",
        "text": data["targets"][0]["text"],
    }
    assert data["targets"][-1]["value"] is None and data["targets"][-1]["comparator"] is None
    task = data["tasks"][8]
    assert task == {
        "code": "3.3",
        "section": SEED_1_SECTIONS[2],
        "title": "提升城市文明内涵",
        "text": task["text"],
        "lead_unit": "市文明办",
        "keyword": "文明城市",
        "named_lead": "",
        "co_units": [],
        "leader": "",
        "units_from": "",
        "deadline": task["deadline"],
        "deadline_from": task["deadline_from"],
        "long_running": task["long_running"],
    }
    assert len(data["tasks"]) == 15


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="一二三是，。、的GDP突破800亿元以上家到2025年确保创成\n （）1. ", max_size=200)
)
def test_it_never_fails_on_arbitrary_text(text):
    try:
        d = decompose(text, DEFAULT_RULES)
    except DecompositionError:
        assert not join_lines(text)  # only for a text with nothing in it
        return
    for t in d.targets:
        assert 0 <= t.start <= t.end <= len(d.text)
    for i in d.items:
        assert 0 <= i.start <= i.end <= len(d.text)
