import pytest

from mingzhu.livelihood.models import CoverageRecord, MonitoredHousehold, MutualAidFund

LISTS = [
    "/api/v1/livelihood/requests/",
    "/api/v1/livelihood/households/",
    "/api/v1/livelihood/funds/",
    "/api/v1/livelihood/fund-entries/",
    "/api/v1/livelihood/coverage/",
]


@pytest.mark.parametrize("url", LISTS)
def test_outsiders_get_nothing(as_user, outsider, enterprise_user, url):
    assert as_user(outsider).get(url).status_code == 403
    assert as_user(enterprise_user).get(url).status_code == 403


def test_a_village_sees_only_its_own_rows(as_user, lixin, unit):
    client = as_user(lixin)
    village = unit("YZ-XINBA-V02").pk
    households = client.get("/api/v1/livelihood/households/", {"page_size": 500}).json()
    assert households["count"] == MonitoredHousehold.objects.filter(village=village).count() > 0
    assert {h["village"] for h in households["results"]} == {village}
    funds = client.get("/api/v1/livelihood/funds/").json()
    assert [f["village"] for f in funds["results"]] == [village]
    coverage = client.get("/api/v1/livelihood/coverage/", {"page_size": 500}).json()
    assert coverage["count"] == CoverageRecord.objects.filter(village=village).count() > 0


def test_the_agriculture_bureau_sees_every_household(as_user, nyj):
    body = as_user(nyj).get("/api/v1/livelihood/households/").json()
    assert body["count"] == MonitoredHousehold.objects.count()


def test_a_department_sees_only_what_is_dispatched_to_it(as_user, fgw, gxj, dispatched):
    request = dispatched()
    assert as_user(fgw).get(f"/api/v1/livelihood/requests/{request.pk}/").status_code == 200
    assert as_user(gxj).get(f"/api/v1/livelihood/requests/{request.pk}/").status_code == 404
    assert as_user(gxj).get("/api/v1/livelihood/funds/").status_code == 403


def test_the_public_notice_of_every_fund_is_readable(as_user, outsider):
    fund = MutualAidFund.objects.first()
    assert as_user(outsider).get(f"/livelihood/funds/{fund.pk}/notice/").status_code == 200
    assert as_user(outsider).get("/livelihood/funds/999999/notice/").status_code == 404


def test_the_desk_edits_a_time_limit_and_others_do_not(as_user, rexian, leader):
    from mingzhu.livelihood.models import TimeLimit

    limit = TimeLimit.objects.get(request_type="complaint")
    url = f"/livelihood/time-limits/{limit.pk}/edit/"
    assert as_user(leader).get(url).status_code == 404
    data = {"handling_days": 10, "basis": "working_days", "response_days": 1}
    assert as_user(rexian).post(url, data).status_code == 302
    limit.refresh_from_db()
    assert limit.handling_days == 10
    assert as_user(rexian).post(url, {**data, "handling_days": 99}).status_code == 200
