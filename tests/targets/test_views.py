import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.targets.models import Indicator, Observation

from .conftest import CITY, PEER, XINBA

EVERYONE = ["leader", "supervisor", "fgw", "sanmao", "xinba", "grid_worker"]
EVERYONE += ["enterprise_user", "administrator", "outsider"]
READERS = {"leader", "supervisor", "fgw", "sanmao", "xinba", "administrator"}
CITY_WIDE = {"leader", "supervisor", "administrator"}
ENTERING = {"fgw", "sanmao", "xinba"}


def status_for(persona, allowed, denied=403):
    return 200 if persona in allowed else denied


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_shows_the_indicator_catalogue_to_everyone_signed_in(as_user, request, persona, gdp):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/targets/indicators/").status_code == 200
    assert client.get(f"/targets/indicators/{gdp.pk}/").status_code == 200
    edit = client.get(f"/targets/indicators/{gdp.pk}/edit/").status_code
    assert edit == (200 if persona == "administrator" else 404)


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_guards_the_target_list(as_user, request, persona):
    response = as_user(request.getfixturevalue(persona)).get("/targets/")
    assert response.status_code == status_for(persona, READERS)
    if persona in CITY_WIDE:
        assert len(response.context["rows"]) == 4
    elif persona in READERS:
        assert response.context["rows"] == []  # the city's targets lie outside their unit


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_guards_the_target_page(as_user, request, persona, city_target):
    response = as_user(request.getfixturevalue(persona)).get(f"/targets/{city_target.pk}/")
    assert response.status_code == status_for(persona, CITY_WIDE, 404)
    history = as_user(request.getfixturevalue(persona)).get(f"/targets/{city_target.pk}/history/")
    assert history.status_code == status_for(persona, CITY_WIDE, 404)


def test_it_shows_the_trajectory_and_the_sentence(as_user, leader, city_target):
    response = as_user(leader).get(f"/targets/{city_target.pk}/", {"as_of": "2024-06-30"})
    page = response.content.decode()
    assert 'id="trajectory"' in page and "vendor/echarts/dist/echarts.min.js" in page
    assert "GDP 突破 800 亿元" in page
    chart = response.context["chart"]
    # Each value at its own year on the year axis: 2023's at the tick "2023".
    assert chart["actual"][-1] == [2023.0, "608.0000", "2023"]
    assert chart["required"][-1] == [2025.0, "800.0000", "2025-12-31"]
    assert chart["deadline_position"] == 2025.0
    script = "mingzhu/pages/targets-target_detail.js"
    assert script in page  # the chart's script, from the site: a year axis
    with open(finders.find(script), encoding="utf-8") as handle:
        assert 'xAxis: {type: "value"' in handle.read()
    assert chart["projected"] and chart["target"] == "800.0000"
    assert response.context["row"]["status"] == "off_track"


