"""Pages: who may and who may not, for every persona; forms refuse bad input with a
message, never a 500."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from docx import Document

from mingzhu.org.models import User
from mingzhu.rural import services
from mingzhu.rural.models import (
    Facility,
    FacilityFault,
    InspectionScore,
    Remediation,
    RemediationProgramme,
    ScoringSheet,
    SecretaryPlan,
    VillageInspection,
)

from .conftest import LIXIN, YONGSHENG

PERSONAS = [
    "leader",
    "supervisor",
    "fgw",
    "tongji",
    "sanmao",
    "xinba",
    "wangge",
    "qiye",
    "gxj",
    "czj",
    "rexian",
    "nyj",
    "zzb",
    "wmb",
    "lixin",
    "admin",
    "outsider",
]
# Who reads the rural pages (the programme, inspections, ranking, facilities).
READERS = {"leader", "supervisor", "sanmao", "xinba", "nyj", "lixin"}
LIST_PAGES = [
    "/rural/",
    "/rural/remediations/",
    "/rural/inspections/",
    "/rural/ranking/",
    "/rural/facilities/",
    "/rural/facilities/stats/",
    "/rural/faults/",
]


def _client(as_user, username):
    return as_user(User.objects.get(username=username))


@pytest.mark.parametrize("username", PERSONAS)
def test_it_shows_the_rural_pages_only_to_their_readers(as_user, username):
    client = _client(as_user, username)
    for url in LIST_PAGES:
        status = client.get(url).status_code
        if username in READERS:
            assert status == 200, url
        elif username == "wangge" and url == "/rural/faults/":
            assert status == 200  # the grid worker reads the faults of their grids
        else:
            assert status == 403, url


@pytest.mark.parametrize("username", PERSONAS)
def test_only_the_bureau_records_inspections_and_issues_tasks(as_user, username):
    client = _client(as_user, username)
    for url in ("/rural/inspections/add/", "/rural/remediations/add/", "/rural/secretaries/add/"):
        assert client.get(url).status_code == (200 if username == "nyj" else 403), url


@pytest.mark.parametrize("username", PERSONAS)
def test_who_may_report_a_fault(as_user, username):
    status = _client(as_user, username).get("/rural/faults/add/").status_code
    allowed = {"nyj", "sanmao", "xinba", "lixin", "wangge"}
    assert status == (200 if username in allowed else 403)


def test_a_village_sees_itself_a_town_its_villages(as_user, lixin, xinba, sanmao, nyj):
    own = VillageInspection.objects.filter(village__code=LIXIN).first()
    other_town = VillageInspection.objects.filter(village__code=YONGSHENG).first()
    same_town = VillageInspection.objects.filter(village__code="YZ-XINBA-V03").first()
    for user, visible, hidden in [
        (lixin, [own], [other_town, same_town]),
        (xinba, [own, same_town], [other_town]),
        (sanmao, [other_town], [own, same_town]),
        (nyj, [own, same_town, other_town], []),
    ]:
        client = as_user(user)
        for obj in visible:
            assert client.get(obj.get_absolute_url()).status_code == 200
        for obj in hidden:
            assert client.get(obj.get_absolute_url()).status_code == 404
    # The list of the village holds only its own inspections.
    page = as_user(lixin).get("/rural/inspections/").content.decode()
    assert "立新村" in page and "永胜村" not in page


def test_facilities_and_faults_by_scope(as_user, lixin, grid_worker, xinba):
    mine = Facility.objects.filter(village__code=LIXIN).first()
    theirs = Facility.objects.filter(village__code=YONGSHENG).first()
    client = as_user(lixin)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    # The village reads but does not edit; the town edits its villages' facilities.
    assert client.get(f"/rural/facilities/{mine.pk}/edit/").status_code == 404
    assert as_user(xinba).get(f"/rural/facilities/{mine.pk}/edit/").status_code == 200
    assert as_user(xinba).get(f"/rural/facilities/{theirs.pk}/edit/").status_code == 404
    # The grid worker sees the faults reported in their grids only.
    worker = as_user(grid_worker)
    in_grid = FacilityFault.objects.filter(grid__isnull=False).first()
    elsewhere = FacilityFault.objects.filter(grid__isnull=True).first()
    assert worker.get(in_grid.get_absolute_url()).status_code == 200
    assert worker.get(elsewhere.get_absolute_url()).status_code == 404


def test_the_inspection_form_refuses_a_score_above_the_points(as_user, nyj, unit, sheet):
    client = as_user(nyj)
    items = list(sheet.items.all())
    data = {
        "sheet": sheet.pk,
        "village": unit(LIXIN).pk,
        "kind": "inspection",
        "inspected_on": timezone.localdate().isoformat(),
        **{f"score_{i.pk}": "10" for i in items},
        f"score_{items[0].pk}": "12",
        f"task_{items[1].pk}": "on",
    }
    before = VillageInspection.objects.count()
    response = client.post(f"/rural/inspections/add/?sheet={sheet.pk}", data)
    assert response.status_code == 400
    assert "above the item" in response.content.decode()
    assert VillageInspection.objects.count() == before
    data[f"score_{items[0].pk}"] = "8"
    data[f"task_{items[0].pk}"] = "on"
    response = client.post(f"/rural/inspections/add/?sheet={sheet.pk}", data)
    assert response.status_code == 302
    inspection = VillageInspection.objects.latest("pk")
    assert InspectionScore.objects.filter(inspection=inspection, task__isnull=False).count() == 1
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "80.00" not in page or "100" in page  # the page renders its scores
    assert client.get("/rural/inspections/add/?sheet=999999").status_code == 404
    assert client.get("/rural/inspections/add/?sheet=x").status_code == 404


def test_the_ranking_page_and_its_notice(as_user, nyj, lixin, xinba):
    year, quarter = services.quarter_of(timezone.localdate())
    code = f"{year}Q{quarter}"
    page = as_user(nyj).get(f"/rural/ranking/?quarter={code}").content.decode()
    assert "ranking-chart" in page and "Not inspected" in page  # one demo village
    town_page = as_user(xinba).get(f"/rural/ranking/?quarter={code}").content.decode()
    assert "立新村" in town_page and "永胜村" not in town_page
    village_page = as_user(lixin).get(f"/rural/ranking/?quarter={code}").content.decode()
    assert "立新村" in village_page and "新治村" not in village_page
    bad = as_user(nyj).get("/rural/ranking/?quarter=2025Q9")
    assert bad.status_code == 200 and "2025Q3" in bad.content.decode()
    response = as_user(nyj).get(f"/rural/ranking/notice.docx?quarter={code}")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "农业农村局" in text and "立新村" in cells and "未检查" in cells
    assert as_user(lixin).get("/rural/ranking/notice.docx").status_code == 403
    assert as_user(nyj).get("/rural/ranking/notice.docx?quarter=bad").status_code == 400


def test_the_environment_page(as_user, nyj, lixin):
    programme = RemediationProgramme.objects.get(is_illustrative=True)
    page = as_user(nyj).get(f"/rural/?programme={programme.pk}").content.decode()
    assert "town-chart" in page and "立新东庄" in page and "永胜东庄" in page
    page = as_user(lixin).get("/rural/").content.decode()
    assert "立新东庄" in page and "永胜东庄" not in page


def test_the_remediation_form(as_user, nyj, unit):
    programme = RemediationProgramme.objects.get(is_illustrative=True)
    natural = unit(f"{LIXIN}-N02")
    data = {
        "programme": programme.pk,
        "natural_village": natural.pk,
        "categories": ["garbage"],
        "deadline": "2099-12-31",
    }
    response = as_user(nyj).post("/rural/remediations/add/", data)
    assert response.status_code == 400  # the demo already issued it
    assert "Already issued" in response.content.decode()
    assert Remediation.objects.filter(natural_village=natural).count() == 5


def test_faults_are_reported_and_dispatched_through_pages(as_user, grid_worker, nyj, xinba):
    facility = Facility.objects.filter(village__code=LIXIN, maintainer__isnull=False).first()
    response = as_user(grid_worker).post(
        "/rural/faults/add/",
        {"facility": facility.pk, "source": "grid_worker", "description": "路灯不亮"},
    )
    assert response.status_code == 302
    fault = FacilityFault.objects.latest("pk")
    assert fault.grid is not None and fault.reported_by == grid_worker
    assert as_user(xinba).get(f"/rural/faults/{fault.pk}/dispatch/").status_code == 403
    assert as_user(nyj).post(f"/rural/faults/{fault.pk}/dispatch/", {}).status_code == 302
    fault.refresh_from_db()
    assert fault.task is not None
    again = as_user(nyj).post(f"/rural/faults/{fault.pk}/dispatch/", {})
    assert again.status_code == 400
    bad = as_user(grid_worker).post("/rural/faults/add/", {"facility": "x", "description": ""})
    assert bad.status_code == 400


def test_the_fault_form_searches_the_facility_instead_of_listing_them_all(as_user, nyj, lixin):
    """The bureau reports for any of the city's facilities: the page holds none of them,
    the picker asks the server, which searches the reporter's own (a village its own)."""
    page = as_user(nyj).get("/rural/faults/add/").content.decode()
    assert 'data-remote="/choices/rural.FaultForm/facility/"' in page
    picker = re.search(r'<select name="facility".*?</select>', page, re.S).group(0)
    assert picker.count("<option") <= 1
    facility = Facility.objects.filter(village__code=LIXIN).first()
    url = "/choices/rural.FaultForm/facility/"
    found = as_user(nyj).get(url, {"q": facility.village.name}).json()["results"]
    assert found and all(facility.village.name in r["text"] for r in found)
    assert facility.pk in {
        r["value"] for r in as_user(nyj).get(url, {"q": facility.name}).json()["results"]
    }
    others = Facility.objects.exclude(village__code=LIXIN).first()
    mine = as_user(lixin).get(url, {"q": others.name}).json()["results"]
    assert others.pk not in {r["value"] for r in mine}


