"""Keyset paging of the ledger and the task API: following the links from the first page
to the last and back shows every task once, in the list's order."""

import datetime as dt
import html
import os
import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from mingzhu.core.scope import restrict
from mingzhu.tasks import actions, paging, search
from mingzhu.tasks.filters import FINISHED
from mingzhu.tasks.models import Task
from mingzhu.tasks.views import TaskListView

PER_PAGE = 7


@pytest.fixture
def many(supervisor, unit):
    """Tasks sharing deadlines (so that the key's second column decides), led by 发改委."""
    fgw = unit("YZ-DEPT-FGW")
    for i in range(40):
        actions.create_task(
            actor=supervisor,
            title=f"分页任务{i % 9}",
            lead_unit=fgw,
            deadline=dt.date(2030, 1, 1) + dt.timedelta(days=i % 4),
        )


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(TaskListView, "paginate_by", PER_PAGE)


def ledger_codes(page: str) -> list[str]:
    # The code: the link's text in a table (a card on a phone is titled by the task's title).
    return re.findall(r'href="/tasks/\d+/"[^>]*><span class="table-only">([^<]+)</span>', page)


def link(page: str, arrow: str) -> str | None:
    found = re.search(rf'href="\?([^"]*)">{arrow}</a>', page)
    return html.unescape(found.group(1)) if found else None


def test_the_ledger_walks_every_task_forward_and_back(as_user, fgw, many, small_pages):
    client = as_user(fgw)
    expected = list(
        restrict(Task.objects.all(), fgw, "view")
        .exclude(status__in=FINISHED)
        .order_by(F("deadline").asc(nulls_last=True), "pk")
        .values_list("code", flat=True)
    )
    assert len(expected) > 4 * PER_PAGE
    pages, query = [], "show=open"
    while query is not None:
        page = client.get(f"/tasks/?{query}").content.decode()
        pages.append(ledger_codes(page))
        query = link(page, "&raquo;")
        if query and len(pages) > 1:
            assert "after=" in query  # read by key from the second page on
    assert [code for p in pages for code in p] == expected
    assert f"{len(pages)} / {len(pages)}" in page
    back = []
    query = link(page, "&laquo;")
    while query is not None:
        page = client.get(f"/tasks/?{query}").content.decode()
        back.insert(0, ledger_codes(page))
        query = link(page, "&laquo;")
    assert back == pages[:-1]
    # A bare page number (a link from elsewhere) is still that page.
    assert ledger_codes(client.get("/tasks/?show=open&page=3").content.decode()) == pages[2]


def test_the_ledger_keeps_its_filters_in_the_links(as_user, supervisor, many, small_pages):
    page = as_user(supervisor).get("/tasks/", {"q": "分页任务", "show": "all"})
    following = link(page.content.decode(), "&raquo;")
    assert "q=" in following and "show=all" in following and following.count("page=") == 1
    codes = ledger_codes(as_user(supervisor).get(f"/tasks/?{following}").content.decode())
    assert codes and all(
        t.title.startswith("分页任务") for t in Task.objects.filter(code__in=codes)
    )


def test_a_broken_key_shows_the_first_page_and_says_so(as_user, fgw, many, small_pages):
    client = as_user(fgw)
    first = ledger_codes(client.get("/tasks/?show=open").content.decode())
    page = client.get("/tasks/?show=open&page=3&after=not-a-key").content.decode()
    assert ledger_codes(page) == first
    assert "The page link is not valid" in page


@pytest.mark.parametrize("ordering", [None, "-title", "progress,-deadline"])
def test_the_api_walks_every_task_by_its_links(as_user, fgw, many, ordering):
    client = as_user(fgw)
    params = {"page_size": PER_PAGE, **({"ordering": ordering} if ordering else {})}
    first = client.get("/api/v1/tasks/", params).json()
    rows, body = [], first
    while True:
        rows += [r["id"] for r in body["results"]]
        if body["next"] is None:
            break
        assert "after=" in body["next"]
        body = client.get(body["next"]).json()
    assert len(rows) == len(set(rows)) == first["count"] > 4 * PER_PAGE
    terms = (ordering or "deadline,code").split(",")
    expected = list(
        restrict(Task.objects.all(), fgw, "view")
        .order_by(*terms, "pk")
        .values_list("pk", flat=True)
    )
    assert rows == expected
    back = []
    while body["previous"] is not None:
        body = client.get(body["previous"]).json()
        back = [r["id"] for r in body["results"]] + back
    assert back + rows[len(back) :] == rows and len(back) > 0


def test_the_api_refuses_a_broken_key(as_user, fgw, many):
    response = as_user(fgw).get("/api/v1/tasks/", {"page": 2, "after": "%%%"})
    assert response.status_code == 400 and "after" in response.json()


