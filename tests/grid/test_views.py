import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingzhu.grid.choices import Decision, EventStatus
from mingzhu.grid.models import GridEvent

from .conftest import SANMAO_GRID, XINBA_GRID, photo

LIST = "/grid/events/"
PERSONAS_READING = [
    ("leader", 200),
    ("supervisor", 200),
    ("fgw", 200),
    ("sanmao", 200),
    ("xinba", 200),
    ("grid_worker", 200),
    ("enterprise_user", 403),
    ("administrator", 403),
    ("outsider", 403),
]


@pytest.mark.parametrize(("persona", "status"), PERSONAS_READING)
def test_it_guards_the_event_list(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get(LIST).status_code == status


@pytest.mark.parametrize(("persona", "status"), PERSONAS_READING)
def test_it_guards_the_metrics_page(as_user, request, persona, status):
    assert as_user(request.getfixturevalue(persona)).get("/grid/metrics/").status_code == status


@pytest.mark.parametrize(("persona", "status"), PERSONAS_READING)
def test_it_guards_the_campaign_pages(as_user, request, persona, status):
    from mingzhu.grid.models import Campaign

    client = as_user(request.getfixturevalue(persona))
    campaign = Campaign.objects.get(name="背街小巷整治")
    assert client.get("/grid/campaigns/").status_code == status
    assert client.get(f"/grid/campaigns/{campaign.pk}/").status_code == status


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_a_campaign_with_its_metrics(as_user, supervisor, make_event, campaign):
    make_event("closed", campaign=campaign)
    response = as_user(supervisor).get(
        f"/grid/campaigns/{campaign.pk}/", {"from": "2020-01-01", "to": "2099-12-31"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="unit-chart"' in page
    assert response.context["row"]["closed"] == 1 and response.context["event_count"] == 1


def test_it_shows_each_town_only_its_events(as_user, make_event, xinba, sanmao, grid_worker):
    event = make_event()
    detail = f"/grid/events/{event.pk}/"
    assert as_user(xinba).get(detail).status_code == 200
    assert as_user(grid_worker).get(detail).status_code == 200
    assert as_user(sanmao).get(detail).status_code == 404
    assert as_user(sanmao).get(f"{detail}history/").status_code == 404
    ids = {o.pk for o, _v in as_user(sanmao).get(LIST).context["rows"]}
    assert event.pk not in ids


def test_it_shows_the_tasks_timeline_on_the_event(as_user, make_event, grid_worker):
    event = make_event("returned")
    response = as_user(grid_worker).get(f"/grid/events/{event.pk}/")
    page = response.content.decode()
    assert 'id="timeline"' in page and "仍存在" in page
    assert len(response.context["timeline"]) == 5  # create, assign, accept, closure, return
    # The worker sees the event's task through the event, not the task ledger.
    assert not response.context["task_link"]


def test_it_offers_the_actions_each_persona_may_take(as_user, make_event, supervisor, grid_worker):
    event = make_event()
    detail = f"/grid/events/{event.pk}/"
    assert 'id="action-file"' in as_user(supervisor).get(detail).content.decode()
    assert 'id="action-file"' not in as_user(grid_worker).get(detail).content.decode()
    waiting = make_event("awaiting_recheck")
    page = as_user(grid_worker).get(f"/grid/events/{waiting.pk}/").content.decode()
    assert 'id="action-recheck"' in page


def test_it_filters_the_event_list(as_user, make_event, supervisor, campaign, category, unit):
    filed = make_event("handling", campaign=campaign)
    reported = make_event()
    client = as_user(supervisor)

    def ids(query):
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200
        return {o.pk for o, _v in response.context["rows"]}

    assert filed.pk in ids("status=handling") and reported.pk not in ids("status=handling")
    assert reported.pk in ids("status=reported") and filed.pk not in ids("status=reported")
    assert ids(f"campaign={campaign.pk}") == {filed.pk}
    assert ids(f"category={category.pk}") == {filed.pk, reported.pk}
    assert filed.pk in ids(f"town={unit('YZ-XINBA').pk}")
    assert filed.pk not in ids(f"town={unit('321182001000').pk}")
    assert filed.pk in ids(f"grid={unit(XINBA_GRID).pk}")
    assert ids("status=nonsense") == set()


def test_it_exports_the_event_list(as_user, supervisor):
    response = as_user(supervisor).get(f"{LIST}?export=xlsx&status=closed")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST).status_code == 200
    return len(ctx.captured_queries)


def test_it_lists_events_in_a_fixed_number_of_queries(as_user, make_event, supervisor, grid_worker):
    make_event("reported")  # both counts with events written in this transaction
    for user in (supervisor, grid_worker):
        client = as_user(user)
        _list_queries(client)  # the first request reads what the process then keeps (access)
        before = _list_queries(client)
        for state in ("reported", "handling", "closed", "rejected"):
            make_event(state)
        # session, user, roles and permissions, filter choices, the count (one per scope
        # field, with the scope's units), one page with its joins: never one query per row.
        assert _list_queries(client) == before
        assert before <= 16


def test_it_takes_a_report_on_the_phone_form(as_user, grid_worker, category, unit):
    client = as_user(grid_worker)
    page = client.get("/grid/events/add/")
    assert page.status_code == 200 and 'capture="environment"' in page.content.decode()
    grids = set(page.context["form"].fields["grid"].queryset.values_list("code", flat=True))
    assert grids == {"YZ-XINBA-V02-G01", "YZ-XINBA-V02-G02"}
    response = client.post(
        "/grid/events/add/",
        {
            "grid": unit(XINBA_GRID).pk,
            "category": category.pk,
            "description": "路灯不亮",
            "photos": [photo(), photo("第二张.png")],
        },
    )
    assert response.status_code == 302
    event = GridEvent.objects.get(description="路灯不亮")
    assert event.photos.count() == 2 and event.status == EventStatus.REPORTED
    photo_id = event.photos.first().pk
    assert client.get(f"/grid/photos/{photo_id}/").status_code == 200


def test_it_refuses_reports_on_the_form(as_user, grid_worker, xinba, category, unit):
    client = as_user(grid_worker)
    body = {"grid": unit(SANMAO_GRID).pk, "category": category.pk, "description": "x"}
    assert client.post("/grid/events/add/", body).status_code == 400
    body["grid"] = unit(XINBA_GRID).pk
    assert client.post("/grid/events/add/", {**body, "photos": [photo("a.exe")]}).status_code == 400
    fake = SimpleUploadedFile("假照片.jpg", bytes(range(256)) * 4, content_type="image/jpeg")
    refused = client.post("/grid/events/add/", {**body, "photos": [photo(), fake]})
    assert refused.status_code == 400 and "假照片.jpg" in refused.content.decode()
    assert as_user(xinba).get("/grid/events/add/").status_code == 403
    assert as_user(xinba).post("/grid/events/add/", body).status_code == 403
    assert not GridEvent.objects.filter(description="x").exists()


def test_it_files_on_the_centres_form(as_user, make_event, supervisor, unit):
    event = make_event()
    client = as_user(supervisor)
    url = f"/grid/events/{event.pk}/file/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["responsible_unit"] == unit("YZ-DEPT-FGW").pk
    response = client.post(url, {"responsible_unit": unit("YZ-DEPT-CGJ").pk, "comment": "立案"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.decision == Decision.FILED and event.task.lead_unit == unit("YZ-DEPT-CGJ")
    assert client.post(url, {}).status_code == 400  # already filed


def test_it_rejects_on_the_centres_form(as_user, make_event, supervisor):
    event = make_event()
    url = f"/grid/events/{event.pk}/reject/"
    client = as_user(supervisor)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "不属于网格事件"}).status_code == 302
    assert GridEvent.objects.get(pk=event.pk).status == EventStatus.REJECTED


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("grid_worker", 403), ("xinba", 403), ("leader", 403), ("sanmao", 404)],
)
def test_it_guards_the_filing_forms(as_user, request, make_event, persona, status):
    event = make_event()
    client = as_user(request.getfixturevalue(persona))
    assert client.get(f"/grid/events/{event.pk}/file/").status_code == status
    assert client.get(f"/grid/events/{event.pk}/reject/").status_code == status


