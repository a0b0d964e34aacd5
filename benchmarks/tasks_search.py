"""Benchmark: the ledger's search (``?q=``) over a million tasks, beside its SQL floor.

Loads the Yangzhong demo tree and personas into the PostgreSQL database named by
BENCH_DATABASE_URL (which is emptied), adds N tasks with COPY (benchmarks/tasks_ledger.py's
fill) whose titles are made of a county's usual words (so that common bigrams are common:
推进, 工作, 建设) and a fifth of them with a sentence of content, builds the bigram index
(tasks.search), then times for the supervision office (scope all) and 三茅街道 (unit and
below) the ledger page and the API list searched for a rare and a common two-character
word, a longer phrase, a phrase in the content and a task's code, each request computed
(the tasks' topic bumped before it, as after a write, so nothing kept is used) and kept
(repeated with no write between). Beside each: the floor,
the same page's rows and its count bounded as the pages count a search (at most
``tasks.paging.SEARCH_COUNT_LIMIT`` + 1 matches, a LIMIT in a subquery) in hand-written SQL
using the index, and the scan the search was before (``icontains`` alone, without the index,
counting every match).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mingzhu_bench_search \\
      .venv/bin/python benchmarks/tasks_search.py [--tasks 1000000 --runs 10]
    ... --reuse  # keep the tasks already there, only measure
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

VERBS = ["推进", "整治", "开展", "落实", "完成", "提升", "改造", "督促", "排查", "建设"]
PLACES = ["新坝镇", "油坊镇", "八桥镇", "西来桥镇", "三茅街道", "兴隆街道", "经济开发区"]
OBJECTS = [
    "背街小巷",
    "路灯",
    "河道",
    "防汛物资",
    "污水管网",
    "农贸市场",
    "老旧小区",
    "工地围挡",
    "户外广告",
    "公共厕所",
    "停车场",
    "绿化带",
]
RARE = "渡口"  # in one title in ten thousand
SENTENCE = "按照市委市政府部署，{place}对{obj}开展专项检查，发现问题立行立改，确保按期销号。"


def words(i: int, rng) -> tuple[str, str]:
    place = rng.choice(PLACES)
    obj = RARE if i % 10_000 == 7 else rng.choice(OBJECTS)
    title = f"{rng.choice(VERBS)}{place}{obj}工作"
    content = SENTENCE.format(place=place, obj=rng.choice(OBJECTS)) if i % 5 == 0 else ""
    return title, content


def timed(runs: int, func, before=None) -> tuple[float, float]:
    """Median and 90th percentile of ``runs`` calls of ``func`` after a warm-up, ms;
    ``before`` runs ahead of each call, untimed."""
    func()  # warm up
    timings = []
    for _ in range(runs):
        if before is not None:
            before()
        t0 = time.perf_counter()
        func()
        timings.append((time.perf_counter() - t0) * 1000)
    p90 = statistics.quantiles(timings, n=10)[-1] if runs > 1 else timings[0]
    return statistics.median(timings), p90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="measure the tasks already there")
    parser.add_argument("--deep-only", action="store_true", help="measure the deep pages only")
    args = parser.parse_args()
    os.environ["MINGZHU_DEMO"] = "1"
    os.environ["MINGZHU_ALLOWED_HOSTS"] = "testserver"

    from pgsetup import django_on_postgres

    django_on_postgres("postgres://postgres@127.0.0.1:5432/mingzhu_bench_search", " (emptied)")

    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from tasks_ledger import fill

    from mingzhu.core import heap
    from mingzhu.core.cache import bump
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.tasks import paging
    from mingzhu.tasks.models import Task
    from mingzhu.tasks.search import COLUMN, bigrams

    if not args.reuse:
        call_command("flush", interactive=False, verbosity=0)
        from mingzhu.demo.loader import load

        load()
        with connection.cursor() as cursor:  # COPY first, index after: a bulk load's way
            cursor.execute("DROP INDEX IF EXISTS task_search_bigrams")
        print(f"filling {args.tasks:,} tasks", file=sys.stderr)
        print(f"filled in {fill(args.tasks, text=words):.0f}s", file=sys.stderr)
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE INDEX task_search_bigrams ON "tasks_task" USING gin ({COLUMN})')
            cursor.execute("ANALYZE tasks_task")
        print(f"search index built in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
        cursor.execute("SELECT pg_size_pretty(pg_relation_size('task_search_bigrams'))")
        index_size = cursor.fetchone()[0]
    total = Task.objects.count()
    code = Task.objects.filter(code__startswith="B").order_by("pk")[total // 2].code
    queries = [
        ("rare 2 chars", RARE),
        ("common 2 chars", "路灯"),
        ("4 chars", "防汛物资"),
        ("content", "立行立改"),
        ("code", code),
    ]
    print(f"database: {version}; tasks: {total:,}; search index: {index_size}")
    if not args.deep_only:
        print(
            f"{'who':<11} {'query':<15} {'endpoint':<8} {'rows':>7} {'median ms':>9} "
            f"{'p90 ms':>7} {'queries':>7} {'floor ms':>8} {'scan ms':>8} {'kept ms':>6}"
        )
    heap.settle()  # as `mingzhu serve` does before it serves
    supervisor = User.objects.get(username="supervisor")
    town = User.objects.get(username="sanmao")
    town_units = list(
        OrgUnit.objects.filter(path__startswith=town.unit.path).values_list("pk", flat=True)
    )

    def floor_sql(value: str, scoped: bool, indexed: bool) -> tuple[str, list]:
        like = f"%{value.upper()}%"
        where = ["(UPPER(code) LIKE %s OR UPPER(title) LIKE %s OR UPPER(content) LIKE %s)"]
        params: list = [like, like, like]
        if indexed:
            where.append(f"{COLUMN} @> %s::text[]")
            params.append(bigrams(value.upper()))
        if scoped:
            where.append(
                "(lead_unit_id = ANY(%s) OR issuer_id = ANY(%s) OR id IN (SELECT task_id "
                "FROM tasks_task_co_units WHERE orgunit_id = ANY(%s)))"
            )
            params += [town_units] * 3
        return " AND ".join(where), params

    def floor(value: str, scoped: bool, indexed: bool = True, bounded: bool = True):
        where, params = floor_sql(value, scoped, indexed)
        limit = f"LIMIT {paging.SEARCH_COUNT_LIMIT + 1}" if bounded else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.*, u.name FROM (SELECT * FROM tasks_task WHERE {where} "
                f"ORDER BY deadline, code LIMIT 50) t JOIN org_orgunit u ON u.id = t.lead_unit_id",
                params,
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM tasks_task WHERE {where} {limit}) m",
                params,
            )
            return cursor.fetchone()[0]

    for who, user, scoped in (("supervisor", supervisor, False), ("town", town, True)):
        if args.deep_only:
            break
        client = Client()
        client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
        for label, value in queries:
            rows = floor(value, scoped, bounded=False)
            floor_ms, _ = timed(args.runs, lambda v=value, s=scoped: floor(v, s))
            scan_ms, _ = timed(
                max(1, args.runs // 5), lambda v=value, s=scoped: floor(v, s, False, False)
            )
            for endpoint, url in (("ledger", "/tasks/"), ("api", "/api/v1/tasks/")):
                params = {"q": value, "show": "all"} if endpoint == "ledger" else {"q": value}

                def get(url=url, params=params, client=client):
                    response = client.get(url, params)
                    assert response.status_code == 200, (url, response.status_code)

                # Computed: the tasks' topic bumped before each request, as after a write
                # to any task, so that no count or row kept by the process is used.
                median, p90 = timed(args.runs, get, before=lambda: bump("tasks"))
                bump("tasks")
                reset_queries()
                get()
                count = len(connection.queries)
                kept, _ = timed(args.runs, get)
                print(
                    f"{who:<11} {label:<15} {endpoint:<8} {rows:>7} {median:>9.1f} "
                    f"{p90:>7.1f} {count:>7} {floor_ms:>8.1f} {scan_ms:>8.1f} {kept:>6.1f}"
                )
                sys.stdout.flush()
    deep_pages(args.runs, supervisor, town, town_units)


def deep_pages(runs: int, supervisor, town, town_units) -> None:
    """Page 2000 (or the last, if fewer) of the ledger (all tasks, deadline order) and of
    the API: reached by the link of the page before it (keyset) and by a bare page number
    (OFFSET), beside the floor, the same page's rows in SQL after the key."""
    from django.db import connection
    from django.test import Client

    from mingzhu.core.cache import bump
    from mingzhu.core.scope import restrict
    from mingzhu.tasks import paging
    from mingzhu.tasks.models import Task

    number = 2000
    print(
        f"{'who':<11} {'page 2000 of':<8} {'by':<7} {'median ms':>9} {'p90 ms':>7} {'floor ms':>8}"
    )
    for who, user, scoped in (("supervisor", supervisor, False), ("town", town, True)):
        client = Client()
        client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
        ordered = restrict(Task.objects.all(), user, "view").order_by("deadline", "code")
        number = min(2000, ordered.count() // 50)
        edge = ordered[(number - 1) * 50 - 1]
        key = paging.encode(paging.sort_key(ordered), edge)
        scope = (
            "AND (lead_unit_id = ANY(%(u)s) OR issuer_id = ANY(%(u)s) OR id IN (SELECT task_id "
            "FROM tasks_task_co_units WHERE orgunit_id = ANY(%(u)s)))"
            if scoped
            else ""
        )

        def floor(edge=edge, scope=scope):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT * FROM tasks_task WHERE deadline >= %(d)s AND (deadline > %(d)s "
                    f"OR code > %(c)s) {scope} ORDER BY deadline, code LIMIT 50",
                    {"d": edge.deadline, "c": edge.code, "u": town_units},
                )
                return cursor.fetchall()

        floor_ms, _ = timed(runs, floor)
        for endpoint, url, extra in (
            ("ledger", "/tasks/", {"show": "all"}),
            ("api", "/api/v1/tasks/", {}),
        ):
            for by, params in (
                ("key", {**extra, "page": number, "after": key}),
                ("offset", {**extra, "page": number}),
            ):

                def get(url=url, params=params, client=client):
                    response = client.get(url, params)
                    assert response.status_code == 200, (url, response.status_code)

                median, p90 = timed(
                    runs if by == "key" else max(1, runs // 5), get, before=lambda: bump("tasks")
                )
                print(
                    f"{who:<11} {number:>5} {endpoint:<8} {by:<7} {median:>9.1f} "
                    f"{p90:>7.1f} {floor_ms:>8.1f}"
                )
                sys.stdout.flush()


if __name__ == "__main__":
    main()
