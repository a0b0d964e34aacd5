"""Forms met on an eighteenth held-out set (set R), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- the year of a news page -------------------------------------------------------------------


def test_a_labelled_day_stamp_with_no_time_gives_a_news_text_its_year():
    text = (
        "发布时间:2031-05-16 信息来源:政府办 作者:\n"
        "副县长对危房改造工作提出三点要求:一是要核实改造对象。逐户核对。"
        "二是要加快工程进度。确保6月底前全部竣工。三是要确保质量安全。严格验收。\n"
    )
    assert [(t, d) for t, _l, d in _rows(text)] == [
        ("要核实改造对象", None),
        ("要加快工程进度", "2031-06-30"),
        ("要确保质量安全", None),
    ]


# --- a plan's goals ----------------------------------------------------------------------------


def test_a_goals_part_cut_at_the_passage_s_end_keeps_the_goals_of_its_whole_clauses():
    text = (
        "青川市城乡融合实施方案(2031—2035年)\n"
        "一、指导思想\n"
        "以新发展理念为引领,推动城乡融合发展。\n"
        "二、总体目标\n"
        "到2035年,力争实现地区生产总值超500亿元,常住人口城镇化率不低于62%,"
        "城乡居民收入倍差缩小到1.6以内,重点项目累计完成投\n"
    )
    assert _targets(text) == [
        ("地区生产总值", ">", Decimal("500"), "亿元", "2035-12-31"),
        ("常住人口城镇化率", ">=", Decimal("62"), "%", "2035-12-31"),
        ("城乡居民收入倍差", "<=", Decimal("1.6"), "", "2035-12-31"),
    ]


def test_a_level_in_years_stated_bare_after_nianxian_is_a_floor():
    text = (
        "一、主要指标分工\n"
        "1.劳动年龄人口平均受教育年限12.8年。(牵头单位:市教育局;责任单位:市人社局)\n"
        "2.城镇新增就业2万人。(牵头单位:市人社局;责任单位:市财政局)\n"
    )
    assert _targets(text)[0] == ("劳动年龄人口平均受教育年限", ">=", Decimal("12.8"), "年", None)


def test_an_aside_explaining_a_name_and_the_verb_before_the_figure_are_no_part_of_it():
    text = (
        "一、总体要求\n"
        "(一)主要目标。到2031年6月底,基本实现工程建设项目(主要是房屋建筑和市政设施)"
        "全流程审批时间压缩至80个工作日以内,初步建成审批管理系统。\n"
    )
    [(name, comparator, value, unit, deadline)] = _targets(text)
    assert name.endswith("全流程审批时间")
    assert (comparator, value, unit, deadline) == ("<=", 80, "个工作日", "2031-06-30")


# --- parts that are no tasks -------------------------------------------------------------------


def test_the_short_headed_parts_of_a_framing_part_and_a_last_bare_heading_are_no_tasks():
    text = (
        "青川市审批制度改革实施方案\n"
        "一、总体要求\n"
        "(一)指导思想。以新发展理念为引领,优化营商环境。\n"
        "(二)改革内容。改革覆盖工程建设项目从立项到竣工验收的审批全过程。\n"
        "(三)主要目标。到2031年底,审批时间压缩至60个工作日以内。\n"
        "二、统一审批流程\n"
    )
    assert _rows(text) == []
    assert [(n[-4:], v) for n, _c, v, _u, _d in _targets(text)] == [("审批时间", 60)]


# --- rows as paragraphs ------------------------------------------------------------------------


def test_two_heads_of_the_length_of_a_sibling_part_s_heads_are_rows_too():
    text = "\n".join(
        [
            "(一)实施产业升级行动,加快构建现代产业体系",
            "推动农业提质增效。建立粮食生产体系。构筑特色农业产业格局。培育新型农业产业集群。",
            "推动工业转型升级。焦化行业,打造绿色焦化产业园。肥料行业,打造新型肥料产业园。"
            "建材行业,打造绿色建材产业园。生物医药行业,启动发酵产品建设。大数据行业,力争年内"
            "完成数据中心机柜的设备采购安装。白酒行业,打造白酒基地。",
            "推动三产扩体增量。发展全域旅游,巩固两处景区,打造水上乐园新品牌;加快推进传统村落"
            "保护与古村镇开发;用好文化旅游及红色旅游资源。壮大现代物流,开展物流业龙头企业培育"
            "行动。打造特色康养,启动森林康养;继续举办系列文旅活动。",
            "(二)实施园区提质行动,培育发展战略性新兴产业",
            "持续推进扩区提质。推动开发区扩区。切实解决企业用地问题。推进开发区提质。有序推进"
            "开发区路网提档升级,提高开发区水电安全保障率;引进天然气公司作为备用气源。",
            "集中攻坚项目建设。谋划一批。积极谋划新材料等重点项目。签约一批。签约新材料、煤气"
            "综合利用等项目,力争签约项目开工率达到三成。开工一批。重点推动废水治理、",
        ]
    )
    # (the last row is cut where the passage ends, and left out)
    assert [t for t, _l, _d in _rows(text)] == [
        "推动农业提质增效",
        "推动工业转型升级",
        "推动三产扩体增量",
        "持续推进扩区提质",
    ]


# --- a reach is no commitment ------------------------------------------------------------------


def test_whom_or_what_a_work_reaches_is_no_target():
    text = (
        "2031年民生实事\n"
        "1.维修改造农村饮水工程12处,惠及群众5600余人。\n"
        "2.实施老旧小区改造,涉及居民2000户。\n"
        "3.新建公厕5座,可惠及游客10万人次。\n"
    )
    assert [(n, v, u) for n, _c, v, u, _d in _targets(text)] == [
        ("维修改造农村饮水工程", 12, "处"),
        ("公厕", 5, "座"),
    ]
