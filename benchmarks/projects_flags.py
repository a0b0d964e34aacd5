"""Benchmark: the projects and appraisal demo steps, the flag scoring (pure function and
from the database) and the project ledger page, on a fresh SQLite file.

Loads the org tree and personas, then times the projects + appraisal demo steps (first
load and the idempotent second one); times `scoring.score` on the 8 towns and on
--units synthetic units (vectorised); adds --projects illustrative projects spread over
the towns and times a quarter's `town_inputs` + scoring and the ledger page `/projects/`
for the leader (first page and the Excel export of everything), with query counts.

    .venv/bin/python benchmarks/projects_flags.py [--projects 20000 --units 10000 --runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from decimal import Decimal


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    os.environ["MINGZHU_ALLOWED_HOSTS"] = "testserver"
    os.environ["MINGZHU_DEMO"] = "1"  # the personas may sign in
    os.environ["MINGZHU_DATA_DIR"] = tempfile.mkdtemp(prefix="mingzhu-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django.utils.module_loading import import_string

    from mingzhu.appraisal import demo as appraisal_demo
    from mingzhu.appraisal import inputs, scoring
    from mingzhu.appraisal.actions import current_scheme
    from mingzhu.demo.loader import DEMO_STEPS, load_org
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.org.personas import ensure_personas
    from mingzhu.org.roles import sync_roles
    from mingzhu.projects import demo as projects_demo
    from mingzhu.projects.models import Project

    call_command("migrate", interactive=False, verbosity=0)
    sync_roles()
    with disable_auditlog():
        load_org()
        ensure_personas()
    for step in DEMO_STEPS[: DEMO_STEPS.index("mingzhu.projects.demo.load")]:
        import_string(step)(audit=False)

    started = time.perf_counter()
    created = projects_demo.load()
    projects_first = time.perf_counter() - started
    started = time.perf_counter()
    results = appraisal_demo.load()
    appraisal_first = time.perf_counter() - started
    started = time.perf_counter()
    projects_demo.load()
    appraisal_demo.load()
    second = time.perf_counter() - started
    print(
        f"demo: {created} projects in {projects_first:.2f} s, {results} results in "
        f"{appraisal_first:.2f} s; second load (nothing to do) {second * 1000:.0f} ms"
    )

    spec = current_scheme("towns_projects").spec()
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    towns = inputs.town_inputs(year, quarter)
    t, _rows = timed(lambda: scoring.score(towns, spec), args.runs * 100)
    print(f"score {len(towns)} towns: median {t * 1e6:.0f} µs")
    rng = random.Random(1)
    many = [
        scoring.UnitInput(
            f"U{n:06d}",
            f"unit {n}",
            {i.code: rng.random() * 100 for i in spec.items},
            {"signed_30yi_count": rng.randrange(2), "signed_50yi_count": rng.randrange(2)},
        )
        for n in range(args.units)
    ]
    t, _rows = timed(lambda: scoring.score(many, spec), args.runs)
    print(f"score {args.units} units: median {t * 1000:.0f} ms")

    town_ids = list(
        OrgUnit.objects.filter(code__in=projects_demo.TOWNS).values_list("pk", flat=True)
    )
    start = dt.date(year - 1, 1, 1)
    batch = []
    for n in range(args.projects):
        day = start + dt.timedelta(days=rng.randrange(700))
        batch.append(
            Project(
                name=f"基准项目{n:06d}",
                investor="基准投资方",
                chain="other",
                total_investment=Decimal(rng.randrange(1_000, 600_000)),
                town_id=town_ids[n % len(town_ids)],
                stage="signed",
                negotiating_on=day - dt.timedelta(days=30),
                signed_on=day,
                is_illustrative=True,
            )
        )
    Project.objects.bulk_create(batch, batch_size=5_000)
    total = Project.objects.count()

    def db_score():
        return scoring.score(inputs.town_inputs(year, quarter), spec)

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        db_score()
    t, _rows = timed(db_score, args.runs)
    print(
        f"town_inputs + score over {total} projects: median {t * 1000:.0f} ms, "
        f"{len(queries)} queries"
    )

    from django.core.signals import request_finished
    from django.db import close_old_connections

    # Keep the connection (and its query log) across requests, as the test client does.
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(
        User.objects.get(username="leader"), backend="mingzhu.org.backends.RoleBackend"
    )
    client.get("/projects/")
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get("/projects/")
    assert response.status_code == 200, response.status_code
    t, _r = timed(lambda: client.get("/projects/"), args.runs)
    print(
        f"/projects/ (leader, {total} projects): median {t * 1000:.0f} ms, {len(queries)} queries"
    )
    t, _r = timed(lambda: client.get("/projects/?export=xlsx"), 1)
    print(f"/projects/?export=xlsx ({total} rows): {t:.1f} s")


if __name__ == "__main__":
    main()
