import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.targets.models import Observation

from .conftest import CITY, PEER, XINBA
from .test_views import CITY_WIDE, EVERYONE, READERS, status_for

OBS = "/api/v1/targets/observations/"
PROGRESS = "/api/v1/targets/progress/"


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_lists_indicators_to_everyone_signed_in(as_user, request, persona):
    response = as_user(request.getfixturevalue(persona)).get("/api/v1/targets/indicators/")
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["results"]][:4] == ["GDP", "GPBR", "ITS", "ENT100"]


def test_it_refuses_anonymous_callers(client, db):
    assert client.get("/api/v1/targets/indicators/").status_code in (401, 403)
    assert client.get(PROGRESS).status_code in (401, 403)


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_lists_observations_in_scope(as_user, request, persona):
    response = as_user(request.getfixturevalue(persona)).get(OBS, {"page_size": 500})
    assert response.status_code == status_for(persona, READERS)
    if response.status_code == 200:
        units = {r["unit"] for r in response.json()["results"]}
        assert PEER in units
        assert (CITY in units) == (persona in CITY_WIDE)


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_answers_progress_per_persona(as_user, request, persona):
    response = as_user(request.getfixturevalue(persona)).get(PROGRESS, {"as_of": "2024-06-30"})
    assert response.status_code == status_for(persona, READERS)
    if response.status_code == 200:
        assert len(response.json()["results"]) == (4 if persona in CITY_WIDE else 0)


def test_it_computes_progress_rows(as_user, leader):
    rows = as_user(leader).get(PROGRESS, {"as_of": "2024-06-30"}).json()["results"]
    gdp = next(r for r in rows if r["indicator_code"] == "GDP")
    assert {k: gdp[k] for k in ("indicator", "comparator", "target_value", "unit", "deadline")} == {
        "indicator": "地区生产总值",
        "comparator": ">",
        "target_value": "800",
        "unit": "亿元",
        "deadline": "2025-12-31",
    }
    assert gdp["latest_value"] == "608" and gdp["latest_period"] == "2023"
    assert gdp["progress"] == "0.7600" and gdp["status"] == "off_track"
    for key in ("required_growth", "trend_growth", "projected_value"):
        assert gdp[key] is not None
    ent = next(r for r in rows if r["indicator_code"] == "ENT100")
    assert ent["comparator"] == ">=" and ent["target_value"] == "5"


def test_it_refuses_a_bad_as_of(as_user, leader):
    response = as_user(leader).get(PROGRESS, {"as_of": "2024-13-01"})
    assert response.status_code == 400 and "as_of" in response.json()


def test_it_says_missed_after_the_deadline(as_user, leader):
    rows = as_user(leader).get(PROGRESS, {"as_of": "2026-01-01"}).json()["results"]
    assert {r["status"] for r in rows} == {"missed"}


def test_it_keeps_progress_queries_fixed(as_user, leader, observe, gdp):
    client = as_user(leader)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(PROGRESS)
        return len(ctx.captured_queries)

    observe(gdp, CITY, "1999", 99)  # both counts with observations written in this transaction
    count()  # the first request reads what the process then keeps (the user's access)
    before = count()
    for year in range(2000, 2010):
        observe(gdp, CITY, str(year), 100 + year)
    assert count() == before


def test_it_lets_a_town_enter_its_own_observation(as_user, xinba):
    body = {"indicator": "GDP", "unit": XINBA, "period": "2023", "value": "88.5"}
    response = as_user(xinba).post(OBS, body, content_type="application/json")
    assert response.status_code == 201, response.json()
    obs = Observation.objects.get(pk=response.json()["id"])
    assert obs.entered_by == xinba and obs.period_end.isoformat() == "2023-12-31"


@pytest.mark.parametrize("unit_code", [CITY, "321182001000", PEER])
def test_it_refuses_a_town_entering_for_another_unit(as_user, xinba, unit_code):
    body = {"indicator": "GDP", "unit": unit_code, "period": "2019", "value": "1"}
    response = as_user(xinba).post(OBS, body, content_type="application/json")
    # A unit outside the town's scope is not one it can name at all.
    assert response.status_code == 400 and "unit" in response.json()
    assert not Observation.objects.filter(period="2019").exists()


@pytest.mark.parametrize("persona", ["leader", "supervisor", "grid_worker", "outsider"])
def test_it_refuses_entry_without_the_permission(as_user, request, persona):
    body = {"indicator": "GDP", "unit": XINBA, "period": "2019", "value": "1"}
    response = as_user(request.getfixturevalue(persona)).post(
        OBS, body, content_type="application/json"
    )
    assert response.status_code == 403


def test_it_lets_the_statistics_bureau_enter_for_any_unit(as_user, tjj):
    for unit_code in (CITY, PEER):
        body = {"indicator": "GDP", "unit": unit_code, "period": "2019", "value": "500"}
        response = as_user(tjj).post(OBS, body, content_type="application/json")
        assert response.status_code == 201, response.json()
    obs = Observation.objects.get(unit__code=PEER, indicator__code="GDP", period="2023")
    assert as_user(tjj).get(f"/targets/observations/{obs.pk}/").context["can_change"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"measure_unit": "万元"}, "measure_unit"),
        ({"period": "2023Q2"}, "period"),
        ({"period": "2023-05"}, "period"),
        ({"value": "abc"}, "value"),
        ({"indicator": "NOPE"}, "indicator"),
        ({"period": "2022"}, "period"),  # exists already
        ({"period": "2022年"}, "period"),  # the same, spelt otherwise
    ],
)
def test_it_refuses_bad_observations(as_user, tjj, body, field):
    full = {"indicator": "GDP", "unit": CITY, "period": "2019", "value": "1"} | body
    response = as_user(tjj).post(OBS, full, content_type="application/json")
    assert response.status_code == 400 and field in response.json()
    assert not Observation.objects.filter(period="2019").exists()


def test_a_value_already_entered_is_replaced_only_when_asked(as_user, tjj):
    from auditlog.models import LogEntry

    obs = Observation.objects.get(unit__code=CITY, indicator__code="GDP", period="2022")
    old = obs.value
    body = {"indicator": "GDP", "unit": CITY, "period": "2022", "value": str(old + 1)}
    refused = as_user(tjj).post(OBS, body, content_type="application/json")
    assert refused.status_code == 400
    message = str(refused.json()["period"])
    # The refusal names the value already there, in Chinese.
    assert f"{old.normalize():f} " in message
    assert "已有数值" in message
    obs.refresh_from_db()
    assert obs.value == old
    replaced = as_user(tjj).post(OBS, body | {"overwrite": True}, content_type="application/json")
    assert replaced.status_code == 201, replaced.json()
    assert replaced.json()["id"] == obs.pk
    obs.refresh_from_db()
    assert obs.value == old + 1 and obs.entered_by == tjj
    assert (
        Observation.objects.filter(unit__code=CITY, indicator__code="GDP", period="2022").count()
        == 1
    )
    entry = LogEntry.objects.get_for_object(obs).order_by("-timestamp", "-pk").first()
    assert entry.actor == tjj and "value" in entry.changes_dict


def test_overwrite_does_not_widen_scope(as_user, xinba):
    body = {"indicator": "GDP", "unit": CITY, "period": "2022", "value": "1", "overwrite": True}
    response = as_user(xinba).post(OBS, body, content_type="application/json")
    assert response.status_code == 400 and "unit" in response.json()