def test_sheets_are_edited_only_while_unused(as_user, nyj, sheet):
    used = ScoringSheet.objects.filter(inspections__isnull=False).first()
    client = as_user(nyj)
    page = client.get(used.get_absolute_url()).content.decode()
    assert 'id="locked"' in page and 'id="add-item"' not in page
    response = client.post(
        f"/rural/sheets/{used.pk}/edit/",
        {"name": used.name, "valid_from": used.valid_from.isoformat()},
    )
    assert response.status_code == 200 and "make a new version" in response.content.decode()
    item = used.items.first()
    response = client.post(
        f"/rural/items/{item.pk}/edit/",
        {"sheet": used.pk, "order": 1, "name": "改", "points": "5"},
    )
    assert "make a new version" in response.content.decode()
    response = client.post(f"/rural/sheets/{used.pk}/version/", {"valid_from": "2030-01-01"})
    assert response.status_code == 302
    new = ScoringSheet.objects.get(name=used.name, valid_from=dt.date(2030, 1, 1))
    # The sheet's "add an item" link presets the sheet on the form.
    form = client.get(f"/rural/items/add/?sheet={new.pk}").context["form"]
    assert form.initial["sheet"] == new.pk
    assert client.get("/rural/items/add/?sheet=x").context["form"].initial["sheet"] is None
    response = client.post(
        "/rural/items/add/", {"sheet": new.pk, "order": 9, "name": "新增项", "points": "5"}
    )
    assert response.status_code == 302 and new.items.filter(name="新增项").exists()
    assert (
        as_user(User.objects.get(username="xinba"))
        .get(f"/rural/sheets/{used.pk}/version/")
        .status_code
        == 403
    )