def test_a_sort_key_is_columns_of_the_table_ending_in_a_unique_one():
    keys = paging.sort_key(Task.objects.order_by("-title"))
    assert [(k.field.name, k.descending) for k in keys] == [("title", True), ("id", False)]
    keys = paging.sort_key(Task.objects.all())  # the model's order: deadline, code
    assert [k.field.name for k in keys] == ["deadline", "code"]
    assert paging.sort_key(Task.objects.order_by("lead_unit__name")) is None
    assert paging.sort_key(Task.objects.order_by("leader")) is None


def test_a_search_past_the_count_limit_says_so_and_still_walks_every_match(
    as_user, supervisor, many, small_pages, monkeypatch
):
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 10)
    client = as_user(supervisor)
    expected = list(
        restrict(Task.objects.filter(title__startswith="分页任务"), supervisor, "view")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
        .values_list("code", flat=True)
    )
    assert len(expected) == 40
    page = client.get("/tasks/", {"q": "分页任务", "show": "all"}).content.decode()
    assert "more than 10 records" in page and "40 records" not in page
    pages, query = [ledger_codes(page)], link(page, "&raquo;")
    while query is not None:
        page = client.get(f"/tasks/?{query}").content.decode()
        pages.append(ledger_codes(page))
        query = link(page, "&raquo;")
    assert [code for p in pages for code in p] == expected
    assert len(pages[-1]) == 40 - 5 * PER_PAGE  # the last page ends the links
    # Back from the last page, and a bare number past the counted pages.
    previous = client.get(f"/tasks/?{link(page, '&laquo;')}").content.decode()
    assert ledger_codes(previous) == pages[-2]
    deep = client.get("/tasks/", {"q": "分页任务", "show": "all", "page": 6}).content.decode()
    assert ledger_codes(deep) == pages[5] and link(deep, "&raquo;") is None


def test_a_search_under_the_count_limit_is_counted_exactly(
    as_user, supervisor, many, small_pages, monkeypatch
):
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 40)
    page = as_user(supervisor).get("/tasks/", {"q": "分页任务", "show": "all"}).content.decode()
    assert "40 records" in page and "more than" not in page and "1 / 6" in page


def test_the_api_counts_a_search_up_to_the_limit(as_user, supervisor, many, monkeypatch):
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 10)
    client = as_user(supervisor)
    body = client.get("/api/v1/tasks/", {"q": "分页任务", "page_size": PER_PAGE}).json()
    assert body["count"] == 10 and body["count_capped"] is True
    rows = []
    while True:
        rows += [r["id"] for r in body["results"]]
        if body["next"] is None:
            break
        body = client.get(body["next"]).json()
    assert len(rows) == len(set(rows)) == 40
    # Under the limit, and without a search, the count is exact.
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 40)
    body = client.get("/api/v1/tasks/", {"q": "分页任务"}).json()
    assert (body["count"], body["count_capped"]) == (40, False)
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 10)
    body = client.get("/api/v1/tasks/", {"page_size": PER_PAGE}).json()
    assert body["count_capped"] is False
    assert body["count"] == restrict(Task.objects.all(), supervisor, "view").count() >= 40


def test_the_schema_describes_the_capped_count(as_user, supervisor):
    schema = as_user(supervisor).get("/api/v1/schema/", {"format": "json"}).json()
    listed = schema["components"]["schemas"]["PaginatedTaskList"]
    assert "count_capped" in listed["required"]
    assert listed["properties"]["count_capped"]["type"] == "boolean"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the bigram index is PostgreSQL's",
)
def test_a_search_past_the_count_limit_reads_its_page_in_order_not_from_the_index(
    as_user, supervisor, many, monkeypatch
):
    """Counted up to the limit through the index; the page of a search that passes it is
    read walking the ledger's order (tasks.search.unindexed), the same rows."""
    client = as_user(supervisor)
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 40)
    exact = client.get("/api/v1/tasks/", {"q": "分页任务"}).json()["results"]
    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 10)
    with CaptureQueriesContext(connection) as ctx:
        capped = client.get("/api/v1/tasks/", {"q": "分页任务"}).json()["results"]
    assert [r["id"] for r in capped] == [r["id"] for r in exact]
    searched = [q["sql"] for q in ctx.captured_queries if "分页任务" in q["sql"]]
    counts = [sql for sql in searched if sql.startswith("SELECT COUNT(*)")]
    pages = [sql for sql in searched if "ORDER BY" in sql and sql not in counts]
    assert counts and all(search.COLUMN in sql for sql in counts)
    assert pages and all(search.COLUMN not in sql for sql in pages)
