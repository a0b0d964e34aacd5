"""An indicator states whether its values may be negative; every door refuses a negative
value of one that may not (the form, the API, the import), naming the indicator."""

from mingzhu.targets.importer import import_observations
from mingzhu.targets.models import Observation

from .conftest import XINBA
from .test_import import workbook

OBS = "/api/v1/targets/observations/"


def test_the_form_refuses_a_negative_gdp(as_user, xinba, unit, gdp):
    form = {"indicator": gdp.pk, "unit": unit(XINBA).pk, "period": "2023", "value": "-5"}
    response = as_user(xinba).post("/targets/observations/add/", form)
    assert response.status_code == 200
    message = response.context["form"].errors["value"][0]
    assert "地区生产总值" in message and "-5" in message and "负" in message
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_the_api_refuses_a_negative_gdp(as_user, xinba):
    body = {"indicator": "GDP", "unit": XINBA, "period": "2023", "value": "-5"}
    response = as_user(xinba).post(OBS, body, content_type="application/json")
    assert response.status_code == 400
    assert "地区生产总值" in str(response.json()["value"])
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_the_import_refuses_a_negative_gdp_by_row_and_column(xinba):
    good = ["GPBR", "亿元", XINBA, 2021, 5]
    result = import_observations(workbook(good, ["GDP", "亿元", XINBA, 2021, -5]), actor=xinba)
    assert [(e.row, e.field) for e in result.errors] == [(3, "数值")]
    assert "地区生产总值" in str(result.errors[0])
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_a_growth_rate_may_be_negative_at_every_door(as_user, xinba, unit, make_indicator):
    growth = make_indicator("T-GROWTH", name="工业增加值增速", unit="%", may_be_negative=True)
    form = {"indicator": growth.pk, "unit": unit(XINBA).pk, "period": "2022", "value": "-2.5"}
    assert as_user(xinba).post("/targets/observations/add/", form).status_code == 302
    body = {"indicator": "T-GROWTH", "unit": XINBA, "period": "2023", "value": "-1.5"}
    assert as_user(xinba).post(OBS, body, content_type="application/json").status_code == 201
    result = import_observations(workbook(["T-GROWTH", "%", XINBA, 2021, -3]), actor=xinba)
    assert result.errors == [] and result.created == 1
    values = Observation.objects.filter(indicator=growth).values_list("value", flat=True)
    assert sorted(float(v) for v in values) == [-3, -2.5, -1.5]


def test_zero_is_allowed_where_negatives_are_not(as_user, xinba):
    body = {"indicator": "GDP", "unit": XINBA, "period": "2023", "value": "0"}
    assert as_user(xinba).post(OBS, body, content_type="application/json").status_code == 201


def test_the_indicator_form_sets_the_sign_rule(as_user, administrator):
    form = {
        "code": "T-NET",
        "name": "净流入人口",
        "unit": "万人",
        "dimension": "total",
        "direction": "higher",
        "frequency": "year",
        "may_be_negative": "on",
        "sort_order": "0",
    }
    response = as_user(administrator).post("/targets/indicators/add/", form)
    assert response.status_code == 302, response.context["form"].errors
    from mingzhu.targets.models import Indicator

    assert Indicator.objects.get(code="T-NET").may_be_negative is True