def test_it_lets_the_statistics_bureau_read_every_target(as_user, tjj, city_target):
    assert as_user(tjj).get(f"/targets/{city_target.pk}/").status_code == 200
    assert len(as_user(tjj).get("/targets/").context["rows"]) == 4


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_guards_the_observation_list_and_peers(as_user, request, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/targets/observations/").status_code == status_for(persona, READERS)
    assert client.get("/targets/peers/").status_code == status_for(persona, READERS)


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_guards_a_city_observation(as_user, request, persona, gdp):
    obs = Observation.objects.get(indicator=gdp, unit__code=CITY, period="2022")
    response = as_user(request.getfixturevalue(persona)).get(f"/targets/observations/{obs.pk}/")
    assert response.status_code == status_for(persona, CITY_WIDE, 404)


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_shows_peers_observations_to_every_reader(as_user, request, persona, gdp):
    obs = Observation.objects.get(indicator=gdp, unit__code=PEER, period="2023")
    response = as_user(request.getfixturevalue(persona)).get(f"/targets/observations/{obs.pk}/")
    assert response.status_code == status_for(persona, READERS, 404)
    if persona in READERS:
        assert response.context["can_change"] is False  # scope-all roles here only read


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_guards_the_entry_form_and_import(as_user, request, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/targets/observations/add/").status_code == status_for(persona, ENTERING)
    assert client.get("/targets/observations/import/").status_code == status_for(persona, ENTERING)


def test_it_lets_a_town_enter_its_own_observation(as_user, xinba, unit, gdp):
    form = {"indicator": gdp.pk, "unit": unit(XINBA).pk, "period": "2023年", "value": "88.5"}
    response = as_user(xinba).post("/targets/observations/add/", form)
    obs = Observation.objects.get(indicator=gdp, unit__code=XINBA)
    assert response.status_code == 302 and response["Location"].endswith(f"/{obs.pk}/")
    assert obs.period == "2023" and obs.entered_by == xinba and not obs.is_illustrative
    assert obs.measure_unit == "亿元"


def test_it_offers_a_town_only_its_own_units(as_user, xinba, sanmao, unit, gdp):
    form = {"indicator": gdp.pk, "unit": unit("321182001000").pk, "period": "2023", "value": "1"}
    response = as_user(xinba).post("/targets/observations/add/", form)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    city = {**form, "unit": unit(CITY).pk, "period": "2020"}
    assert "unit" in as_user(xinba).post("/targets/observations/add/", city).context["form"].errors
    assert not Observation.objects.filter(indicator=gdp, period__in=["2020"], unit__code=CITY)


def test_it_refuses_a_unit_mismatch_and_a_wrong_period_in_the_form(as_user, xinba, unit, gdp):
    form = {"indicator": gdp.pk, "unit": unit(XINBA).pk, "period": "2023Q1", "value": "1"}
    errors = as_user(xinba).post("/targets/observations/add/", form).context["form"].errors
    assert "2023Q1" in errors["period"][0]
    form |= {"period": "2023", "measure_unit": "万元"}
    errors = as_user(xinba).post("/targets/observations/add/", form).context["form"].errors
    assert "亿元" in errors["measure_unit"][0]
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_it_lets_a_town_correct_only_its_own_observations(as_user, xinba, sanmao, observe, gdp):
    obs = observe(gdp, XINBA, "2022", 80)
    url = f"/targets/observations/{obs.pk}/edit/"
    assert as_user(sanmao).get(url).status_code == 404
    form = {"indicator": gdp.pk, "unit": obs.unit_id, "period": "2022", "value": "81"}
    assert as_user(xinba).post(url, form).status_code == 302
    obs.refresh_from_db()
    assert obs.value == 81


def test_it_lets_the_statistics_bureau_enter_a_peer_figure(as_user, tjj, unit, gdp):
    form = {"indicator": gdp.pk, "unit": unit(PEER).pk, "period": "2021", "value": "4580"}
    assert as_user(tjj).post("/targets/observations/add/", form).status_code == 302
    assert Observation.objects.get(indicator=gdp, unit__code=PEER, period="2021").value == 4580


def test_it_ranks_the_city_among_its_peers(as_user, leader, gdp):
    response = as_user(leader).get("/targets/peers/", {"indicator": gdp.pk})
    assert response.context["period"] == "2023"
    ranking = [(r.unit, r.rank) for r in response.context["rows"]]
    assert ranking[0] == ("昆山市", 1) and ranking[-1] == ("扬中市", 5)
    assert 'id="peer-chart"' in response.content.decode()


def test_it_ranks_for_a_town_only_what_it_may_read(as_user, sanmao, gdp):
    response = as_user(sanmao).get("/targets/peers/", {"indicator": gdp.pk})
    assert {r.unit for r in response.context["rows"]} == {"江阴市", "张家港市", "昆山市", "丹阳市"}


def test_it_derives_per_capita_values_for_peers(as_user, leader):
    indicator = Indicator.objects.get(code="GDPPC")
    response = as_user(leader).get("/targets/peers/", {"indicator": indicator.pk, "period": "2022"})
    values = {r.unit: r.value for r in response.context["rows"]}
    assert values["扬中市"] == Decimal("185381.2085")
    assert len(values) == 5


def test_it_exports_observations(as_user, leader):
    from io import BytesIO

    from openpyxl import load_workbook

    response = as_user(leader).get("/targets/observations/", {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("指标", "单位", "地区", "期间", "数值", "来源")
    assert ("GDP", "亿元", CITY, "2022", 585.99, "扬中市2022年国民经济和社会发展统计公报") in rows


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_keeps_list_queries_fixed(as_user, leader, observe, make_indicator):
    client = as_user(leader)
    urls = ["/targets/observations/", "/targets/", "/targets/peers/", "/targets/indicators/"]
    observe(Indicator.objects.get(code="GDP"), PEER, "1999", 1999)  # both counts alike
    _count(client, urls[0])  # the first request reads what the process then keeps (access)
    before = [_count(client, url) for url in urls]
    indicator = make_indicator("EXTRA")
    for year in range(2000, 2015):
        observe(indicator, CITY, str(year), year)
        observe(Indicator.objects.get(code="GDP"), PEER, str(year), year)
    assert [_count(client, url) for url in urls] == before


def test_it_stops_requiring_growth_after_the_deadline(as_user, leader, city_target):
    response = as_user(leader).get(f"/targets/{city_target.pk}/", {"as_of": "2026-03-01"})
    row = response.context["row"]
    assert row["status"] in ("achieved", "missed")
    assert row["required_growth"] is None and row["years_left"] == 0
    assert response.context["chart"]["required"] == []
    listing = as_user(leader).get("/targets/", {"as_of": "2026-03-01"}).context["rows"]
    assert all(r["required_growth"] is None for r in listing if r["deadline"] < dt.date(2026, 3, 1))
