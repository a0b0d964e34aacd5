"""The ledger's search (``?q=``): code, title and content, Chinese substrings of two
characters and more, the same answers on SQLite and PostgreSQL; on PostgreSQL the bigram
index finds the candidates."""

import importlib
import os

import pytest
from django.db import connection
from django.db.models import Q

from mingzhu.core.scope import restrict
from mingzhu.tasks import search
from mingzhu.tasks.models import Task
from mingzhu.tasks.search import HasBigrams, bigrams, search_tasks

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="the bigram index is PostgreSQL's (DATABASE_URL=postgres://…)"
)


@pytest.fixture
def titled(make_task):
    """titled(title, content="", **make_task's) -> a task with that title and content."""

    def make(title, content="", **values):
        task = make_task(**values)
        Task.objects.filter(pk=task.pk).update(title=title, content=content)
        task.refresh_from_db()
        return task

    return make


@pytest.fixture
def tasks(titled):
    return {
        "port": titled("推进扬中港区建设", "码头二期"),
        "alley": titled("整治背街小巷", "含100%覆盖_的路灯"),
        "flood": titled("汛期准备", "储备防汛物资 Sandbags"),
    }


def found(value, among):
    ids = {t.pk for t in among.values()}
    hits = search_tasks(Task.objects.filter(pk__in=ids), value)
    return {name for name, t in among.items() if t.pk in set(hits.values_list("pk", flat=True))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("港区", {"port"}),  # two characters in a title
        ("扬中港区建设", {"port"}),
        ("背街小巷", {"alley"}),
        ("码头", {"port"}),  # the content
        ("防汛物资", {"flood"}),
        ("sandbags", {"flood"}),  # whatever the case
        ("100%", {"alley"}),  # % and _ are characters, not patterns
        ("覆盖_", {"alley"}),
        ("0%", {"alley"}),
        ("整治", {"alley"}),
        ("推", {"port"}),  # one character: no bigram, still found
        ("港口", set()),  # both characters occur, not together
        ("建设 码头", set()),  # across two columns: not one substring of either
        ("  港区  ", {"port"}),  # surrounding spaces are not searched for
    ],
)
def test_it_finds_substrings_of_code_title_and_content(tasks, query, expected):
    assert found(query, tasks) == expected


def test_it_finds_tasks_by_their_code(tasks):
    code = tasks["port"].code  # e.g. 2026-DB-0012
    assert found(code, tasks) == {"port"}
    assert found(code.lower(), tasks) == {"port"}
    assert found(code[-6:], tasks) == {"port"}  # the end of the code
    prefix = code.rsplit("-", 1)[0]  # every task of the office this year
    assert found(prefix, tasks) == {"port", "flood", "alley"}


def test_an_empty_query_filters_nothing(tasks):
    assert found("   ", tasks) == {"port", "flood", "alley"}


def test_the_ledger_and_the_api_search(as_user, supervisor, fgw, xinba, tasks):
    port = tasks["port"]
    page = as_user(supervisor).get("/tasks/", {"q": "港区", "show": "all"}).content.decode()
    assert f">{port.code}<" in page and f">{tasks['alley'].code}<" not in page
    api = as_user(fgw).get("/api/v1/tasks/", {"q": "港区"}).json()
    assert [row["code"] for row in api["results"]] == [port.code]
    # The search stays inside the scope: 新坝镇 leads none of these.
    assert as_user(xinba).get("/api/v1/tasks/", {"q": "港区"}).json()["count"] == 0


def test_a_scoped_count_of_a_search_is_the_rows(fgw, titled, unit):
    titled("扬中港区码头", lead="YZ-XINBA", co_units=[unit("YZ-DEPT-FGW")])
    titled("港区道路", lead="YZ-DEPT-FGW")
    titled("港区绿化", lead="YZ-XINBA")
    visible = search_tasks(restrict(Task.objects.all(), fgw, "view"), "港区")
    assert visible.count() == len(list(visible)) == 2


def test_the_python_bigrams():
    assert bigrams("扬中港区") == ["中港", "扬中", "港区"]
    assert bigrams("港") == [] and bigrams("") == []
    assert bigrams("abab") == ["ab", "ba"]


@needs_postgres
@pytest.mark.django_db
def test_the_database_function_gives_the_python_bigrams():
    with connection.cursor() as cursor:
        for text in ("扬中港区建设", "2026-DB-0001", "a", "", "汛期 SANDBAGS 100%"):
            cursor.execute("SELECT mingzhu_bigrams(%s)", [text])
            assert sorted(cursor.fetchone()[0]) == bigrams(text)


@needs_postgres
@pytest.mark.django_db
def test_the_migration_builds_the_index_the_search_asks():
    migration = importlib.import_module("mingzhu.tasks.migrations.0017_task_search_bigrams")
    assert migration.CREATE_FUNCTION == search.CREATE_FUNCTION
    assert migration.INDEXED == search.INDEXED
    assert migration.COLUMN == search.COLUMN
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'task_search_bigrams'")
        assert "gin" in cursor.fetchone()[0]


@needs_postgres
def test_postgresql_answers_a_search_from_the_index(tasks):
    queryset = search_tasks(Task.objects.all(), "港区")
    with connection.cursor() as cursor:
        # The demo's few hundred tasks are read faster whole: ask for the plan an index
        # would give, as a million tasks get it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "task_search_bigrams" in plan


def test_a_search_unindexed_finds_the_same_rows(tasks):
    """``unindexed`` (a search that matches many rows, read in the ledger's order) leaves
    the answer to ``icontains``: the same rows; on PostgreSQL without the index's
    condition; a query without a search is returned as it is."""
    ids = [t.pk for t in tasks.values()]
    for value in ("港区", "防汛物资", "sandbags", "港口", "推"):
        searched = search_tasks(Task.objects.filter(pk__in=ids), value).order_by("pk")
        walked = search.unindexed(searched)
        assert list(walked) == list(searched)
        if ON_POSTGRES and len(value) >= 2:
            assert search.COLUMN in str(searched.query)
            assert search.COLUMN not in str(walked.query)
    plain = Task.objects.filter(pk__in=ids)
    assert search.unindexed(plain) is plain
    # Under a negation and an OR too, and the query it came from is left as it was.
    nested = Task.objects.filter(pk__in=ids).exclude(
        Q(pk=0) | Q(HasBigrams("码头"), content__icontains="码头")
    )
    assert len(nested) == 2
    assert list(search.unindexed(nested).order_by("pk")) == list(nested.order_by("pk"))
    if ON_POSTGRES:
        assert search.COLUMN in str(nested.query)
        assert search.COLUMN not in str(search.unindexed(nested).query)
