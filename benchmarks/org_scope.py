"""Benchmark: scoped list pages and API over a large org tree.

Builds a tree of towns x villages x grids with users in a fresh database (a temporary
SQLite file, or the PostgreSQL database named by BENCH_DATABASE_URL, which is emptied),
then times the org-tree page and the API list for a town user (unit and below) and a
leader (all), and counts their queries.

    .venv/bin/python benchmarks/org_scope.py [--towns 20 --villages 50 --grids 10 --runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--towns", type=int, default=20)
    parser.add_argument("--villages", type=int, default=50)
    parser.add_argument("--grids", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="mingzhu-bench-")
    os.environ["MINGZHU_DATA_DIR"] = tmp
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

    from mingzhu.org.models import OrgUnit, Role, User

    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    from mingzhu.org.roles import sync_roles

    sync_roles()
    started = time.perf_counter()
    with disable_auditlog():
        city = OrgUnit.objects.create(code="B", name="City", kind="city")
        for t in range(args.towns):
            town = OrgUnit.objects.create(code=f"B{t}", name=f"Town {t}", kind="town", parent=city)
            for v in range(args.villages):
                village = OrgUnit.objects.create(
                    code=f"B{t}-{v}", name=f"Village {t}-{v}", kind="village", parent=town
                )
                # Grids in bulk: their path segment is a placeholder, the prefix is real.
                OrgUnit.objects.bulk_create(
                    OrgUnit(
                        code=f"B{t}-{v}-{g}",
                        name=f"Grid {t}-{v}-{g}",
                        kind="grid",
                        parent=village,
                        path=f"{village.path}g{g:07d}/",
                        depth=village.depth + 1,
                    )
                    for g in range(args.grids)
                )
                User.objects.create(username=f"u{t}-{v}", unit=village)
        town0 = OrgUnit.objects.get(code="B0")
        town_user = User.objects.create(username="bench-town", unit=town0, is_demo=True)
        town_user.roles.add(Role.objects.get(code="town_staff"))
        leader = User.objects.create(username="bench-leader", unit=city, is_demo=True)
        leader.roles.add(Role.objects.get(code="leader"))
    built = time.perf_counter() - started
    total = OrgUnit.objects.count()

    print(
        f"database: {connection.vendor}; units: {total}; users: {User.objects.count()}; "
        f"built in {built:.1f}s"
    )
    print(f"{'who':<8} {'endpoint':<34} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for who, user in (("town", town_user), ("leader", leader)):
        client = Client()
        client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
        for url in (
            "/org/units/",
            "/api/v1/org/units/",
            "/org/units/?q=Village%203-",
            "/api/v1/org/users/",
        ):
            client.get(url)  # warm up
            timings = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            p90 = statistics.quantiles(timings, n=10)[-1]
            print(
                f"{who:<8} {url:<34} {statistics.median(timings):>10.1f} {p90:>8.1f} "
                f"{len(ctx.captured_queries):>8}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
