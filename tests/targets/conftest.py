import datetime as dt
from decimal import Decimal

import pytest

from mingzhu.org.choices import RoleCode
from mingzhu.org.models import OrgUnit, Role, User
from mingzhu.targets.models import Indicator, Observation, Target

CITY = "321182000000"
XINBA = "YZ-XINBA"
PEER = "320281000000"  # 江阴市


@pytest.fixture
def tjj(db):
    """Staff of the statistics bureau (统计局): a department clerk who is also a statistician."""
    user = User.objects.create(
        username="tjj", display_name="统计局（测试）", unit=OrgUnit.objects.get(code="YZ-DEPT-TJJ")
    )
    user.roles.set(Role.objects.filter(code__in=[RoleCode.DEPT_STAFF, RoleCode.STATISTICIAN]))
    return user


@pytest.fixture
def gdp(db):
    return Indicator.objects.get(code="GDP")


@pytest.fixture
def city_target(db, gdp):
    return Target.objects.get(indicator=gdp, unit__code=CITY)


@pytest.fixture
def make_indicator(db):
    def make(code="T-Q", **kwargs):
        values = {"name": code, "unit": "亿元", "dimension": "total", "frequency": "year"}
        return Indicator.objects.create(code=code, **(values | kwargs))

    return make


@pytest.fixture
def observe(db):
    def make(indicator, unit_code, period, value, **kwargs):
        return Observation.objects.create(
            indicator=indicator,
            unit=OrgUnit.objects.get(code=unit_code),
            period=period,
            value=Decimal(str(value)),
            **kwargs,
        )

    return make


@pytest.fixture
def make_target(db):
    def make(indicator, unit_code=CITY, comparator=">", value="100", deadline=None):
        return Target.objects.create(
            indicator=indicator,
            unit=OrgUnit.objects.get(code=unit_code),
            comparator=comparator,
            value=Decimal(value),
            deadline=deadline or dt.date(2025, 12, 31),
        )

    return make
