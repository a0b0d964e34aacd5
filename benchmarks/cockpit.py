"""Benchmark: the cockpit page over many tasks and grid events.

Loads the Yangzhong demo tree and personas into a fresh database (a temporary SQLite file,
or the PostgreSQL database named by BENCH_DATABASE_URL, which is emptied), adds N tasks
spread over the tree's units (one in ten with a co-operating unit) and N / 10 grid events
over the demo's grids in the last six months (two in three filed, each with its task),
runs the daily supervision job once so that the quarter has sheets, then times `/` (the
cockpit) for the leader (scope: all), 三茅街道 (unit and below) and the finance bureau
(czj), today and on a past day: computed (every panel's topics bumped before each visit)
beside its floor (the same SELECTs replayed as raw SQL), and kept (read from the cache),
with the query count of each. The past day's lights are first recorded as the daily job
records them (``tasks.lights.record_day``, timed); ``--unrecorded`` times that day read
from the tasks' events instead.

    .venv/bin/python benchmarks/cockpit.py [--tasks 200000 --runs 10]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mingzhu_bench_cockpit \\
      .venv/bin/python benchmarks/cockpit.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time

BATCH = 10_000
PAST_DAY = dt.date(2026, 3, 31)
# Not the panels' work: the shared cache, the session and the signed-in user.
FLOOR_SKIPS = ("mingzhu_cache", "django_session", "org_usersession", '"org_user"', "auth_perm")
# status, share: roughly a city's ledger in its second year (as benchmarks/tasks_ledger.py).
STATUSES = [
    ("draft", 0.02),
    ("assigned", 0.05),
    ("accepted", 0.08),
    ("in_progress", 0.25),
    ("closure_requested", 0.05),
    ("returned", 0.02),
    ("deferred", 0.03),
    ("closed", 0.47),
    ("cancelled", 0.03),
]


def task_row(rng, i: int, today: dt.date, issuer_id: int, lead_id: int, **values):
    from mingzhu.tasks.models import Task

    status = rng.choices([s for s, _w in STATUSES], [w for _s, w in STATUSES])[0]
    deadline = today + dt.timedelta(days=rng.randrange(-400, 400))
    assigned = deadline - dt.timedelta(days=rng.randrange(10, 200))
    return Task(
        code=f"B-{i:08d}",
        title=f"基准任务 {i}",
        issuer_id=issuer_id,
        lead_unit_id=lead_id,
        deadline=deadline,
        original_deadline=deadline - dt.timedelta(days=30) if status == "deferred" else None,
        progress=100 if status == "closed" else rng.randrange(0, 100, 5),
        status=status,
        assigned_on=assigned if status != "draft" else None,
        accepted_on=assigned + dt.timedelta(days=1)
        if status not in ("draft", "assigned")
        else None,
        closed_on=(
            min(today, deadline - dt.timedelta(days=rng.randrange(-10, 30)))
            if status == "closed"
            else None
        ),
        is_illustrative=True,
        **values,
    )


def fill(n_tasks: int, n_events: int, seed: int = 7) -> None:
    """bulk_create the tasks, their co-units and the grid events with their tasks."""
    from django.db import transaction
    from django.utils import timezone

    from mingzhu.grid.models import EventCategory, GridEvent
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.tasks.models import Task

    rng = random.Random(seed)
    today = timezone.localdate()
    issuer = User.objects.get(username="supervisor").unit_id
    worker = User.objects.get(username="wangge")
    units = list(
        OrgUnit.objects.exclude(kind__in=("peer", "company", "city")).values_list("pk", flat=True)
    )
    grids = list(OrgUnit.objects.filter(kind="grid").values_list("pk", flat=True))
    categories = list(EventCategory.objects.values_list("pk", flat=True))
    link = Task.co_units.through
    done = 0
    while done < n_tasks:
        size = min(BATCH, n_tasks - done)
        with transaction.atomic():
            tasks = Task.objects.bulk_create(
                task_row(rng, done + i, today, issuer, rng.choice(units)) for i in range(size)
            )
            link.objects.bulk_create(
                link(task_id=t.pk, orgunit_id=rng.choice(units)) for t in tasks[3::10]
            )
        done += size
        print(f"  {done:>9,} tasks", file=sys.stderr)
    now = timezone.now()
    done = 0
    while done < n_events:
        size = min(BATCH, n_events - done)
        with transaction.atomic():
            filed = size * 2 // 3
            tasks = Task.objects.bulk_create(
                task_row(
                    rng,
                    n_tasks + done + i,
                    today,
                    issuer,
                    rng.choice(units),
                    source_kind="grid_event",
                )
                for i in range(filed)
            )
            events = []
            for i in range(size):
                task = tasks[i] if i < filed else None
                events.append(
                    GridEvent(
                        grid_id=rng.choice(grids),
                        category_id=rng.choice(categories),
                        description=f"基准事件 {done + i}",
                        reported_by=worker,
                        reported_at=now - dt.timedelta(minutes=rng.randrange(0, 180 * 24 * 60)),
                        decision="filed" if task else rng.choice(["pending", "rejected"]),
                        task=task,
                        is_illustrative=True,
                    )
                )
            GridEvent.objects.bulk_create(events)
        done += size
        print(f"  {done:>9,} grid events", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=None, help="default: tasks / 10")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--reuse", action="store_true", help="time the data already in BENCH_DATABASE_URL"
    )
    parser.add_argument("--today-only", action="store_true", help="leave the past day out")
    parser.add_argument(
        "--unrecorded",
        action="store_true",
        help="time the past day without its recorded lights (read from the events)",
    )
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        help="print the N slowest SELECTs of each computed page (median of the floor runs)",
    )
    parser.add_argument(
        "--who",
        nargs="+",
        default=["leader", "sanmao", "czj"],
        choices=["leader", "sanmao", "czj"],
        help="the personas to time (default: all three)",
    )
    args = parser.parse_args()
    n_events = args.tasks // 10 if args.events is None else args.events

    os.environ["MINGZHU_DATA_DIR"] = tempfile.mkdtemp(prefix="mingzhu-bench-")
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    os.environ["MINGZHU_DEMO"] = "1"
    os.environ["MINGZHU_ALLOWED_HOSTS"] = "testserver"

    import django

    django.setup()
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from mingzhu.cockpit import panels
    from mingzhu.core import heap
    from mingzhu.core.cache import bump
    from mingzhu.demo.loader import load
    from mingzhu.grid.models import GridEvent
    from mingzhu.org.models import User
    from mingzhu.tasks.jobs import supervise
    from mingzhu.tasks.lights import record_day
    from mingzhu.tasks.models import LightsDay, SupervisionSheet, Task

    call_command("migrate", interactive=False, verbosity=0)
    filled = supervised = 0.0
    if not args.reuse:
        call_command("flush", interactive=False, verbosity=0)
        load()
        started = time.perf_counter()
        with disable_auditlog():
            fill(args.tasks, n_events)
        filled = time.perf_counter() - started
        started = time.perf_counter()
        supervise(timezone.localdate())
        supervised = time.perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0].split(" on ")[0]
        else:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"

    print(
        f"database: {version}; tasks: {Task.objects.count():,}; grid events: "
        f"{GridEvent.objects.count():,}; sheets: {SupervisionSheet.objects.count():,}; "
        f"filled in {filled:.0f}s, supervised in {supervised:.1f}s; as of {timezone.localdate()}"
    )
    print(
        "computed: every topic bumped before each visit (every panel computed); kept: the "
        "panels read from the shared cache; floor: the computed page's own SELECTs (outside "
        "the cache, session and user) replayed as raw SQL on the same connection"
    )
    print(
        f"{'who':<8} {'endpoint':<20} {'computed':>9} {'floor':>7} {'ratio':>6} "
        f"{'queries':>7} {'kept':>6} {'queries':>7}"
    )
    if not args.today_only and not args.unrecorded:
        # The past day's lights as the daily job records them (tasks.lights.record_day).
        started = time.perf_counter()
        rows = record_day(PAST_DAY)
        print(f"lights of {PAST_DAY} recorded: {rows} rows in {time.perf_counter() - started:.1f}s")
    elif not args.today_only:
        LightsDay.objects.filter(day=PAST_DAY).delete()
    everything = {t for entry in panels._registry.values() for t in entry.topics}
    heap.settle()  # as `mingzhu serve` does before it serves
    for who in args.who:
        client = Client()
        client.force_login(
            User.objects.get(username=who), backend="mingzhu.org.backends.RoleBackend"
        )
        for url in ("/",) if args.today_only else ("/", f"/?as_of={PAST_DAY}"):
            assert client.get(url).status_code == 200  # warm up
            computed, floors, kept = [], [], []
            each: dict[str, list[float]] = {}
            for _ in range(args.runs):
                bump(*everything)  # as after writes to every module: all computed again
                with CaptureQueriesContext(connection) as ctx:
                    t0 = time.perf_counter()
                    response = client.get(url)
                    computed.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                assert b'id="panel-' in response.content
                cold_queries = len(ctx.captured_queries)
                work = [
                    q["sql"]
                    for q in ctx.captured_queries
                    # "(": a UNION ALL of grouped parts (core.scope.sums_in_parts)
                    if q["sql"].startswith(("SELECT", "WITH", "("))
                    and not any(t in q["sql"] for t in FLOOR_SKIPS)
                ]
                t0 = time.perf_counter()
                with connection.cursor() as cursor:
                    for sql in work:
                        t1 = time.perf_counter()
                        cursor.execute(sql)
                        cursor.fetchall()
                        each.setdefault(sql, []).append((time.perf_counter() - t1) * 1000)
                floors.append((time.perf_counter() - t0) * 1000)
            for _ in range(args.runs):
                t0 = time.perf_counter()
                assert client.get(url).status_code == 200
                kept.append((time.perf_counter() - t0) * 1000)
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            page, floor = statistics.median(computed), statistics.median(floors)
            print(
                f"{who:<8} {url:<20} {page:>9.1f} {floor:>7.1f} {page / floor:>6.2f} "
                f"{cold_queries:>7} {statistics.median(kept):>6.1f} "
                f"{len(ctx.captured_queries):>7}"
            )
            slowest = sorted(((statistics.median(t), sql) for sql, t in each.items()), reverse=True)
            for ms, sql in slowest[: args.slowest]:
                print(f"    {ms:8.1f} ms  {sql[:400]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
