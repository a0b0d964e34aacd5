"""Benchmark: the task ledger, the task API and the daily supervision job over a million tasks.

Loads the Yangzhong demo tree and personas into the PostgreSQL database named by
BENCH_DATABASE_URL (which is emptied), adds N tasks spread over the tree's units with COPY
(one in ten with a co-operating unit), then times the ledger page and the API list,
filtered, scoped and paginated, for a town user (三茅街道, unit and below) and the
supervision office (all), counts their queries, and times `mingzhu supervise` over all
the tasks, twice (the second run must create nothing).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mingzhu_bench_tasks \\
      .venv/bin/python benchmarks/tasks_ledger.py [--tasks 1000000 --runs 20]
    ... --reuse  # keep the tasks already there (e.g. after a code change), only measure
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time

AS_OF = dt.date(2026, 11, 20)  # a Friday: the day the pages and the job are run "on"
COPY_BATCH = 100_000
# status, share: roughly a city's ledger in its second year.
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


def fill(n: int, seed: int = 7, text=None) -> float:
    """COPY n tasks (and their co-units) into the tables; returns the seconds it took.
    ``text(i, rng) -> (title, content)`` words the tasks (default: 基准任务 i, no content)."""
    from django.db import connection
    from django.utils import timezone

    from mingzhu.org.models import OrgUnit, User
    from mingzhu.tasks.models import Task

    started = time.perf_counter()
    rng = random.Random(seed)
    issuer = User.objects.get(username="supervisor").unit
    units = list(
        OrgUnit.objects.exclude(kind__in=("peer", "company", "city")).values_list("pk", flat=True)
    )
    states = [s for s, _w in STATUSES]
    weights = [w for _s, w in STATUSES]
    now = timezone.now()
    fields = [f for f in Task._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    m2m = Task.co_units.through
    first_id = (Task.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for batch_start in range(0, n, COPY_BATCH):
            co_rows = []
            with raw.copy(f'COPY "{Task._meta.db_table}" ({columns}) FROM STDIN') as copy:
                for i in range(batch_start, min(n, batch_start + COPY_BATCH)):
                    status = rng.choices(states, weights)[0]
                    deadline = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(900))
                    assigned = deadline - dt.timedelta(days=rng.randrange(10, 200))
                    lead = rng.choice(units)
                    title, content = text(i, rng) if text else (f"基准任务 {i}", "")
                    values = {
                        "created_at": now,
                        "updated_at": now,
                        "code": f"B{deadline.year}-{i:08d}",
                        "title": title,
                        "content": content,
                        "weight": 1,
                        "list_number": "",
                        "long_running": False,
                        "issuer_id": issuer.pk,
                        "lead_unit_id": lead,
                        "deadline": deadline,
                        "original_deadline": (
                            deadline - dt.timedelta(days=30) if status == "deferred" else None
                        ),
                        "deadline_basis": "calendar_days",
                        "urgency": "urgent" if i % 10 == 0 else "normal",
                        "progress": 100 if status == "closed" else rng.randrange(0, 100, 5),
                        "status": status,
                        "result": "",
                        "rework_count": 1 if status == "returned" else 0,
                        "assigned_on": assigned if status != "draft" else None,
                        "accepted_on": (
                            assigned + dt.timedelta(days=1)
                            if status not in ("draft", "assigned")
                            else None
                        ),
                        "closed_on": (
                            deadline - dt.timedelta(days=rng.randrange(-10, 30))
                            if status == "closed"
                            else None
                        ),
                        "source_kind": "manual",
                        "is_illustrative": True,
                    }
                    copy.write_row([values.get(f.attname) for f in fields])
                    if i % 10 == 3:
                        co_rows.append((first_id + i, rng.choice(units)))
            with raw.copy(f'COPY "{m2m._meta.db_table}" (task_id, orgunit_id) FROM STDIN') as copy:
                for row in co_rows:
                    copy.write_row(row)
            print(f"  {min(n, batch_start + COPY_BATCH):>9,} tasks", file=sys.stderr)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM "
            f'"{Task._meta.db_table}"))',
            [Task._meta.db_table],
        )
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="measure the tasks already there")
    args = parser.parse_args()

    if not os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres"):
        sys.exit("BENCH_DATABASE_URL must name a PostgreSQL database (it is emptied).")
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    os.environ["MINGZHU_DATA_DIR"] = tempfile.mkdtemp(prefix="mingzhu-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    os.environ["MINGZHU_DEMO"] = "1"
    os.environ["MINGZHU_ALLOWED_HOSTS"] = "testserver"

    import django

    django.setup()
    from unittest import mock

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from mingzhu.org.models import OrgUnit, User
    from mingzhu.tasks.models import SupervisionSheet, Task

    call_command("migrate", interactive=False, verbosity=0)
    if not args.reuse:
        call_command("flush", interactive=False, verbosity=0)
        from mingzhu.demo.loader import load

        load()
        print(f"filling {args.tasks:,} tasks", file=sys.stderr)
        print(f"filled in {fill(args.tasks):.0f}s", file=sys.stderr)
    total = Task.objects.count()
    with connection.cursor() as cursor:
        # Sheets of an earlier run go, so that the first supervise run below is a first one.
        cursor.execute(
            f"DELETE FROM {SupervisionSheet._meta.db_table} WHERE task_id IN "
            f"(SELECT id FROM {Task._meta.db_table} WHERE code LIKE 'B%%')"
        )
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]

    town = User.objects.get(username="sanmao")
    supervisor = User.objects.get(username="supervisor")
    xinba = OrgUnit.objects.get(code="YZ-XINBA").pk
    sanmao_unit = town.unit_id
    filters = [
        "",
        "?status=in_progress",
        "?light=red",
        "?light=yellow",
        "?light=green",
        "?lead_unit={unit}&deadline_after=2025-07-01&deadline_before=2025-12-31",
        "?status=in_progress&lead_unit={unit}&light=yellow&deadline_after=2026-01-01",
        "?page=20",
    ]
    print(f"database: {version}; tasks: {total:,}; as of {AS_OF}")
    print(f"{'who':<11} {'endpoint':<82} {'median ms':>9} {'p90 ms':>7} {'queries':>7}")
    # The light filter and the light column read "today": pin it to AS_OF.
    localdate = timezone.localdate

    def today(value=None, timezone=None):
        return AS_OF if value is None else localdate(value, timezone)

    with mock.patch("django.utils.timezone.localdate", today):
        for who, user, unit in (
            ("town", town, sanmao_unit),
            ("supervisor", supervisor, xinba),
        ):
            client = Client()
            client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
            for base in ("/tasks/", "/api/v1/tasks/"):
                for query in filters:
                    url = base + query.format(unit=unit)
                    response = client.get(url)  # warm up
                    assert response.status_code == 200, (url, response.status_code)
                    timings = []
                    for _ in range(args.runs):
                        t0 = time.perf_counter()
                        client.get(url)
                        timings.append((time.perf_counter() - t0) * 1000)
                    with CaptureQueriesContext(connection) as ctx:
                        client.get(url)
                    p90 = statistics.quantiles(timings, n=10)[-1]
                    print(
                        f"{who:<11} {url:<82} {statistics.median(timings):>9.1f} "
                        f"{p90:>7.1f} {len(ctx.captured_queries):>7}"
                    )
                    sys.stdout.flush()
    for run in ("first", "again"):
        out = io.StringIO()
        t0 = time.perf_counter()
        call_command("supervise", "--as-of", AS_OF.isoformat(), "--json", stdout=out)
        seconds = time.perf_counter() - t0
        print(f"supervise --as-of {AS_OF} ({run}): {seconds:.1f}s {json.loads(out.getvalue())}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
