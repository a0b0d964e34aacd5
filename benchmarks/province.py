"""Benchmark: one county's cockpit when its deployment holds a province (≈ 100 counties).

Loads the Yangzhong demo (one county: its tree and personas) into the PostgreSQL database
named by BENCH_DATABASE_URL (emptied first), adds N tasks over the county's units (as
benchmarks/cockpit.py) and a county leader (the demo leader's roles with the scope "own
unit and below", at the county's root), then times `/` for that county leader and for the
demo leader (scope: all, i.e. the whole deployment), each beside its floor: one SQL
statement counting the same tasks by status, the least any cockpit has to read.

Then it adds COUNTIES - 1 counties, each a copy of the demo tree's units with a copy of
the county's tasks (lead unit and issuer moved to the copy), and times the same again: the
county leader's figures at 1× and at COUNTIES× the rows, in the same run.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mingzhu_bench_province \\
      .venv/bin/python benchmarks/province.py [--tasks 10000 --counties 100 --runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from pgsetup import django_on_postgres  # noqa: E402

# The floor: the county's (or the deployment's) tasks counted by status, one statement.
FLOOR = """
    SELECT status, count(*) FROM tasks_task
    WHERE lead_unit_id IN (SELECT id FROM org_orgunit WHERE path LIKE %s)
       OR issuer_id IN (SELECT id FROM org_orgunit WHERE path LIKE %s)
    GROUP BY status
"""
# The same count with the county's part taken through the indexes: one branch per unit
# column (an OR across two columns makes PostgreSQL read the whole table).
FLOOR_BY_COUNTY = """
    SELECT status, count(*) FROM (
        SELECT id, status FROM tasks_task
        WHERE lead_unit_id IN (SELECT id FROM org_orgunit WHERE path LIKE %s)
        UNION
        SELECT id, status FROM tasks_task
        WHERE issuer_id IN (SELECT id FROM org_orgunit WHERE path LIKE %s)
    ) t GROUP BY status
"""


def county_leader(root):
    """The demo leader's roles, scoped to the county's root and below."""
    from mingzhu.core.scope import DataScope
    from mingzhu.org.models import Role, User

    leader = User.objects.get(username="leader")
    user = User.objects.create(
        username="county_leader", display_name="县(市)领导", unit=root, is_demo=True
    )
    for role in leader.roles.all():
        scoped = Role.objects.create(
            code=f"{role.code}_county"[:30],
            name=f"{role.name}(本县)"[:50],
            data_scope=DataScope.UNIT_AND_BELOW,
        )
        scoped.permissions.set(role.permissions.all())
        user.roles.add(scoped)
    return user


def add_counties(n: int) -> None:
    """n copies of the demo county's units and tasks, in SQL (unit paths from their ids)."""
    from django.db import connection, transaction

    from mingzhu.org.models import OrgUnit

    root = OrgUnit.objects.filter(parent=None, kind="city").order_by("pk")[0]
    units = list(OrgUnit.objects.filter(path__startswith=root.path).order_by("depth", "pk"))
    columns = [
        f.name
        for f in connection.introspection.get_table_description(connection.cursor(), "tasks_task")
        if f.name != "id"
    ]
    copied = {"code": "t.code || '-' || m.county", "lead_unit_id": "m.new", "issuer_id": "i.new"}
    select = ", ".join(copied.get(c, f"t.{c}") for c in columns)
    for county in range(1, n + 1):
        with transaction.atomic():
            new: dict[int, OrgUnit] = {}
            for unit in units:  # parents first (ordered by depth)
                parent = new.get(unit.parent_id)
                copy = OrgUnit(
                    name=unit.name if parent else f"{unit.name}(副本 {county})",
                    kind=unit.kind,
                    code=f"P{county:03d}-{unit.code}"[:32],
                    parent=parent,
                    is_illustrative=True,
                )
                copy.save()
                new[unit.pk] = copy
            with connection.cursor() as cursor:
                cursor.execute("CREATE TEMP TABLE unit_map (old bigint, new bigint, county int)")
                cursor.executemany(
                    "INSERT INTO unit_map VALUES (%s, %s, %s)",
                    [(old, u.pk, county) for old, u in new.items()],
                )
                cursor.execute(
                    f"INSERT INTO tasks_task ({', '.join(columns)}) SELECT {select} "
                    "FROM tasks_task t JOIN unit_map m ON m.old = t.lead_unit_id "
                    "JOIN unit_map i ON i.old = t.issuer_id"
                )
                cursor.execute("DROP TABLE unit_map")
        assert all(u.path.startswith(new[root.pk].path) for u in new.values())
        if county % 10 == 0:
            print(f"  {county + 1:>4} counties", file=sys.stderr)


