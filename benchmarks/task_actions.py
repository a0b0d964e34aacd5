"""Benchmark: the queries and processor time of the task engine's common actions.

Plays rounds of one task's life on a copy of the loaded demo (SQLite): create (the
supervision office) → assign → accept (发改委) → report progress → request closure →
verify, and a second task returned for rework, with the audit trail's author set as a
request sets it. Each action runs twice over: as a page or an API call makes it (its
transaction the outermost) and nested in another transaction that lets its errors out (a
module's action, the demo load). For each action it prints the queries (and how many of
them are savepoints), the floor (the SQL statements such an action cannot do without,
listed in ``FLOOR``) and the median processor time.

    .venv/bin/python benchmarks/task_actions.py --db var/test-snapshots/demo-<digest>.sqlite3
    ... --rounds 30      # more rounds (the first one, which warms the caches, is not counted)
    ... --sql assign     # also print each query of one action of the last round
    .venv/bin/python benchmarks/task_actions.py --demo-load
        # the whole demo load on a freshly migrated SQLite file: processor time, queries,
        # savepoints

The database file given is copied; the copy is deleted at the end.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The statements an action needs whatever the code (SQLite): what it reads to decide and
# what it writes, in one transaction, and the cache generations its commit bumps (which
# Django's database cache writes with five statements).
# A step of the loop that tells the task's units: every transition but a progress report.
STEP = [
    "read and lock the task through the actor's scope",
    "update the task",
    "insert the event",
    "the recipients",
    "insert the notifications",
    "the outbound channels",
    "insert the audit entry",
]
FLOOR = {
    "create": [
        "the highest code of the prefix",
        "insert the task",
        "the new task within the actor's scope",
        "insert the creation event",
        "insert the audit entry",
    ],
    "assign": STEP,
    "accept": STEP,
    "report": [
        "read and lock the task through the actor's scope",
        "update the task",
        "insert the event",
        "insert the audit entry",
    ],
    "closure": STEP,
    "verify": STEP,
    "return": STEP,
}
TRANSACTION = [
    "BEGIN",
    "COMMIT",
    "the cache generations: the cull count",
    "the cache generations: BEGIN",
    "the cache generations: read",
    "the cache generations: write",
    "the cache generations: COMMIT",
]
MODES = ("page", "nested")
ORDER = ["create", "assign", "accept", "report", "closure", "verify", "return"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a loaded demo database (SQLite file)")
    parser.add_argument("--demo-load", action="store_true", help="time the demo load instead")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--sql", choices=ORDER, help="print the queries of this action")
    args = parser.parse_args()
    if not args.demo_load and not args.db:
        parser.error("give --db (a loaded demo) or --demo-load")

    tmp = tempfile.mkdtemp(prefix="mingzhu-bench-")
    if args.db and not args.demo_load:
        shutil.copy(args.db, Path(tmp) / "mingzhu.sqlite3")
    os.environ["MINGZHU_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    os.environ["MINGZHU_DEMO"] = "1"
    try:
        demo_load() if args.demo_load else run(args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def demo_load() -> None:
    """The demo load (``demo.loader.load``) on a freshly migrated database, its passwords
    hashed with MD5 as in the tests: processor time, queries and savepoints."""
    import django
    from django.conf import settings

    django.setup()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command
    from django.db import connection

    from mingzhu.demo.loader import load

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    counts = collections.Counter()

    def count(execute, sql, params, many, context):
        counts["queries"] += 1
        counts["savepoints"] += sql.startswith("SAVEPOINT")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.process_time()
        load()
        spent = time.process_time() - started
    print(
        f"demo load: {spent:.1f} s of processor time, {counts['queries']} queries, "
        f"{counts['savepoints']} savepoints"
    )


def run(args) -> None:
    import datetime as dt

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from mingzhu.core.audit import acting_as

    try:
        from mingzhu.core.actions import all_or_nothing
    except ImportError:  # before the actions' transactions took no savepoint when nested
        import contextlib

        all_or_nothing = contextlib.nullcontext
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.tasks import actions

    supervisor = User.objects.get(username="supervisor")
    handler = User.objects.get(username="fgw")
    lead = OrgUnit.objects.get(code="YZ-DEPT-FGW")
    deadline = dt.date.today() + dt.timedelta(days=60)
    queries: dict[str, list[int]] = collections.defaultdict(list)
    savepoints: dict[str, list[int]] = collections.defaultdict(list)
    cpu: dict[str, list[float]] = collections.defaultdict(list)
    last_sql: list[str] = []

    def step(mode, name, counted, func, task, actor, **kwargs):
        """One action as ``mode`` makes it; counted after the first round."""
        with acting_as(actor), CaptureQueriesContext(connection) as seen:
            started = time.process_time()
            if mode == "page":  # the action's transaction is the outermost, as on a page
                result = func(task, actor=actor, **kwargs)
            else:  # inside a module's action or a demo load (one transaction for all)
                with transaction.atomic(), all_or_nothing():
                    result = func(task, actor=actor, **kwargs)
            spent = time.process_time() - started
        sql = [q["sql"] for q in seen.captured_queries]
        if counted:
            queries[mode, name].append(len(sql))
            savepoints[mode, name].append(sum(s.startswith("SAVEPOINT") for s in sql))
            cpu[mode, name].append(spent)
        if name == args.sql and mode == "page":
            last_sql[:] = sql
        return result

    def create(_task, *, actor):
        return actions.create_task(actor=actor, title="基准任务", lead_unit=lead, deadline=deadline)

    for mode in MODES:
        for index in range(args.rounds + 1):
            counted = index > 0  # the first round fills the process caches
            task = step(mode, "create", counted, create, None, supervisor)
            other = actions.create_task(
                actor=supervisor, title="基准任务", lead_unit=lead, deadline=deadline
            )
            step(mode, "assign", counted, actions.assign, task.pk, supervisor)
            actions.assign(other.pk, actor=supervisor)
            step(mode, "accept", counted, actions.accept, task.pk, handler)
            actions.accept(other.pk, actor=handler)
            step(
                mode,
                "report",
                counted,
                actions.report_progress,
                task.pk,
                handler,
                progress=60,
                comment="过半",
            )
            step(
                mode, "closure", counted, actions.request_closure, task.pk, handler, result="已完成"
            )
            actions.request_closure(other.pk, actor=handler, result="已完成")
            step(mode, "verify", counted, actions.verify, task.pk, supervisor)
            step(
                mode,
                "return",
                counted,
                actions.return_for_rework,
                other.pk,
                supervisor,
                comment="材料不全",
            )

    print(f"{args.rounds} rounds on a copy of {args.db} (SQLite)")
    print("page: the action's transaction is the outermost (a page, the API);")
    print(
        "nested: inside another transaction that lets its errors out (a module's action, the demo)"
    )
    header = f"{'action':<8} {'floor':>5}"
    for mode in MODES:
        header += f" | {mode + ' queries':>14} {'savepoints':>10} {'CPU ms':>7}"
    print(header)
    totals = collections.Counter()
    for name in ORDER:
        floor = len(FLOOR[name]) + len(TRANSACTION)
        totals["floor"] += floor
        line = f"{name:<8} {floor:>5}"
        for mode in MODES:
            q = statistics.mean(queries[mode, name])
            s = statistics.mean(savepoints[mode, name])
            ms = statistics.median(cpu[mode, name]) * 1000
            totals[mode, "q"] += q
            totals[mode, "ms"] += ms
            line += f" | {q:>14.1f} {s:>10.1f} {ms:>7.1f}"
        print(line)
    line = f"{'round':<8} {totals['floor']:>5}"
    for mode in MODES:
        line += f" | {totals[mode, 'q']:>14.1f} {'':>10} {totals[mode, 'ms']:>7.1f}"
    print(line)
    if args.sql:
        print(f"\nThe queries of {args.sql} (last round, page):")
        for number, sql in enumerate(last_sql, 1):
            print(f"{number:3d} {sql[:300]}")
        print("\nits floor:", "; ".join(FLOOR[args.sql] + TRANSACTION))


if __name__ == "__main__":
    sys.exit(main())