def test_secretary_plans_pages(as_user, nyj, lixin, zzb, sanmao):
    plan = SecretaryPlan.objects.filter(unit__code=LIXIN).first()
    assert as_user(lixin).get(plan.get_absolute_url()).status_code == 200
    assert as_user(sanmao).get(plan.get_absolute_url()).status_code == 404
    page = as_user(nyj).get(plan.get_absolute_url()).content.decode()
    assert "projects" in page and "add-project" in page
    response = as_user(zzb).post(
        f"/rural/secretaries/{plan.pk}/review/",
        {"review_score": "150", "reviewed_on": "2020-01-01"},
    )
    assert response.status_code == 400
    response = as_user(zzb).post(
        f"/rural/secretaries/{plan.pk}/review/",
        {"review_score": "88", "reviewed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert as_user(lixin).get(f"/rural/secretaries/{plan.pk}/review/").status_code == 403
    response = as_user(nyj).post(
        f"/rural/secretaries/{plan.pk}/projects/add/",
        {"title": "新项目", "deadline": f"{plan.year}-12-01", "milestones": "坏的一行"},
    )
    assert response.status_code == 400 and "Line 1" in response.content.decode()


def test_a_secretary_plan_lists_only_the_tasks_in_scope(as_user, lixin, supervisor, unit):
    from mingzhu.tasks import actions as task_actions

    plan = SecretaryPlan.objects.filter(unit__code=LIXIN).first()
    hidden = task_actions.create_task(
        actor=supervisor,
        title="发改委的另一任务（测试）",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=dt.date(plan.year, 12, 31),
        task_list=plan.task_list,
    )
    theirs = as_user(supervisor).get(plan.get_absolute_url())
    assert hidden in list(theirs.context["projects"])
    page = as_user(lixin).get(plan.get_absolute_url())
    listed = list(page.context["projects"])
    assert listed and hidden not in listed
    assert hidden.title not in page.content.decode()
    for project in listed:
        assert project.task_list_id == plan.task_list_id
        assert project.lead_unit.path.startswith(lixin.unit.path)


@pytest.mark.parametrize(
    "url", ["/rural/facilities/?export=xlsx", "/rural/inspections/?export=xlsx"]
)
def test_exports_hold_only_rows_in_scope(as_user, lixin, url):
    from mingzhu.core.tabular import Column, read_table

    response = as_user(lixin).get(url)
    assert response.status_code == 200
    sheet = read_table(io.BytesIO(response.content), [Column("Village", "Village")])
    assert sheet.rows and {r["Village"] for _n, r in sheet.rows} == {"立新村"}


def test_the_history_tab(as_user, nyj):
    facility = Facility.objects.first()
    assert as_user(nyj).get(f"/rural/facilities/{facility.pk}/history/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/rural/",
        "/rural/faults/",
        "/rural/facilities/",
        "/rural/inspections/",
        "/rural/remediations/",
        "/rural/ranking/",
        "/rural/facilities/stats/",
        "/rural/secretaries/",
    ],
)
def test_pages_take_a_fixed_number_of_queries(as_user, nyj, url, django_assert_max_num_queries):
    # Session, user, roles, permissions, then the page's own few queries: a page of 50
    # rows must not add a query per row (today about 10 in all).
    client = as_user(nyj)
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "username,shown", [("leader", True), ("nyj", True), ("lixin", True), ("fgw", False)]
)
def test_the_cockpit_panel(as_user, username, shown):
    from mingzhu.cockpit.panels import panels_for

    user = User.objects.get(username=username)
    panels = {p.key: p for p in panels_for(user, timezone.localdate())}
    assert ("rural" in panels) == shown
    if shown:
        panel = panels["rural"]
        assert not panel.empty and panel.context["facilities"]["cover"]["total"] > 0
        if username == "lixin":
            assert [r["name"] for r in panel.context["top"]] in ([], ["立新村"])
    page = as_user(user).get("/").content.decode()
    assert ('id="rural-panel"' in page) == shown


def test_inspection_photos_are_served_only_within_scope(as_user, sheet, settings, tmp_path):
    from mingzhu.org.models import OrgUnit
    from mingzhu.rural import actions

    from .conftest import photo, scores_for

    settings.MEDIA_ROOT = tmp_path
    nyj, lixin, sanmao = (User.objects.get(username=n) for n in ("nyj", "lixin", "sanmao"))
    inspection = actions.record_inspection(
        actor=nyj,
        village=OrgUnit.objects.get(code=LIXIN),
        sheet=sheet,
        inspected_on=timezone.localdate(),
        scores=scores_for(sheet, ["10", "10", "10"], raise_task=False),
        photos=[photo("巡查.png")],
    )
    stored = inspection.photos.get()
    assert (stored.content_type, stored.uploaded_by) == ("image/png", nyj)
    url = f"/rural/photos/{stored.pk}/"
    assert url in as_user(nyj).get(inspection.get_absolute_url()).content.decode()
    shown = as_user(lixin).get(url)
    assert shown.status_code == 200 and shown["X-Content-Type-Options"] == "nosniff"
    assert as_user(sanmao).get(url).status_code in (403, 404)
    assert as_user(User.objects.get(username="fgw")).get(url).status_code in (403, 404)