def test_it_rechecks_on_the_workers_form(as_user, make_event, grid_worker, supervisor, sanmao):
    event = make_event("awaiting_recheck")
    url = f"/grid/events/{event.pk}/recheck/"
    assert as_user(supervisor).get(url).status_code == 403
    assert as_user(sanmao).get(url).status_code == 404
    client = as_user(grid_worker)
    assert client.get(url).status_code == 200
    assert client.post(url, {"passed": "no", "comment": ""}).status_code == 400
    response = client.post(url, {"passed": "yes", "photos": [photo()]})
    assert response.status_code == 302
    assert GridEvent.objects.get(pk=event.pk).status == EventStatus.CLOSED
    assert client.post(url, {"passed": "yes"}).status_code == 400  # nothing left to check


def test_it_keeps_photos_within_scope(as_user, grid_worker, sanmao, outsider, category, unit):
    from mingzhu.grid import actions

    event = actions.report_event(
        actor=grid_worker,
        grid=unit(XINBA_GRID),
        category=category,
        description="照片",
        photos=[photo()],
    )
    stored = event.photos.get()
    assert (stored.content_type, stored.uploaded_by) == ("image/jpeg", grid_worker)
    url = f"/grid/photos/{stored.pk}/"
    shown = as_user(grid_worker).get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert as_user(sanmao).get(url).status_code == 404
    assert as_user(outsider).get(url).status_code in (403, 404)


