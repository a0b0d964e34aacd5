"""Benchmark: the party and civility demo steps, the coverage computation and the party
overview page.

Loads the Yangzhong demo into a fresh database (a temporary SQLite file, or the
PostgreSQL database named by BENCH_DATABASE_URL, which is emptied), timing each demo
step; then adds N illustrative households (default 100 000, four in five linked) to the
demo villages, times the pure coverage and load functions over them, and times
/party/ (the overview) for the organisation department (scope: all) and 新坝镇, with
its query count.

    .venv/bin/python benchmarks/party_demo.py [--households 100000 --runs 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

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
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils.module_loading import import_string

    from mingzhu.demo import loader
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.org.personas import ensure_personas
    from mingzhu.org.roles import sync_roles
    from mingzhu.party.models import Household, HouseholdLink, PartyMember
    from mingzhu.party.services import Place, coverage, member_load

    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    sync_roles()
    with disable_auditlog():
        loader.load_org()
        ensure_personas()
    timings = {}
    for step in loader.DEMO_STEPS:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                import_string(step)(audit=False)
        except Exception as exc:  # another module's step: report it and go on
            print(f"{step} failed ({type(exc).__name__}: {exc}); left out")
        timings[step] = time.perf_counter() - started
    for step in ("mingzhu.party.demo.load", "mingzhu.civility.demo.load"):
        print(f"{step:<32} {timings[step] * 1000:8.0f} ms")
    started = time.perf_counter()
    for step in ("mingzhu.party.demo.load", "mingzhu.civility.demo.load"):
        import_string(step)(audit=False)
    print(f"{'second load of both (no-op)':<32} {(time.perf_counter() - started) * 1000:8.0f} ms")

    villages = list(OrgUnit.objects.filter(party_households__isnull=False).distinct())
    members = list(PartyMember.objects.all())
    started = time.perf_counter()
    with disable_auditlog(), transaction.atomic():
        batch, links = [], []
        for i in range(args.households):
            batch.append(
                Household(
                    village=villages[i % len(villages)],
                    head_name=f"基准户{i}",
                    address=f"基准地址{i}",
                    is_illustrative=True,
                )
            )
            if len(batch) == 10_000 or i == args.households - 1:
                created = Household.objects.bulk_create(batch)
                links = [
                    HouseholdLink(
                        household=h,
                        member=members[k % len(members)],
                        started_on=dt.date(2025, 1, 1),
                    )
                    for k, h in enumerate(created)
                    if k % 5
                ]
                HouseholdLink.objects.bulk_create(links)
                batch = []
    print(f"added {args.households:,} households in {time.perf_counter() - started:.1f}s")

    places = {
        u.pk: Place(u.pk, u.name, u.parent_id, "")
        for u in OrgUnit.objects.filter(kind__in=("village", "community"))
    }
    rows = [(villages[i % len(villages)].pk, bool(i % 5)) for i in range(args.households * 10)]
    started = time.perf_counter()
    coverage(rows, places)
    print(f"coverage() over {len(rows):,} households: {(time.perf_counter() - started):.2f}s")
    member_rows = [(i, villages[i % len(villages)].pk) for i in range(args.households)]
    link_rows = [i % args.households for i in range(args.households * 3)]
    started = time.perf_counter()
    member_load(member_rows, link_rows, places)
    print(
        f"member_load() over {len(member_rows):,} members, {len(link_rows):,} links: "
        f"{(time.perf_counter() - started):.2f}s"
    )

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{'who':<8} {'endpoint':<10} {'median ms':>9} {'p90 ms':>7} {'queries':>7}")
    for who in ("zzb", "xinba"):
        client = Client()
        client.force_login(
            User.objects.get(username=who), backend="mingzhu.org.backends.RoleBackend"
        )
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/party/")
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"/party/ answered {response.status_code} for {who}")
        times.sort()
        p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
        print(
            f"{who:<8} {'/party/':<10} {statistics.median(times):9.0f} {p90:7.0f} "
            f"{len(queries.captured_queries):7d}"
        )


if __name__ == "__main__":
    main()
