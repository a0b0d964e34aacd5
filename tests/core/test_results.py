"""A list's count and rows kept by the process (core.results): the same as reading afresh,
counted again as soon as a committed write moves a token of the tables it reads, never
kept from a transaction's own writes, and never for a query that reads something no
write announces (the clock, a table or column written quietly)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingzhu.core import cache
from mingzhu.core import results as counts
from mingzhu.core.scope import restrict
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.models import Notification, Task

pytestmark = pytest.mark.django_db


def ledger(client, path="/tasks/?show=all") -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as seen:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in seen.captured_queries]


def counted(sql: list[str]) -> list[str]:
    return [q for q in sql if q.startswith("SELECT COUNT(")]


def new_task(supervisor, code: str) -> Task:
    return Task.objects.create(
        code=code,
        title="计数任务",
        issuer=supervisor.unit,
        lead_unit=OrgUnit.objects.get(name="三茅街道"),
        deadline=timezone.localdate() + dt.timedelta(days=30),
        status="in_progress",
    )


def test_the_second_visit_counts_nothing(as_user, sanmao):
    client = as_user(sanmao)
    first, sql = ledger(client)
    assert counted(sql)  # counted in parts of the scope
    again, sql = ledger(client)
    assert not counted(sql)
    assert again.count("/ ") == first.count("/ ")
    api = client.get("/api/v1/tasks/?status=in_progress").json()["count"]
    fresh = restrict(Task.objects.all(), sanmao, "view").filter(status="in_progress").count()
    assert api == fresh
    assert client.get("/api/v1/tasks/?status=in_progress").json()["count"] == fresh


def test_a_committed_write_counts_again(
    as_user, sanmao, supervisor, django_capture_on_commit_callbacks
):
    client = as_user(sanmao)
    path = "/api/v1/tasks/?show=all"
    before = client.get(path).json()["count"]
    assert client.get(path).json()["count"] == before  # kept
    with django_capture_on_commit_callbacks(execute=True):
        new_task(supervisor, "COUNT-1")
    assert client.get(path).json()["count"] == before + 1


def test_a_transactions_own_writes_are_not_kept(as_user, sanmao, supervisor):
    client = as_user(sanmao)
    path = "/api/v1/tasks/?show=all"
    before = client.get(path).json()["count"]
    new_task(supervisor, "COUNT-2")  # not committed: its bump waits
    assert client.get(path).json()["count"] == before + 1
    assert client.get(path).json()["count"] == before + 1


def test_each_scope_has_its_own_count(as_user, sanmao, xinba, leader):
    path = "/api/v1/tasks/?show=all"
    found = {u.username: as_user(u).get(path).json()["count"] for u in (sanmao, xinba, leader)}
    for user in (sanmao, xinba, leader):
        assert found[user.username] == restrict(Task.objects.all(), user, "view").count()
        assert as_user(user).get(path).json()["count"] == found[user.username]


def test_a_query_is_kept_only_when_its_writes_are_announced(sanmao):
    def topics(queryset):
        return counts.sql_topics(str(queryset.query))

    assert topics(restrict(Task.objects.all(), sanmao, "view")) == ("org", "tasks")
    assert topics(Task.objects.filter(deadline__lt=Now())) is None  # the clock
    assert topics(Notification.objects.all()) is None  # written quietly
    assert topics(User.objects.filter(last_login__isnull=True)) is None  # a quiet column
    assert topics(User.objects.filter(username="x").values("pk")) == ("org",)


def test_a_query_not_kept_is_counted_every_time(sanmao):
    calls = []

    def counter():
        calls.append(1)
        return 7

    clock = Task.objects.filter(deadline__lt=Now())
    assert counts.count(clock, counter) == 7
    assert counts.count(clock, counter) == 7
    assert len(calls) == 2
    kept = restrict(Task.objects.all(), sanmao, "view")
    assert counts.count(kept, counter) == 7
    assert counts.count(kept.order_by("-pk"), counter) == 7  # the order changes no row
    assert len(calls) == 3


def page_rows(queryset) -> list[tuple]:
    return [
        (t.pk, t.code, t.title, t.status, t.deadline, t.lead_unit.name, t.updated_at)
        for t in queryset
    ]


def test_kept_rows_are_the_rows_read_afresh(sanmao, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        some = restrict(Task.objects.order_by("deadline", "pk"), sanmao, "view")[:3]
        Task.objects.filter(pk__in=[t.pk for t in some]).update(leader=sanmao)
        cache.bump("tasks")
    scoped = restrict(Task.objects.select_related("lead_unit", "leader"), sanmao, "view")
    page = scoped.order_by("deadline", "pk")[:20]
    fresh = page_rows(page)
    first = page_rows(counts.kept_rows(page))
    with CaptureQueriesContext(connection) as seen:
        again = counts.kept_rows(scoped.order_by("deadline", "pk"))[:20]
        kept = page_rows(again)
    assert first == fresh and kept == fresh
    assert not [q for q in seen.captured_queries if "tasks_task" in q["sql"]]
    # The leader's last sign-in (written quietly) is not kept: read where it is read.
    task = next(t for t in again if t.leader_id)
    assert "last_login" in task.leader.get_deferred_fields()
    with CaptureQueriesContext(connection) as seen:
        assert task.leader.last_login == User.objects.get(pk=task.leader_id).last_login
    assert seen.captured_queries


def test_kept_rows_are_read_again_after_a_committed_write(
    sanmao, supervisor, django_capture_on_commit_callbacks
):
    def first_page():
        scoped = restrict(Task.objects.select_related("lead_unit"), sanmao, "view")
        return page_rows(counts.kept_rows(scoped.order_by("-pk"))[:5])

    before = first_page()
    assert first_page() == before
    with django_capture_on_commit_callbacks(execute=True):
        created = new_task(supervisor, "ROWS-1")
    after = first_page()
    assert after[0][0] == created.pk and after[1:] == before[:4]
    with django_capture_on_commit_callbacks(execute=True):
        Task.objects.filter(pk=created.pk).update(title="改过的标题")  # no signal …
        cache.bump("tasks")  # … so its writer bumps
    assert first_page()[0][2] == "改过的标题"


def test_a_transactions_own_rows_are_not_kept(sanmao, supervisor):
    def first_page():
        return page_rows(
            counts.kept_rows(restrict(Task.objects.all(), sanmao, "view").order_by("-pk"))[:3]
        )

    first_page()
    created = new_task(supervisor, "ROWS-2")  # not committed
    assert first_page()[0][0] == created.pk
    Task.objects.filter(pk=created.pk).update(title="事务内")
    assert first_page()[0][2] == "事务内"


def test_other_reads_go_as_they_went(sanmao):
    scoped = counts.kept_rows(restrict(Task.objects.all(), sanmao, "view"))
    assert scoped.count() == restrict(Task.objects.all(), sanmao, "view").count()
    assert scoped.exists()
    first = restrict(Task.objects.order_by("pk"), sanmao, "view").first()
    assert list(scoped.values_list("pk", flat=True).order_by("pk")[:1]) == [first.pk]
    assert [t.pk for t in scoped.order_by("pk").iterator()][:1] == [first.pk]
    counts._ROWS.clear()
    clock = counts.kept_rows(Task.objects.filter(deadline__lt=Now()).order_by("pk")[:3])
    list(clock)
    assert not counts._ROWS  # the clock: nothing kept


def test_a_tasks_page_shows_a_committed_action_at_once(
    as_user, leader, supervisor, django_capture_on_commit_callbacks
):
    from mingzhu.tasks import actions

    task = Task.objects.filter(status__in=("in_progress", "accepted")).order_by("pk").first()
    client = as_user(leader)
    path = f"/tasks/{task.pk}/"
    before = client.get(path).content.decode()
    assert client.get(path).content.decode().count("不再需要了") == 0
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel(task, actor=supervisor, comment="不再需要了")
    after = client.get(path).content.decode()
    assert "不再需要了" in after and after != before


def test_a_list_page_and_the_api_keep_their_rows_and_count(
    as_user, sanmao, supervisor, django_capture_on_commit_callbacks
):
    from mingzhu.grid.models import GridEvent

    client = as_user(sanmao)
    api = "/api/v1/grid/events/"
    first = client.get(api).json()
    with CaptureQueriesContext(connection) as seen:
        assert client.get(api).json() == first
        assert client.get("/grid/events/").status_code == 200
        assert client.get("/grid/events/").status_code == 200
    assert not [q for q in seen.captured_queries if "grid_gridevent" in q["sql"]][1:]
    assert first["count"] == restrict(GridEvent.objects.all(), sanmao, "view").count()
    event = GridEvent.objects.get(pk=first["results"][0]["id"])
    with django_capture_on_commit_callbacks(execute=True):
        GridEvent.objects.filter(pk=event.pk).update(description="改过的事件")
        cache.bump("grid")
    assert client.get(api).json()["results"][0]["description"] == "改过的事件"
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/grid/events/").status_code == 200
    assert [q for q in seen.captured_queries if "grid_gridevent" in q["sql"]]  # read again
