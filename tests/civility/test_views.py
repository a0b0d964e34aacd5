import re

import pytest
from django.utils import timezone

from mingzhu.civility.choices import ApplicationStatus
from mingzhu.civility.models import (
    Application,
    Category,
    Objection,
    Participation,
    VolunteerActivity,
)

READERS = ["wmb", "leader", "xinba", "sanmao", "lixin"]
NOT_READERS = [
    "zzb",
    "fgw",
    "supervisor",
    "nyj",
    "grid_worker",
    "enterprise_user",
    "administrator",
    "outsider",
]
PERSONAS = [(p, 200) for p in READERS] + [(p, 403) for p in NOT_READERS]
PAGES = [
    "/civility/applications/",
    "/civility/categories/",
    "/civility/activities/",
    "/civility/participations/",
    "/civility/calendar/",
    "/civility/hours/",
    "/civility/campaign/",
]


@pytest.mark.parametrize(("persona", "status"), PERSONAS)
def test_it_guards_every_civility_page(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    for page in PAGES:
        assert client.get(page).status_code == status, page


def _of(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


@pytest.mark.parametrize(("persona", "status"), PERSONAS)
def test_it_guards_every_detail_page(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    xinba = "YZ-XINBA"
    rows = {
        "applications": _of(Application, unit__code__startswith=xinba),
        "activities": _of(VolunteerActivity, organiser__code=xinba),
        "participations": _of(Participation, unit__code__startswith=xinba),
        "categories": _of(Category),
    }
    for prefix, obj in rows.items():
        assert obj is not None, prefix
        expected = 404 if status == 403 else status
        if prefix == "categories":
            expected = status  # reference data: the permission decides
        elif persona in ("sanmao", "lixin"):
            # 新坝镇's rows: not 三茅街道's; 立新村 sees its own village only.
            in_lixin = _in_lixin(obj)
            expected = 200 if persona == "lixin" and in_lixin else 404
        for url in (f"/civility/{prefix}/{obj.pk}/", f"/civility/{prefix}/{obj.pk}/history/"):
            assert client.get(url).status_code == expected, (url, persona)


def _in_lixin(obj) -> bool:
    unit = getattr(obj, "unit", None) or getattr(obj, "organiser", None)
    return unit.code.startswith("YZ-XINBA-V02")


def test_it_shows_a_town_its_own_applications(as_user, xinba, sanmao):
    rows = as_user(xinba).get("/civility/applications/").context["rows"]
    assert rows and all(o.unit.code.startswith("YZ-XINBA") for o, _v in rows)
    rows = as_user(sanmao).get("/civility/applications/").context["rows"]
    assert all(not o.unit.code.startswith("YZ-XINBA") for o, _v in rows)


def test_it_gives_the_civilisation_office_every_application(as_user, wmb):
    page = as_user(wmb).get("/civility/applications/").context["page_obj"]
    assert page.paginator.count == Application.objects.count()


def test_it_shows_demo_applications_in_every_state(as_user, wmb):
    states = set(Application.objects.values_list("status", flat=True))
    assert states == set(ApplicationStatus.values)


def test_it_submits_on_the_form(as_user, lixin, unit, category):
    client = as_user(lixin)
    assert client.get("/civility/applications/add/").status_code == 200
    body = {
        "category": category.pk,
        "year": timezone.localdate().year,
        "applicant": "立新村新户",
        "unit": "",
    }
    body["unit"] = unit("YZ-XINBA-V02").pk
    assert client.post("/civility/applications/add/", body).status_code == 302
    assert Application.objects.filter(applicant="立新村新户").exists()
    body["unit"] = unit("YZ-XINBA-V03").pk  # not offered to 立新村
    assert client.post("/civility/applications/add/", body).status_code == 400


def test_it_walks_an_application_through_its_pages(as_user, lixin, wmb, submitted):
    app = submitted()  # on 2025-03-03
    # The village cannot take the office's steps.
    assert as_user(lixin).get(f"/civility/applications/{app.pk}/review/").status_code == 403
    office = as_user(wmb)
    page = office.get(f"/civility/applications/{app.pk}/").content.decode()
    assert 'id="step-review"' in page and 'id="step-award"' not in page
    base = f"/civility/applications/{app.pk}"
    assert office.post(f"{base}/review/", {"approve": "yes"}).status_code == 302
    response = office.post(f"{base}/publish/", {"start": "2025-03-04", "days": 7})
    assert response.status_code == 302
    # An objection outside the notice is refused on the form, naming the window.
    response = office.post(f"{base}/objection/", {"received_on": "2025-03-11", "content": "迟"})
    assert response.status_code == 400
    assert "during the public notice (2025-03-04 – 2025-03-10)" in response.content.decode()
    response = office.post(f"{base}/objection/", {"received_on": "2025-03-05", "content": "反映"})
    assert response.status_code == 302
    objection = Objection.objects.get(application=app)
    page = office.get(f"{base}/").content.decode()
    assert 'id="step-award"' not in page and "still being checked" in page
    response = office.post(f"{base}/award/", {"on": "2025-03-20"})
    assert response.status_code == 400 and "still being checked" in response.content.decode()
    response = office.post(
        f"{base}/objections/{objection.pk}/resolve/",
        {"upheld": "no", "resolution": "不属实", "on": "2025-03-06"},
    )
    assert response.status_code == 302
    assert office.post(f"{base}/award/", {"on": "2025-03-20"}).status_code == 302
    app.refresh_from_db()
    assert app.status == ApplicationStatus.AWARDED
    events = office.get(f"{base}/").context["events"]
    assert [e.action for e in events] == [
        "submit",
        "approve",
        "publish",
        "objection",
        "resolve",
        "award",
    ]


def test_it_refuses_a_duplicate_on_the_form(as_user, lixin, submitted, category, unit):
    submitted()
    response = as_user(lixin).post(
        "/civility/applications/add/",
        {
            "category": category.pk,
            "year": 2025,
            "applicant": "立新村",
            "unit": unit("YZ-XINBA-V02").pk,
        },
    )
    assert response.status_code == 400 and "has already applied" in response.content.decode()


def test_it_totals_volunteer_hours(as_user, wmb, lixin):
    year = timezone.localdate().year
    totals = as_user(wmb).get(f"/civility/hours/?year={year}").context["totals"]
    rows = Participation.objects.filter(activity__held_on__year=year)
    assert totals["hours"] == sum(r.hours for r in rows)
    village = as_user(lixin).get(f"/civility/hours/?year={year}").context["totals"]
    own = Participation.objects.restrict(lixin).filter(activity__held_on__year=year)
    assert own.count() < rows.count()
    assert village["hours"] == sum(r.hours for r in own)
    export = as_user(wmb).get(f"/civility/hours/?year={year}&export=units")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert as_user(wmb).get("/civility/hours/?year=abc").status_code == 200


def test_it_shows_the_activities_calendar(as_user, wmb):
    today = timezone.localdate()
    response = as_user(wmb).get(f"/civility/calendar/?month={today.year}-{today.month:02d}")
    shown = [a for week in response.context["weeks"] for _d, items in week for a in items]
    expected = VolunteerActivity.objects.filter(
        held_on__year=today.year, held_on__month=today.month
    ).count()
    assert len(shown) == expected == response.context["count"]
    assert as_user(wmb).get("/civility/calendar/?month=2025-13").status_code == 200
    # On a phone the month is a list of the days that hold activities, each linked; the
    # seven-column grid from the small breakpoint up.
    page = response.content.decode()
    agenda = re.search(r'<ul class="list-group d-sm-none[^"]*" id="agenda">(.*?)</ul>', page, re.S)
    assert agenda and 'class="table-responsive d-none d-sm-block"' in page
    assert agenda.group(1).count('class="list-group-item"') == len({a.held_on for a in shown})
    assert all(a.get_absolute_url() in agenda.group(1) for a in shown)


def test_it_lists_the_creation_campaign_tasks(as_user, wmb, leader, sanmao):
    office = as_user(wmb).get("/civility/campaign/").context
    assert office["summary"]["total"] == 6 and office["summary"]["closed"] == 1
    assert as_user(leader).get("/civility/campaign/").context["summary"]["total"] == 6
    # 三茅街道 sees the one task it leads.
    assert as_user(sanmao).get("/civility/campaign/").context["summary"]["total"] == 1


def test_it_adds_a_volunteer_on_the_activity_page(as_user, xinba, unit):
    from django.utils import timezone

    held = VolunteerActivity.objects.filter(held_on__lte=timezone.localdate())
    activity = held.filter(organiser__code="YZ-XINBA").first()
    response = as_user(xinba).post(
        f"/civility/activities/{activity.pk}/volunteers/add/",
        {"volunteer": "新志愿者", "unit": unit("YZ-XINBA-V02").pk},
    )
    assert response.status_code == 302
    assert Participation.objects.filter(activity=activity, volunteer="新志愿者").exists()


def test_it_shows_the_cockpit_panel_to_those_it_concerns(as_user, wmb, zzb):
    from django.utils import timezone

    from mingzhu.civility.cockpit import civility_panel

    today = timezone.localdate()
    panel = civility_panel(wmb, today)
    assert not panel.empty and panel.context["tasks"]["total"] == 6
    counts = {s: n for s, _label, n in panel.context["statuses"]}
    assert counts == {
        s: Application.objects.filter(year=today.year, status=s).count()
        for s in ApplicationStatus.values
    }
    assert civility_panel(zzb, today) is None
    assert 'id="civility-panel"' in as_user(wmb).get("/").content.decode()


def test_it_offers_category_editing_to_the_office_only(as_user, wmb, xinba):
    assert as_user(wmb).get("/civility/categories/add/").status_code == 200
    assert as_user(xinba).get("/civility/categories/add/").status_code == 403


ACTION_PAGES = {
    "add": {"wmb": 200, "xinba": 200, "sanmao": 200, "lixin": 200},
    # Only the office takes the steps; those who cannot see the application get 404.
    "review": {"wmb": 200, "leader": 403, "xinba": 403, "lixin": 403},
    "volunteer": {"wmb": 200, "xinba": 200, "lixin": 404, "sanmao": 404},
    "category_add": {"wmb": 200},
}


@pytest.mark.parametrize("persona", READERS + NOT_READERS)
def test_it_guards_every_action_page(as_user, request, persona, submitted):
    app = submitted()
    activity = _of(VolunteerActivity, organiser__code="YZ-XINBA")
    urls = {
        "add": "/civility/applications/add/",
        "review": f"/civility/applications/{app.pk}/review/",
        "volunteer": f"/civility/activities/{activity.pk}/volunteers/add/",
        "category_add": "/civility/categories/add/",
    }
    client = as_user(request.getfixturevalue(persona))
    for name, url in urls.items():
        default = 404 if name == "review" else 403
        expected = ACTION_PAGES[name].get(persona, default)
        assert client.get(url).status_code == expected, (name, persona)
