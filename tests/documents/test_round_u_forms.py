"""Forms met on a twenty-first held-out set (set U), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- units named by the rows ------------------------------------------------------------------


def test_zhuban_and_xieban_name_the_lead_and_the_co_units():
    text = (
        "2031年区政府主要工作目标任务分解落实方案\n"
        "一、扩大有效需求\n"
        "1.地区生产总值增长6%以上。(区发改委、区统计局主办)\n"
        "2.加快城东商业综合体建设,推动滨江商业街开业运营。(区商务局主办,相关街道协办)\n"
        "3.办好春季消费节。(区商务局主辦)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("地区生产总值增长6%以上", "区发改委", ["区统计局"]),
        ("加快城东商业综合体建设,推动滨江商业街开业运营", "区商务局", ["相关街道"]),
        ("办好春季消费节", "区商务局", []),
    ]


# --- parts of a plan --------------------------------------------------------------------------


def test_parts_named_with_what_they_frame_are_no_rows_and_a_heading_cut_ends_the_passage():
    text = (
        "青川县2031年国民经济和社会发展计划\n"
        "一、经济社会发展总体要求\n"
        "2031年是规划实施的关键一年,做好全年工作意义重大。\n"
        "二、经济社会发展预期目标\n"
        "地区生产总值增长 6%,固定资产投资增长 5%;城乡居民人均可支配收入分别增长 6%和 7%。\n"
        "三、经济社会发展主要任务\n"
        "(\n"
    )
    assert _rows(text) == []
    assert _targets(text) == [
        ("地区生产总值增幅", ">=", Decimal("6"), "%", "2031-12-31"),
        ("固定资产投资增幅", ">=", Decimal("5"), "%", "2031-12-31"),
        ("城镇居民人均可支配收入增幅", ">=", Decimal("6"), "%", "2031-12-31"),
        ("农村居民人均可支配收入增幅", ">=", Decimal("7"), "%", "2031-12-31"),
    ]


# --- tables -------------------------------------------------------------------------------------


def test_a_table_reporting_on_its_works_gives_each_work_and_its_count_a_row():
    text = (
        "2031年青川县为民办实事项目完成情况\n"
        "序号 | 实事项目名称 | 完成情况 | 占全年计划 |\n"
        "1 | 新增200张养老床位 | 215 | 108% |\n"
        "改建60张失能照护床位 | 61 | 102% | |\n"
        "2 | 开办12个小学生暑期托管班 | 14 | 117% |\n"
        "3 | 新建8个社区食堂 | 9 | 113% |\n"
        "4 | 为40户困难家庭进行居室改造 | 38 |\n"
    )
    assert _rows(text) == [
        ("新增200张养老床位", "", "2031-12-31"),
        ("改建60张失能照护床位", "", "2031-12-31"),
        ("开办12个小学生暑期托管班", "", "2031-12-31"),
        ("新建8个社区食堂", "", "2031-12-31"),
    ]  # (the last row, short of a cell, is the passage cut in it)
    assert _targets(text) == [
        ("养老床位", ">=", Decimal("200"), "张", "2031-12-31"),
        ("失能照护床位", ">=", Decimal("60"), "张", "2031-12-31"),
        ("小学生暑期托管班", ">=", Decimal("12"), "个", "2031-12-31"),
        ("社区食堂", ">=", Decimal("8"), "个", "2031-12-31"),
    ]  # what was done, and its share of the plan, no targets
