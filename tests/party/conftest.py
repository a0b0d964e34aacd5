import datetime as dt

import pytest
from django.utils import translation

from mingzhu.party.models import Household, PartyMember, PartyOrganisation, TrainingSession

LIXIN = "YZ-XINBA-V02"  # 立新村, the village of the persona lixin (新坝镇)
XINZHI = "YZ-XINBA-V03"  # 新治村, another village of 新坝镇
YONGSHENG = "321182001000-V02"  # 永胜村, 三茅街道
TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def branch(unit):
    """make a branch of a village: branch(code) -> PartyOrganisation"""

    def make(code=LIXIN):
        village = unit(code)
        return PartyOrganisation.objects.create(name=f"测试支部{code}", unit=village)

    return make


@pytest.fixture
def member(unit, branch):
    def make(name="测试党员", code=LIXIN):
        organisation = PartyOrganisation.objects.filter(name=f"测试支部{code}").first()
        organisation = organisation or branch(code)
        return PartyMember.objects.create(name=name, organisation=organisation, village=unit(code))

    return make


@pytest.fixture
def household(unit):
    def make(head="测试户主", code=LIXIN, address="测试地址1号"):
        return Household.objects.create(village=unit(code), head_name=head, address=address)

    return make


@pytest.fixture
def session(unit):
    from mingzhu.party.models import TrainingCourse

    course = TrainingCourse.objects.create(
        name="测试课程", year=2025, organiser=unit("YZ-DEPT-ZZB")
    )
    return TrainingSession.objects.create(course=course, held_on=dt.date(2025, 5, 1), hours=3)
