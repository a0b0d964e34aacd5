"""Party members linked to households, in the browser: the village records a visit (a
date in the future is refused on the form), and the organisation department sees the
city's coverage."""

import datetime as dt

from django.utils import timezone


def test_it_records_a_visit_and_shows_the_coverage(login, demo_server, shot):
    village = login("lixin")
    village.goto(f"{demo_server}/party/")
    assert village.locator("#villages tbody tr").count() == 1
    assert "立新村" in village.locator("#villages").inner_text()
    village.goto(f"{demo_server}/party/households/?linked=true")
    village.click("#results tbody tr >> nth=0 >> a")
    village.click("#record-visit")
    future = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    village.fill("#id_visited_on", future)
    village.fill("#id_findings", "户主身体健康，家中整洁。")
    village.click("#save")
    assert "晚于今天" in village.locator("#action-form").inner_text()
    village.fill("#id_visited_on", timezone.localdate().isoformat())
    village.click("#save")
    assert "户主身体健康" in village.locator("#attributes").inner_text()
    shot(village, "lixin-household-visit")

    office = login("zzb")
    office.goto(f"{demo_server}/party/")
    assert office.locator("#towns tbody tr").count() >= 6
    assert office.locator("#coverage-chart canvas").count() == 1
    shot(office, "zzb-party-overview")


def test_it_shows_the_civilisation_office_an_application_on_notice(login, demo_server, shot):
    office = login("wmb")
    office.goto(f"{demo_server}/civility/applications/?status=on_notice")
    office.click("#results tbody tr >> nth=0 >> a")
    office.wait_for_load_state()
    assert office.locator("#status").inner_text() == "公示中"
    assert office.locator("#timeline li").count() >= 3
    shot(office, "wmb-application-on-notice")
    office.goto(f"{demo_server}/civility/campaign/")
    assert office.locator(".campaign-list tbody tr").count() == 6
    shot(office, "wmb-civilised-city-tasks")
    office.goto(f"{demo_server}/civility/calendar/")
    assert office.locator("#calendar a").count() >= 1
    shot(office, "wmb-activities-calendar")
