"""Units found by the names offices write, in the org tree of the demo city."""

import pytest

from mingzhu.org.matching import UnitMatcher, unit_keys
from mingzhu.org.models import OrgUnit

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@pytest.fixture
def matcher(db):
    return UnitMatcher.of_city()


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("发展和改革委员会", "YZ-DEPT-FGW"),
        ("发改委", "YZ-DEPT-FGW"),
        ("市发改委", "YZ-DEPT-FGW"),
        ("县发展和改革局", "YZ-DEPT-FGW"),
        ("扬中市发展改革委", "YZ-DEPT-FGW"),
        ("扬中市生态环境局", "YZ-DEPT-STHJ"),
        ("城管局", "YZ-DEPT-CGJ"),
        ("市场监管局", "YZ-DEPT-SCJG"),
        ("县人社局", "YZ-DEPT-RSJ"),
        ("市委组织部", "YZ-DEPT-ZZB"),
        ("组织部", "YZ-DEPT-ZZB"),
        ("新坝", "YZ-XINBA"),
        ("扬中市新坝镇", "YZ-XINBA"),
        ("YZ-DEPT-CZJ", "YZ-DEPT-CZJ"),
        (" 财 政 局 ", "YZ-DEPT-CZJ"),
    ],
)
def test_a_name_as_offices_write_it_finds_its_unit(matcher, written, code):
    assert matcher.find(written) == OrgUnit.objects.get(code=code)


@pytest.mark.parametrize("written", ["", "县政府园区发展服务中心", "教育局", "江阴市"])
def test_a_name_of_no_unit_of_the_city_finds_none(matcher, written):
    # The peers compared with (江阴市) are outside the city's tree.
    assert matcher.find(written) is None
    assert matcher.expand(written) == []


def test_all_towns_stand_for_the_kinds_of_unit_they_name(matcher):
    towns = matcher.towns()
    assert len(towns) >= 6 and all(u.kind in ("town", "street", "zone") for u in towns)
    for written in ("各镇(街道、园区)", "各板块", "各镇区"):
        assert matcher.expand(written) == towns
    # 各镇（街道） and 各镇街 are the towns and the streets, not the zones.
    for written in ("各镇（街道）", "各镇街"):
        assert matcher.expand(written) == [u for u in towns if u.kind in ("town", "street")]
    assert matcher.expand("各乡镇") == [u for u in towns if u.kind == "town"]


def test_a_name_two_units_share_finds_neither():
    city = OrgUnit(pk=1, name="甲市", kind="city", path="/1/")
    one = OrgUnit(pk=2, name="一中心", short_name="中心", kind="department", parent=city)
    two = OrgUnit(pk=3, name="二中心", short_name="中心", kind="department", parent=city)
    matcher = UnitMatcher([city, one, two])
    assert matcher.candidates("中心") == sorted([one, two], key=lambda u: u.path)
    assert matcher.find("中心") is None
    assert matcher.find("一中心") == one


def test_the_keys_fold_the_forms_of_one_name():
    keys = unit_keys("发展和改革委员会")
    for written in ("县发展和改革局", "市发改委", "发展改革委", "发改局"):
        assert keys & unit_keys(written)
    assert not unit_keys("城市管理局") & unit_keys("市场监督管理局")
