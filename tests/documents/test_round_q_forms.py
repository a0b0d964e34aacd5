"""Forms met on a seventeenth held-out set (set Q), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- the 实事 of a year ----------------------------------------------------------------------


def test_shishi_listed_inside_one_sentence_after_baokuo_are_rows():
    text = (
        "青川县确定2031年民生实事项目6项\n"
        "县人大会议票决产生2031年民生实事项目6项。\n"
        "6项民生实事项目包括:新建城东小学;开设15个爱心暑托班;新增停车泊位200个;"
        "改造农村公路提档升级工程;完成约3000户农户生活污水治理;新建2处门球场。\n"
    )
    assert _rows(text) == [
        ("新建城东小学", "", "2031-12-31"),
        ("开设15个爱心暑托班", "", "2031-12-31"),
        ("新增停车泊位200个", "", "2031-12-31"),
        ("改造农村公路提档升级工程", "", "2031-12-31"),
        ("完成约3000户农户生活污水治理", "", "2031-12-31"),
        ("新建2处门球场", "", "2031-12-31"),
    ]


def test_a_shishi_worded_as_continuing_work_is_still_due_by_the_year_s_end():
    text = (
        "青川县2031年十件民生实事\n"
        "1.持续开展适龄妇女“两癌”免费筛查。\n"
        "2.全面实施长期护理保险制度。\n"
        "3.新建城西农贸市场1个。\n"
    )
    assert [d for _t, _l, d in _rows(text)] == ["2031-12-31"] * 3
