"""Who may open which page and endpoint, and what each persona sees."""

from io import BytesIO

import pytest
from docx import Document

from mingzhu.livelihood import actions, suggest
from mingzhu.livelihood.models import CitizenRequest, DispatchModel, RateWeights

from .conftest import FGW, at

PAGES = [
    "/livelihood/requests/",
    "/livelihood/rates/",
    "/livelihood/hotspots/",
]
READERS = [
    ("rexian", 200),
    ("leader", 200),
    ("supervisor", 200),
    ("xinba", 200),
    ("sanmao", 200),
    ("lixin", 200),
    ("fgw", 200),
    ("enterprise_user", 403),
    ("administrator", 403),
    ("outsider", 403),
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(("persona", "status"), READERS)
def test_it_guards_the_request_pages(as_user, request, url, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(url).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("rexian", 200), ("leader", 403), ("xinba", 403), ("fgw", 403), ("outsider", 403)],
)
def test_only_the_desk_registers_and_trains(as_user, request, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/livelihood/requests/add/").status_code == status
    assert client.get("/livelihood/classifier/").status_code == status


@pytest.mark.parametrize(
    ("url", "allowed", "denied"),
    [
        ("/livelihood/households/", ["nyj", "lixin", "xinba", "leader"], ["fgw", "outsider"]),
        ("/livelihood/funds/", ["lixin", "xinba", "nyj", "leader"], ["fgw", "outsider"]),
        ("/livelihood/coverage/", ["lixin", "supervisor", "tongji"], ["fgw", "outsider"]),
        ("/livelihood/access-log/", ["rexian", "leader", "nyj"], ["xinba", "lixin", "fgw"]),
        # reference data: every signed-in user reads it, only the desk changes it
        ("/livelihood/categories/", ["rexian", "leader", "outsider"], []),
        ("/livelihood/categories/add/", ["rexian"], ["leader", "xinba", "outsider"]),
    ],
)
def test_it_guards_the_other_pages(as_user, url, allowed, denied, django_user_model):
    for name in allowed:
        user = django_user_model.objects.get(username=name)
        assert as_user(user).get(url).status_code == 200, name
    for name in denied:
        user = django_user_model.objects.get(username=name)
        assert as_user(user).get(url).status_code == 403, name


def _ids(client, **params):
    response = client.get("/livelihood/requests/", params)
    return {o.pk for o, _v in response.context["rows"]}


def test_each_persona_sees_its_own_requests(as_user, dispatched, make_request, rexian, unit):
    at_lixin = dispatched()  # 立新村, handled by 发改委
    elsewhere = make_request(town=unit("321182001000"), village=unit("321182001000-V02"))
    q = {"received_at_after": "2030-03-01"}
    users = {
        u: __import__("mingzhu.org.models", fromlist=["User"]).User.objects.get(username=u)
        for u in ["rexian", "lixin", "xinba", "sanmao", "fgw", "gxj"]
    }
    assert _ids(as_user(users["rexian"]), **q) >= {at_lixin.pk, elsewhere.pk}
    assert at_lixin.pk in _ids(as_user(users["lixin"]), **q)
    assert elsewhere.pk not in _ids(as_user(users["lixin"]), **q)
    assert at_lixin.pk in _ids(as_user(users["xinba"]), **q)
    assert _ids(as_user(users["sanmao"]), **q) >= {elsewhere.pk}
    assert at_lixin.pk not in _ids(as_user(users["sanmao"]), **q)
    assert at_lixin.pk in _ids(as_user(users["fgw"]), **q)
    assert elsewhere.pk not in _ids(as_user(users["fgw"]), **q)
    assert not _ids(as_user(users["gxj"]), **q) & {at_lixin.pk, elsewhere.pk}
    # and by URL
    assert as_user(users["sanmao"]).get(at_lixin.get_absolute_url()).status_code == 404
    assert as_user(users["gxj"]).get(at_lixin.get_absolute_url()).status_code == 404
    assert as_user(users["fgw"]).get(at_lixin.get_absolute_url()).status_code == 200


def test_the_loop_through_the_pages(as_user, make_request, rexian, fgw, unit):
    request = make_request()
    desk, clerk = as_user(rexian), as_user(fgw)
    page = desk.get(request.get_absolute_url())
    assert 'id="action-dispatch"' in page.content.decode()
    assert desk.post(f"{request.get_absolute_url()}dispatch/", {"unit": ""}).status_code == 400
    assert (
        desk.post(f"{request.get_absolute_url()}dispatch/", {"unit": unit(FGW).pk}).status_code
        == 302
    )
    assert clerk.get(f"{request.get_absolute_url()}callback/").status_code == 403
    page = clerk.get(request.get_absolute_url()).content.decode()
    assert 'id="action-accept"' in page and 'id="action-return"' in page
    assert clerk.post(f"{request.get_absolute_url()}accept/").status_code == 302
    assert clerk.post(f"{request.get_absolute_url()}answer/", {"result": ""}).status_code == 400
    assert (
        clerk.post(f"{request.get_absolute_url()}answer/", {"result": "已办结"}).status_code == 302
    )
    response = desk.post(
        f"{request.get_absolute_url()}callback/",
        {"resolved": "1", "satisfaction": "satisfied", "comment": "很满意"},
    )
    assert response.status_code == 302
    assert CitizenRequest.objects.get(pk=request.pk).status == "closed"
    page = desk.get(request.get_absolute_url()).content.decode()
    assert 'id="action-callback"' not in page and 'id="reopened"' not in page


def test_the_register_page_reports_bad_input(as_user, rexian, unit, category):
    data = {
        "channel": "hotline",
        "request_type": "help",
        "category": category.pk,
        "content": "路灯不亮",
        "town": unit("YZ-XINBA").pk,
        "village": unit("YZ-XINBA-V02").pk,
        "phone": "12345",
    }
    before = CitizenRequest.objects.count()
    response = as_user(rexian).post("/livelihood/requests/add/", data)
    assert response.status_code == 400 and "phone" in response.context["form"].errors
    assert CitizenRequest.objects.count() == before
    data["phone"] = "13912345678"
    assert as_user(rexian).post("/livelihood/requests/add/", data).status_code == 302


def test_the_api_guards_and_runs_the_loop(as_user, make_request, rexian, fgw, xinba, unit):
    request = make_request()
    base = f"/api/v1/livelihood/requests/{request.pk}"
    assert as_user(xinba).post(f"{base}/dispatch_to/", {"unit": unit(FGW).pk}).status_code == 403
    assert as_user(fgw).get(f"{base}/").status_code == 404
    response = as_user(rexian).post(f"{base}/dispatch_to/", {"unit": unit(FGW).pk})
    assert response.status_code == 200 and response.json()["status"] == "dispatched"
    assert (
        as_user(fgw).post(f"{base}/return/", {"reason": "不属于本单位"}).json()["status"]
        == "returned"
    )
    assert as_user(fgw).post(f"{base}/return/", {"reason": "again"}).status_code == 400
    body = {"unit": unit("YZ-DEPT-ZJJ").pk}
    assert as_user(rexian).post(f"{base}/redispatch/", body).json()["status"] == "dispatched"
    assert (
        as_user(rexian)
        .post(f"{base}/callback/", {"resolved": True, "satisfaction": "satisfied"})
        .status_code
        == 400
    )
    created = as_user(rexian).post(
        "/api/v1/livelihood/requests/",
        {
            "channel": "web",
            "request_type": "consultation",
            "category": request.category_id,
            "content": "",
            "town": unit("YZ-XINBA").pk,
        },
    )
    assert created.status_code == 400 and "content" in created.json()
    assert as_user(xinba).post("/api/v1/livelihood/requests/", {}).status_code == 403
    assert as_user(xinba).get("/api/v1/livelihood/rates/", {"month": "2030-13"}).status_code == 400
    assert as_user(xinba).get("/api/v1/livelihood/rates/").status_code == 200


def test_the_rates_page_and_notice(as_user, dispatched, rexian, fgw, leader):
    for resolved, satisfaction in ((True, "satisfied"), (False, "dissatisfied"), (True, "basic")):
        request = dispatched()
        actions.accept(request.pk, actor=fgw, at=at("2030-03-04", 15))
        actions.contact_caller(request.pk, actor=fgw, note="电话联系", at=at("2030-03-04", 16))
        actions.answer(request.pk, actor=fgw, result="已答复", at=at("2030-03-05"))
        actions.callback(
            request.pk,
            actor=rexian,
            resolved=resolved,
            satisfaction=satisfaction,
            at=at("2030-03-06"),
        )
    response = as_user(leader).get("/livelihood/rates/", {"month": "2030-03"})
    row = next(r for r in response.context["rows"] if r["name"] == "发展和改革委员会")
    assert (row["dispatched"], row["responded"], row["called_back"]) == (3, 3, 3)
    assert row["resolution_rate"] == round(2 / 3, 4) and row["satisfaction_rate"] == round(2 / 3, 4)
    assert row["composite"] == round(100 * (0.2 + 0.4 * round(2 / 3, 4) * 2), 2)
    assert response.context["red"][0]["name"] == "发展和改革委员会"
    notice = as_user(leader).get("/livelihood/rates/notice.docx", {"month": "2030-03"})
    text = "\n".join(p.text for p in Document(BytesIO(notice.content)).paragraphs)
    tables = " ".join(
        c.text for t in Document(BytesIO(notice.content)).tables for r in t.rows for c in r.cells
    )
    assert "2030年3月" in text and "发展和改革委员会" in tables
    assert "排名规则：当月派单不少于3件、回访不少于3件" in text and "红榜（前5名）" in text
    bad = as_user(leader).get("/livelihood/rates/", {"month": "2030-xx"})
    assert bad.status_code == 200


def test_the_desk_edits_the_weights_and_they_must_add_up(as_user, rexian, leader):
    url = "/livelihood/rates/"
    assert (
        as_user(leader)
        .post(url, {"response": 30, "resolution": 30, "satisfaction": 40})
        .status_code
        == 403
    )
    rules = {"contact_hours": 24, "min_cases": 5, "list_size": 3}
    bad = as_user(rexian).post(url, {"response": 30, "resolution": 30, "satisfaction": 30, **rules})
    assert bad.status_code == 400
    zero = as_user(rexian).post(
        url, {"response": 30, "resolution": 30, "satisfaction": 40, **rules, "min_cases": 0}
    )
    assert zero.status_code == 400
    ok = as_user(rexian).post(url, {"response": 30, "resolution": 30, "satisfaction": 40, **rules})
    assert ok.status_code == 302
    saved = RateWeights.current()
    assert (saved.response, saved.min_cases, saved.list_size) == (30, 5, 3)
    page = as_user(leader).get(url).content.decode()
    assert "at least 5 requests dispatched" in page and "first 3 places" in page


def test_hot_spots_flag_repeated_requests(as_user, make_request, leader, category):
    for _ in range(3):
        make_request(at=at("2030-03-04"))
    response = as_user(leader).get("/livelihood/hotspots/", {"as_of": "2030-03-10"})
    spots = response.context["spots"]
    assert any(s["place"] == "立新村" and s["count"] >= 3 for s in spots)


def test_the_classifier_trains_from_history_and_suggests(as_user, make_request, rexian, leader):
    stored = suggest.train_from_history(actor=rexian)
    assert stored.samples >= 200 and 0 <= stored.top3 <= 1 and stored.top1 <= stored.top3
    request = make_request(content="小区门口路面塌陷，坑洼严重")
    result = suggest.for_request(request)
    assert len(result["units"]) == 3
    page = as_user(rexian).get(request.get_absolute_url()).content.decode()
    assert 'id="suggestion"' in page
    classifier_page = as_user(rexian).get("/livelihood/classifier/").content.decode()
    assert 'id="top1"' in classifier_page
    api = as_user(rexian).get(f"/api/v1/livelihood/requests/{request.pk}/suggestion/").json()
    assert len(api["units"]) == 3 and api["top3_accuracy"] == stored.top3
    assert (
        as_user(leader).get(f"/api/v1/livelihood/requests/{request.pk}/suggestion/").status_code
        == 403
    )


def test_without_a_model_there_is_no_suggestion(make_request):
    DispatchModel.objects.all().delete()
    assert suggest.for_request(make_request())["units"] == []


def test_the_request_page_shows_only_the_rounds_the_user_may_see(
    as_user, dispatched, rexian, fgw, xinba, unit
):
    request = dispatched()
    actions.return_request(request.pk, actor=fgw, reason="不属于本单位职责。")
    actions.redispatch(request.pk, actor=rexian, unit=unit("YZ-DEPT-ZJJ"))
    url = request.get_absolute_url()
    desk = as_user(rexian).get(url).context
    assert len(desk["rounds"]) == 2
    assert {e.task_id for e in desk["timeline"]} == {t.pk for t in desk["rounds"]}
    # 新坝镇 sees its town's request, not the departments' tasks nor their events.
    town = as_user(xinba).get(url)
    assert town.status_code == 200
    assert list(town.context["rounds"]) == [] and list(town.context["timeline"]) == []
    assert list(town.context["callbacks"]) == []
    # 发改委 returned it: it sees the request no more.
    assert as_user(fgw).get(url).status_code == 404


def test_the_request_page_reads_the_reopening_from_the_task(as_user, dispatched, rexian, fgw):
    request = dispatched()
    actions.accept(request.pk, actor=fgw)
    actions.answer(request.pk, actor=fgw, result="已修复。")
    actions.callback(request.pk, actor=rexian, resolved=False, satisfaction="dissatisfied")
    page = as_user(rexian).get(request.get_absolute_url()).content.decode()
    assert 'id="reopened"' in page and 'id="action-callback"' not in page
    body = as_user(rexian).get(f"/api/v1/livelihood/requests/{request.pk}/").json()
    assert body["reopened"] is True and body["status"] == "handling"
    assert "reopen_count" not in body
