import io

import pytest
from docx import Document

from mingzhu.appraisal import actions
from mingzhu.appraisal.choices import TOWN_SCHEME
from mingzhu.appraisal.models import AppraisalResult, Scheme

BOARD = "/appraisal/"


def _draft(supervisor):
    return actions.compute_result(actor=supervisor, scheme_code=TOWN_SCHEME, year=2012, quarter=1)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("leader", 200),
        ("supervisor", 200),
        ("fgw", 200),
        ("sanmao", 200),
        ("xinba", 200),
        ("grid_worker", 403),
        ("enterprise_user", 403),
        ("outsider", 403),
    ],
)
def test_it_guards_the_flag_board(as_user, request, persona, status):
    response = as_user(request.getfixturevalue(persona)).get(BOARD)
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        # The demo has published quarters: the current holders are on the board.
        assert 'id="red-holder"' in page and 'id="flag-history"' in page


def test_the_board_shows_the_latest_holders(as_user, xinba):
    latest = (
        AppraisalResult.objects.filter(scheme_code=TOWN_SCHEME, status="published")
        .order_by("-year", "-quarter")
        .first()
    )
    red = latest.rows.get(flag="red").unit.name
    page = as_user(xinba).get(BOARD).content.decode()
    holder = page[page.index('id="red-holder"') :][:200]
    assert red in holder


def test_drafts_are_for_the_supervision_office_only(as_user, supervisor, sanmao, leader):
    draft = _draft(supervisor)
    assert as_user(supervisor).get(draft.get_absolute_url()).status_code == 200
    assert as_user(sanmao).get(draft.get_absolute_url()).status_code == 404
    assert as_user(sanmao).get(f"/appraisal/results/{draft.pk}/notice/").status_code == 404
    listing = as_user(sanmao).get("/appraisal/results/").content.decode()
    assert "2012Q1" not in listing
    assert "2012Q1" in as_user(supervisor).get("/appraisal/results/").content.decode()


def test_only_the_supervision_office_publishes(as_user, supervisor, leader, sanmao):
    draft = _draft(supervisor)
    url = f"/appraisal/results/{draft.pk}/publish/"
    assert as_user(leader).post(url).status_code == 403
    assert as_user(sanmao).post(url).status_code == 404
    page = as_user(supervisor).get(draft.get_absolute_url()).content.decode()
    assert 'id="publish"' in page
    response = as_user(supervisor).post(url)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_by == supervisor
    # Now everyone who reads results sees it, and nobody can publish it again.
    assert as_user(sanmao).get(draft.get_absolute_url()).status_code == 200
    assert 'id="publish"' not in as_user(supervisor).get(draft.get_absolute_url()).content.decode()


def test_the_leader_sees_no_publish_button(as_user, supervisor, leader):
    draft = _draft(supervisor)
    page = as_user(leader).get(draft.get_absolute_url()).content.decode()
    assert 'id="ranking"' in page and 'id="publish"' not in page


def test_the_notice_is_a_word_document_with_the_ranking(as_user, sanmao):
    result = AppraisalResult.objects.filter(scheme_code=TOWN_SCHEME, status="published").first()
    response = as_user(sanmao).get(f"/appraisal/results/{result.pk}/notice/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "通报" in text and "流动红旗" in text
    table = doc.tables[0]
    assert len(table.rows) == 1 + result.rows.count()
    red = result.rows.get(flag="red")
    assert red.unit.name in table.rows[1].cells[1].text


@pytest.mark.parametrize(
    ("persona", "status"), [("supervisor", 200), ("leader", 403), ("sanmao", 403)]
)
def test_it_guards_the_compute_page(as_user, request, persona, status):
    assert (
        as_user(request.getfixturevalue(persona)).get("/appraisal/results/add/").status_code
        == status
    )


def test_it_computes_from_the_page_and_refuses_bad_quarters(as_user, supervisor):
    client = as_user(supervisor)
    bad = client.post("/appraisal/results/add/", {"scheme_code": TOWN_SCHEME, "quarter": "2012Q7"})
    assert bad.status_code == 400 and "2025Q2" in bad.content.decode()
    unknown = client.post("/appraisal/results/add/", {"scheme_code": "nope", "quarter": "2012Q2"})
    assert unknown.status_code == 400
    good = client.post("/appraisal/results/add/", {"scheme_code": TOWN_SCHEME, "quarter": "2012Q2"})
    assert good.status_code == 302
    assert AppraisalResult.objects.filter(year=2012, quarter=2, status="draft").exists()


def test_a_published_quarter_cannot_be_computed_again_from_the_page(as_user, supervisor):
    result = AppraisalResult.objects.filter(scheme_code=TOWN_SCHEME, status="published").first()
    response = as_user(supervisor).post(
        "/appraisal/results/add/", {"scheme_code": TOWN_SCHEME, "quarter": result.label}
    )
    assert response.status_code == 400
    assert 'id="errors"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("leader", 403), ("sanmao", 403), ("outsider", 403)],
)
def test_it_guards_the_scheme_editor(as_user, request, persona, status):
    scheme = Scheme.objects.get(code=TOWN_SCHEME, version=1)
    url = f"/appraisal/schemes/{scheme.pk}/edit/"
    assert as_user(request.getfixturevalue(persona)).get(url).status_code == status


