"""Forms of published task lists met on a thirteenth held-out set (set M), each on a short
example written for the test (names, figures and dates invented): a year's expected
targets one a line (after a bullet or none) under a heading naming them, the points of a
list one a line after a bullet, a 解读 naming the 实事 of a year as titles one after
another, groups of rows headed by the leader who leads them on one flattened line, a
review of the past year before the targets, and a few figures (千, 创立, 公顷, 投资完成)."""

from decimal import Decimal

from .found import dated_rows as _rows
from .found import dated_targets as _targets
from .found import undated_targets as _undated

# --- the year's expected targets one a line ----------------------------------------------


_BULLETED_GOALS = (
    "青川市2029年政府工作报告要点\n"
    "全年经济社会发展预期目标\n"
    "●地区生产总值增长6%左右\n"
    "●城镇新增就业8万人以上\n"
    "●城镇调查失业率5.5%以内\n"
    "●服务业提质扩容\n"
    "重点抓好六个方面工作\n"
    "1.扎实推进科技创新\n"
    "2.扎实办好民生工程\n"
)


def test_targets_one_a_line_after_a_bullet_under_a_goals_line_commit():
    assert _undated(_BULLETED_GOALS) == [
        ("地区生产总值增幅", "=", 6, "%"),
        ("城镇新增就业", ">=", 80000, "人"),
        ("城镇调查失业率", "<=", Decimal("5.5"), "%"),
    ]


def test_the_points_of_the_goals_are_no_tasks_the_works_below_are():
    assert [title for title, _lead, _date in _rows(_BULLETED_GOALS)] == [
        "扎实推进科技创新",
        "扎实办好民生工程",
    ]


def test_targets_one_a_line_without_bullets_under_the_goals_heading_commit():
    text = (
        "今年政府工作报告提出了一系列新目标\n"
        "主要预期目标\n"
        "地区生产总值增长5%以上\n"
        "固定资产投资增长9%\n"
        "研发投入强度保持在3%左右\n"
        "三大行动\n"
    )
    assert _undated(text) == [
        ("地区生产总值增幅", ">=", 5, "%"),
        ("固定资产投资增幅", ">=", 9, "%"),
        ("研发投入强度", "=", 3, "%"),
    ]


# --- the points of a list one a line after a bullet --------------------------------------


_POINTS = (
    "2029年青川两会将这样影响您的生活\n"
    "五大行动\n"
    "一、先进制造业提升行动\n"
    "-新增规上工业企业800家以上\n"
    "-举办装备制造博览会\n"
    "二、民生改善行动\n"
    "-新增养老床位500张\n"
    "-新增就业6.5万人、创业4千人\n"
)


def test_each_point_after_a_dash_is_a_task_and_the_heading_groups_them():
    assert [title for title, _lead, _date in _rows(_POINTS)] == [
        "新增规上工业企业800家以上",
        "举办装备制造博览会",
        "新增养老床位500张",
        "新增就业6.5万人、创业4千人",
    ]


def test_a_point_names_its_figure_without_the_dash_and_thousands_count():
    assert _undated(_POINTS) == [
        ("新增规上工业企业", ">=", 800, "家"),
        ("新增养老床位", ">=", 500, "张"),
        ("新增就业", ">=", 65000, "人"),
        ("创业", ">=", 4000, "人"),
    ]


# --- a 解读 naming the 实事 as titles ------------------------------------------------------


_TITLED = (
    "关于《2029年县列为民实事实施方案》的政策解读\n"
    "县人代会确定了2029年全县集中办理的5件为民实事，现解读如下。\n"
    "一、《方案》出台的目的\n"
    "践行以人民为中心的发展思想，把确定办理的实事办好办实。\n"
    "二、《方案》主要内容\n"
    "《方案》内容主要包括《新增城区停车位800个以上》《建成乡镇卫生院2所》"
    "《维修改造农村饮水工程12处，惠及群众5600余人》《对困难家庭大学新生开展资助》"
    "《建成农村公路120公里》5个县列实事方案。\n"
    "三、落实《方案》的保障措施\n"
    "一是明确责任主体。\n"
)


def test_the_shishi_named_as_titles_one_after_another_are_tasks_of_the_year():
    assert _rows(_TITLED) == [
        ("新增城区停车位800个以上", "", "2029-12-31"),
        ("建成乡镇卫生院2所", "", "2029-12-31"),
        ("维修改造农村饮水工程12处，惠及群众5600余人", "", "2029-12-31"),
        ("对困难家庭大学新生开展资助", "", "2029-12-31"),
        ("建成农村公路120公里", "", "2029-12-31"),
    ]


