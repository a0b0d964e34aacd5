"""Forms of published task lists met on an eleventh held-out set (set K), each on a short
example written for the test (names, figures and dates invented): a text carrying the
readings of its characters in Latin letters with tone marks, a date naming its day, a
growth compared with the year before as a target, a plan of a named year, and a numbered
heading whose paragraph enumerates its works with 一是…二是…."""

from decimal import Decimal

from mingzhu.core.periods import item_deadline
from mingzhu.documents.decompose import decompose
from mingzhu.documents.reading import read_document


def _targets(text: str) -> list[tuple[str, str | None, Decimal, str, str | None]]:
    return [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline and t.deadline.isoformat())
        for t in decompose(text).targets
    ]


def _items(text: str) -> list[tuple[str, str | None]]:
    return [
        (i.title, i.deadline and i.deadline.isoformat())
        for s in decompose(text).sections
        for i in s.items
    ]


# --- reading -------------------------------------------------------------------------------


def test_a_text_with_the_readings_of_its_characters_is_read():
    text = "雲溪縣確(què)定十項(xiàng)實事(shì)，全縣新增停車(chē)位(wèi)300個(gè)。\n" * 3
    read, encoding = read_document(text.encode("utf-8"), "news.txt")
    assert encoding == "utf-8"
    assert read.startswith("雲溪縣")


# --- dates ---------------------------------------------------------------------------------


def test_a_date_naming_its_day_is_that_day():
    day, words, long_running = item_deadline("力争2029年9月1日正式开馆", 2029)
    assert day.isoformat() == "2029-09-01" and words == "2029年9月1日" and not long_running


def test_a_month_without_a_day_is_still_its_end():
    assert item_deadline("2029年9月底前建成", 2029)[0].isoformat() == "2029-09-30"
    assert item_deadline("2029年2月30日前建成", 2029)[0].isoformat() == "2029-02-28"


def test_the_plan_of_a_named_year_is_due_by_its_end():
    day, _words, _long = item_deadline("2029年计划新建乡村道路18公里", None)
    assert day.isoformat() == "2029-12-31"
    assert item_deadline("2029年是全面收官之年", None)[0] is None


# --- targets ---------------------------------------------------------------------------------


def test_a_growth_compared_with_the_year_before_is_a_target():
    text = "一、主要预期目标\n1.地区生产总值比上年增长5.5%以上。\n牵头单位：区发展改革委\n"
    found = _targets(text)
    assert [(c, v, u) for _i, c, v, u, _d in found] == [(">=", Decimal("5.5"), "%")]
    assert found[0][0].startswith("地区生产总值")


def test_a_report_of_growth_on_the_year_before_is_still_no_target():
    text = (
        "一、2028年工作回顾\n全年地区生产总值比上年增长5.1%。\n"
        "二、2029年工作安排\n1.新建口袋公园3个。\n"
    )
    assert [(i, v) for i, _c, v, _u, _d in _targets(text)] == [("口袋公园", 3)]
    assert _targets("去年全区地区生产总值比上年增长5.1%。\n") == []


# --- a heading enumerating its works ---------------------------------------------------------


_ENUMERATED = (
    "（一）做好换届工作。严格按程序办事。\n"
    "（二）建设一批示范单位。一是抓好示范村建设。2029年计划打造4个以上示范村；"
    "二是积极申报示范片区；三是推行“党建+”服务模式。\n"
    "（三）建成镇史馆。力争2029年10月1日开馆。\n"
)


def test_a_heading_whose_paragraph_enumerates_its_works_groups_them():
    assert _items(_ENUMERATED) == [
        ("做好换届工作", None),
        ("抓好示范村建设", "2029-12-31"),
        ("积极申报示范片区", None),
        ("推行“党建+”服务模式", None),
        ("建成镇史馆", "2029-10-01"),
    ]
    headings = [i.heading for s in decompose(_ENUMERATED).sections for i in s.items]
    assert headings[1:4] == ["建设一批示范单位"] * 3


def test_a_count_in_the_plan_of_a_named_year_is_dated_by_it():
    found = _targets(_ENUMERATED)
    assert [(c, v, u, d) for _i, c, v, u, d in found] == [(">=", 4, "个", "2029-12-31")]
    assert found[0][0].endswith("示范村")