def test_it_shows_the_menu_entries_by_permission(as_user, grid_worker, supervisor, outsider):
    worker = as_user(grid_worker).get("/").content.decode()
    assert "/grid/events/add/" in worker and "/grid/categories/" not in worker
    assert "/grid/categories/" in as_user(supervisor).get("/").content.decode()
    assert "/grid/events/" not in as_user(outsider).get("/").content.decode()


def test_it_lets_the_centre_keep_the_category_table(as_user, supervisor, grid_worker):
    client = as_user(supervisor)
    response = client.post(
        "/grid/categories/add/",
        {"name": "井盖缺失", "time_limit": 8, "time_limit_basis": "working_hours", "sort_order": 1},
    )
    assert response.status_code == 302
    assert as_user(grid_worker).get("/grid/categories/add/").status_code == 403


def test_a_card_of_the_event_list_says_what_happened_and_where(as_user, make_event, grid_worker):
    """At phone width each row is a card: its title is the event's category and address
    (the grid where none was given), its number and the start of its description under
    it; in a table the first column stays the number."""
    import re

    event = make_event()
    bare = make_event()
    GridEvent.objects.filter(pk=bare.pk).update(address="")
    page = as_user(grid_worker).get(LIST).content.decode()

    def title_cell(obj):
        link = f'href="{obj.get_absolute_url()}"'
        row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if link in r)
        return re.search(r'<td class="card-title">(.*?)</td>', row, re.S).group(1)

    cell = title_cell(event)
    summary = re.search(r'class="card-only card-summary">(.*?)</span>', cell).group(1)
    assert summary == f"{event.category} · 测试地址"
    assert re.search(r'class="table-only">(\d+)</span>', cell).group(1) == str(event.pk)
    assert f"No. {event.pk} · 测试事件" in re.sub(r"\s+", " ", cell)
    bare_summary = re.search(r'card-summary">(.*?)</span>', title_cell(bare)).group(1)
    assert bare_summary == f"{bare.category} · {bare.grid}"
    # The category and the address are in the card's title, not lines of their own.
    assert page.count('<td class="table-only" data-label="Category">') >= 2
    assert page.count('<td class="table-only" data-label="Address">') >= 2