def _scheme_post(scheme, **changes):
    data = {
        "name": scheme.name,
        "tie_break": scheme.tie_break,
        "note": "权重调整",
        "items-TOTAL_FORMS": str(scheme.items.count()),
        "items-INITIAL_FORMS": "0",
        "rules-TOTAL_FORMS": str(scheme.rules.count()),
        "rules-INITIAL_FORMS": "0",
    }
    for n, i in enumerate(scheme.items.all()):
        data |= {
            f"items-{n}-code": i.code,
            f"items-{n}-name": i.name,
            f"items-{n}-weight": str(i.weight),
            f"items-{n}-cap": "" if i.cap is None else str(i.cap),
        }
    for n, r in enumerate(scheme.rules.all()):
        data |= {
            f"rules-{n}-code": r.code,
            f"rules-{n}-name": r.name,
            f"rules-{n}-points": str(r.points),
        }
    return data | changes


def test_the_supervision_office_saves_a_new_version(as_user, supervisor):
    scheme = Scheme.objects.get(code=TOWN_SCHEME, version=1)
    client = as_user(supervisor)
    response = client.post(
        f"/appraisal/schemes/{scheme.pk}/edit/", _scheme_post(scheme, **{"items-0-weight": "35"})
    )
    assert response.status_code == 302
    new = Scheme.objects.get(code=TOWN_SCHEME, version=2)
    assert new.items.get(code="signed_investment").weight == 35
    assert new.rules.count() == 2 and new.created_by == supervisor
    old = as_user(supervisor).get(scheme.get_absolute_url()).content.decode()
    assert 'id="edit"' not in old  # only the current version is edited


def test_the_editor_starts_from_the_stored_scheme_and_drops_deleted_rows(as_user, supervisor):
    scheme = Scheme.objects.get(code=TOWN_SCHEME, version=1)
    client = as_user(supervisor)
    url = f"/appraisal/schemes/{scheme.pk}/edit/"
    page = client.get(url)
    assert page.context["form"].initial == {"name": scheme.name, "tie_break": scheme.tie_break}
    items = [(i.code, i.name, i.weight, i.cap, i.lower_is_better) for i in scheme.items.all()]
    shown = [
        tuple(f.initial[k] for k in ("code", "name", "weight", "cap", "lower_is_better"))
        for f in page.context["items"].initial_forms
    ]
    assert shown == items
    rules = [{"code": r.code, "name": r.name, "points": r.points} for r in scheme.rules.all()]
    assert [f.initial for f in page.context["rules"].initial_forms] == rules
    assert client.get("/appraisal/schemes/999999/edit/").status_code == 404
    dropped = scheme.rules.first().code
    response = client.post(url, _scheme_post(scheme, **{"rules-0-DELETE": "on"}))
    assert response.status_code == 302
    new = Scheme.objects.get(code=TOWN_SCHEME, version=2)
    assert not new.rules.filter(code=dropped).exists()
    assert new.rules.count() == scheme.rules.count() - 1


def test_the_editor_reports_bad_input(as_user, supervisor):
    scheme = Scheme.objects.get(code=TOWN_SCHEME, version=1)
    client = as_user(supervisor)
    url = f"/appraisal/schemes/{scheme.pk}/edit/"
    negative = client.post(url, _scheme_post(scheme, **{"items-1-weight": "-5"}))
    assert negative.status_code == 400
    twice = client.post(url, _scheme_post(scheme, **{"items-1-code": "signed_investment"}))
    assert twice.status_code == 400 and 'id="errors"' in twice.content.decode()
    tie = client.post(url, _scheme_post(scheme, tie_break="nope"))
    assert tie.status_code == 400
    assert not Scheme.objects.filter(code=TOWN_SCHEME, version=2).exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("leader", 200), ("sanmao", 200), ("outsider", 403)]
)
def test_it_guards_the_results_api(as_user, request, persona, status):
    response = as_user(request.getfixturevalue(persona)).get("/api/v1/appraisal/results/")
    assert response.status_code == status
    if status == 200:
        results = response.json()["results"]
        assert results and all(r["rows"] for r in results)


def test_the_api_shows_a_town_only_published_results(as_user, supervisor, sanmao):
    draft = _draft(supervisor)
    ids = {
        r["id"]
        for r in as_user(sanmao).get("/api/v1/appraisal/results/?page_size=100").json()["results"]
    }
    assert draft.pk not in ids
    assert as_user(sanmao).get(f"/api/v1/appraisal/results/{draft.pk}/").status_code == 404
    assert as_user(supervisor).get(f"/api/v1/appraisal/results/{draft.pk}/").status_code == 200


def test_the_schemes_api_lists_every_version(as_user, sanmao):
    data = as_user(sanmao).get("/api/v1/appraisal/schemes/").json()
    codes = {(s["code"], s["version"]) for s in data["results"]}
    assert {("towns_projects", 1), ("departments_service", 1)} <= codes
    town = next(s for s in data["results"] if s["code"] == "towns_projects")
    assert [i["weight"] for i in town["items"]] == [
        "30.00",
        "15.00",
        "15.00",
        "20.00",
        "10.00",
        "10.00",
    ]


def test_the_cockpit_shows_the_flags(as_user, leader, grid_worker):
    page = as_user(leader).get("/").content.decode()
    assert 'id="panel-appraisal"' in page and 'id="panel-red"' in page
    assert 'id="panel-appraisal"' not in as_user(grid_worker).get("/").content.decode()