def test_the_counts_of_titled_shishi_are_named_inside_their_titles():
    """The people a 实事 reaches (`惠及群众5600余人`) are no target: a reach, not a commitment.
    This test first counted them, as set M's truths did; the truths of sets O to R leave
    `惠及`/`涉及` out, and the decomposer follows the later convention (docs/benchmarks.md,
    fifteenth round)."""
    names = [(n, v, u) for n, _c, v, u, _d in _targets(_TITLED)]
    assert ("新增城区停车位", 800, "个") in names
    assert ("乡镇卫生院", 2, "所") in names
    assert not any(n.startswith("惠及") for n, _v, _u in names)
    assert ("农村公路", 120, "公里") in names
    assert not any("《" in n or "》" in n for n, _v, _u in names)


def test_the_parts_of_a_jiedu_named_by_the_documents_title_are_no_tasks():
    text = (
        "关于《县城更新行动方案》的解读\n"
        "一、《方案》出台的目的\n推动城市品质提升。\n"
        "二、《方案》的主要内容\n明确了三项重点任务。\n"
        "三、落实《方案》的保障措施\n强化组织领导。\n"
    )
    assert _rows(text) == []


# --- groups headed by their leader on one flattened line -----------------------------------


def test_rows_numbered_again_under_each_leaders_heading_on_a_flattened_line_are_split():
    line = (
        "各镇人民政府,县政府各部门: 《2029年重点工作责任分解》已经县政府同意,现印发给你们,"
        "请认真贯彻执行。 各级各部门要加强组织领导,细化工作方案,确保按时完成既定的目标任务。 "
        "青川县人民政府办公室 2029年3月2日 (此件公开发布) 2029年重点工作责任分解 "
        "一、李明县长牵头重点工作 1.全县生产总值增长6%左右;一般公共预算收入增长7%。 "
        "责任单位:县发改局(首位单位为牵头单位,下同)、县财政局 2.严控一般性支出,"
        "压减非刚性项目支出。 责任单位:县财政局 二、王强常务副县长牵头重点工作 "
        "1.完善重大行政决策程序,发挥法律顾问作用。 责任单位:县司法局 "
        "2.推进全域土地综合整治,完成垦造耕地1500亩。 责任单位:县自然资源局"
    )
    assert [(title, lead) for title, lead, _date in _rows(line)] == [
        ("全县生产总值增长6%左右", "县发改局"),
        ("严控一般性支出,压减非刚性项目支出", "县财政局"),
        ("完善重大行政决策程序,发挥法律顾问作用", "县司法局"),
        ("推进全域土地综合整治,完成垦造耕地1500亩", "县自然资源局"),
    ]


# --- a review of the past year before the targets ------------------------------------------


def test_the_figures_of_the_year_past_are_no_targets_the_years_targets_are():
    text = (
        "青川区人代会开幕\n"
        "报告指出,过去一年,青川区坚持稳中求进,向建设现代化城区总目标不断迈进,"
        "2028年金融业增加值超五百亿元,民生支出预计完成86亿元,占财政支出比重超过七成。\n"
        "报告提出,2029年青川经济社会发展主要预期目标是:地区生产总值增长6%左右,"
        "地方一般公共预算收入完成64亿元,固定资产投资完成210亿元。\n"
    )
    assert _undated(text) == [
        ("地区生产总值增幅", "=", 6, "%"),
        ("地方一般公共预算收入完成", ">=", 64, "亿元"),
        ("固定资产投资完成", "=", 210, "亿元"),
    ]


# --- figures --------------------------------------------------------------------------------


def test_a_rate_or_a_count_after_qizhong_is_a_breakdown_no_target():
    """This test first kept a rate after 其中 as a floor and a count after it as exact.
    The held-out truths since set P leave such breakdowns out, and since set S the
    decomposer follows them (set R: `其中…就业率达100%`)."""
    text = (
        "2029年全镇主要预期目标为:财政总收入增长9%,其中一般公共预算收入增长8%,"
        "新增学位900个,其中幼儿园学位300个。"
    )
    assert [(n, c, v) for n, c, v, _u, _d in _targets(text)] == [
        ("财政总收入增幅", ">=", 9),
        ("新增学位", ">=", 900),
    ]


def test_a_range_founded_counts_its_lower_bound_and_hectares_are_a_measure():
    text = (
        "2029年工作安排\n"
        "一、社会保障工程。一是扩大社会保险覆盖面。力争创立1-2个退休人员社会化管理示范点。"
        "二是发展特色农业。计划试验建设150公顷粘玉米套种基地。\n"
    )
    assert _undated(text) == [
        ("退休人员社会化管理示范点", ">=", 1, "个"),
        ("粘玉米套种基地", ">=", 150, "公顷"),
    ]


def test_an_investment_to_complete_is_a_sum():
    text = (
        "青川市2029年工作要点\n一、主要目标\n全年完成工业投资900亿元,完成技改投资300亿元。\n"
        "二、重点任务\n1.推进项目建设。\n"
    )
    assert _undated(text) == [
        ("工业投资", "=", 900, "亿元"),
        ("技改投资", "=", 300, "亿元"),
    ]
