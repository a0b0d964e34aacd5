import itertools

import pytest
from factories import account_enterprise

from mingzhu.enterprises import credit
from mingzhu.enterprises.models import AnnualData, Enterprise

_numbers = itertools.count(1)


@pytest.fixture
def make_enterprise(unit):
    """make_enterprise(town_code, **fields) -> a new enterprise (not illustrative)."""

    def make(town_code="YZ-XINBA", **fields):
        n = next(_numbers)
        values = {
            "credit_code": credit.complete(f"91321182TE{n:07d}"),
            "name": f"测试企业{n}",
            "town": unit(town_code),
            "industry": "C38",
            "scale": "above",
            "land_mu": 20,
        } | fields
        return Enterprise.objects.create(**values)

    return make


@pytest.fixture
def own_enterprise(db):
    """The enterprise of the enterprise user qiye (account unit YZ-CO-0001)."""
    return account_enterprise("YZ-CO-0001")


@pytest.fixture
def figures():
    def add(enterprise, year, **values):
        base = {
            "sales": 1000,
            "tax": 100,
            "value_added": 200,
            "energy_tce": 50,
            "electricity": 100,
            "emissions": 1,
            "rd_expense": 30,
            "employees": 20,
        }
        return AnnualData.objects.create(enterprise=enterprise, year=year, **(base | values))

    return add