def measure(user, runs: int) -> tuple[float, float, int, float, float, int]:
    """The cockpit's median and p90 ms and query count, the two floors' median ms and
    the number of tasks they count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
    assert client.get("/").status_code == 200  # warm up
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get("/")
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        assert b'id="panel-tasks"' in response.content
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    prefix = "%" if user.username == "leader" else f"{user.unit.path}%"
    floors: dict[str, list[float]] = {FLOOR: [], FLOOR_BY_COUNTY: []}
    counts = set()
    with connection.cursor() as cursor:
        for sql, timings_ in floors.items():
            for _ in range(runs + 1):
                t0 = time.perf_counter()
                cursor.execute(sql, [prefix, prefix])
                counts.add(sum(n for _s, n in cursor.fetchall()))
                timings_.append((time.perf_counter() - t0) * 1000)
    assert len(counts) == 1, counts
    p90 = statistics.quantiles(timings, n=10)[-1]
    return (
        statistics.median(timings),
        p90,
        len(ctx.captured_queries),
        statistics.median(floors[FLOOR][1:]),
        statistics.median(floors[FLOOR_BY_COUNTY][1:]),
        counts.pop(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000, help="tasks of one county")
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--reuse", action="store_true", help="measure what a previous run left, adding nothing"
    )
    args = parser.parse_args()
    os.environ["MINGZHU_DEMO"] = "1"
    os.environ["MINGZHU_ALLOWED_HOSTS"] = "testserver"
    django_on_postgres(
        "postgres://postgres@127.0.0.1:5432/mingzhu_bench_province", " (it is emptied)"
    )
    from auditlog.context import disable_auditlog
    from cockpit import fill
    from django.core.management import call_command
    from django.db import connection

    from mingzhu.demo.loader import load
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.tasks.models import Task

    started = time.perf_counter()
    root = (
        OrgUnit.objects.filter(parent=None, kind="city").order_by("pk")[0] if args.reuse else None
    )
    if args.reuse:
        county = User.objects.get(username="county_leader")
    else:
        call_command("flush", interactive=False, verbosity=0)
        load()
        root = OrgUnit.objects.filter(parent=None, kind="city").order_by("pk")[0]
        with disable_auditlog():
            fill(args.tasks, 0)
            county = county_leader(root)
    leader = User.objects.get(username="leader")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"database: {version}; units: {OrgUnit.objects.count():,}")
    print(
        f"{'counties':>8} {'tasks':>10} {'who':<14} {'median ms':>9} {'p90 ms':>7} "
        f"{'queries':>7} {'floor ms':>8} {'by county':>9} {'floor rows':>10}"
    )

    def report(counties: int) -> None:
        total = Task.objects.count()
        for name, user in (("county leader", county), ("leader (all)", leader)):
            median, p90, queries, floor, by_county, counted = measure(user, args.runs)
            print(
                f"{counties:>8} {total:>10,} {name:<14} {median:>9.1f} {p90:>7.1f} "
                f"{queries:>7} {floor:>8.1f} {by_county:>9.1f} {counted:>10,}"
            )
            sys.stdout.flush()

    if args.reuse:
        report(OrgUnit.objects.filter(parent=None, kind="city").count())
        return
    report(1)
    with disable_auditlog():
        add_counties(args.counties - 1)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    report(args.counties)
    print(f"whole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
