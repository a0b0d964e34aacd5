"""Benchmark: the cockpit and the targets pages over a province-sized set of observations.

Loads the Yangzhong demo (tree, personas, the four seed targets and their figures) into a
fresh database (a temporary SQLite file, or the PostgreSQL database named by
BENCH_DATABASE_URL, which is emptied), adds N peer counties (OrgUnit kind "peer"), indicators
up to M in all (the demo's seven included) and Y years of annual observations for every
county × indicator and for the city (bulk inserts, the demo's own figures kept), plus city
targets on T indicators (the four seed targets included), then times, for the leader, `/`
(the cockpit), `/targets/` (every target with its progress) and `/targets/peers/` (the city
and every peer ranked on one indicator), 20 runs after a warm-up, and counts their queries.
With --check, the same pages are first counted over a small data set: the counts must match.

    .venv/bin/python benchmarks/targets_cockpit.py [--counties 100 --indicators 200 --years 10]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mingzhu_bench_targets \\
      .venv/bin/python benchmarks/targets_cockpit.py
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
from decimal import Decimal

BATCH = 10_000
LAST_YEAR = 2025  # the last year with figures; targets fall due at the end of 2025 and 2030


def fill(n_counties: int, n_indicators: int, years: int, n_targets: int, seed: int = 7) -> int:
    """bulk_create the counties, indicators, observations and targets; returns the number of
    observations added."""
    from django.db import transaction

    from mingzhu.org.models import OrgUnit
    from mingzhu.targets.models import Indicator, Observation, Target

    rng = random.Random(seed)
    first_order = OrgUnit.objects.filter(parent=None).count() + 1
    OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"BENCH-PEER-{i:03d}",
            name=f"基准县{i:03d}",
            short_name=f"基准{i:03d}",
            kind="peer",
            sort_order=first_order + i,
            is_illustrative=True,
        )
        for i in range(n_counties)
    )
    units = [OrgUnit.objects.get(code="321182000000")]
    units += list(OrgUnit.objects.filter(code__startswith="BENCH-PEER-").order_by("code"))
    existing = Indicator.objects.count()
    Indicator.objects.bulk_create(
        Indicator(
            code=f"B{i:03d}",
            name=f"基准指标{i:03d}",
            unit=rng.choice(["亿元", "万元", "%", "家", "个"]),
            dimension=rng.choice(["total", "per_capita", "quality"]),
            direction="lower" if i % 10 == 9 else "higher",
            sort_order=100 + i,
        )
        for i in range(max(0, n_indicators - existing))
    )
    indicators = list(Indicator.objects.order_by("sort_order", "code"))
    periods = [str(y) for y in range(LAST_YEAR - years + 1, LAST_YEAR + 1)]
    added = 0
    batch: list[Observation] = []

    def flush() -> None:
        nonlocal added, batch
        with transaction.atomic():
            # The demo's own figures (city and its four peers, 2021–2023) stay as they are.
            Observation.objects.bulk_create(batch, ignore_conflicts=True)
        added += len(batch)
        batch = []
        print(f"  {added:>9,} observations", file=sys.stderr)

    for indicator in indicators:
        for unit in units:
            value = Decimal(rng.randrange(100, 10_000))
            for period in periods:
                year = int(period)
                value = (value * Decimal(rng.uniform(0.95, 1.12))).quantize(Decimal("0.01"))
                batch.append(
                    Observation(
                        indicator=indicator,
                        unit=unit,
                        period=period,
                        period_start=dt.date(year, 1, 1),
                        period_end=dt.date(year, 12, 31),
                        value=value,
                        measure_unit=indicator.unit,
                        is_illustrative=True,
                    )
                )
                if len(batch) >= BATCH:
                    flush()
    if batch:
        flush()
    city = units[0]
    taken = set(Target.objects.filter(unit=city).values_list("indicator_id", flat=True))
    more = [i for i in indicators if i.pk not in taken and i.code.startswith("B")]
    Target.objects.bulk_create(
        Target(
            indicator=indicator,
            unit=city,
            comparator="<=" if indicator.direction == "lower" else ">=",
            value=Decimal(rng.randrange(1_000, 20_000)),
            deadline=dt.date(2025 if n % 2 else 2030, 12, 31),
            is_illustrative=True,
        )
        for n, indicator in enumerate(more[: max(0, n_targets - len(taken))])
    )
    return added


def measure(client, url: str, runs: int, connection):
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    p90 = statistics.quantiles(timings, n=10)[-1] if runs > 1 else timings[0]
    return statistics.median(timings), p90, len(ctx.captured_queries), response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=20)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--check", action="store_true", help="count over a small set first")
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
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from mingzhu.demo.loader import load
    from mingzhu.org.models import OrgUnit, User
    from mingzhu.targets.models import Indicator, Observation, Target

    def urls() -> list[str]:
        gdp = Indicator.objects.get(code="GDP").pk
        return ["/", "/targets/", f"/targets/peers/?indicator={gdp}"]

    def fresh(counties: int, indicators: int, years: int, targets: int) -> float:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        load()
        started = time.perf_counter()
        with disable_auditlog():
            fill(counties, indicators, years, targets)
        filled = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        return filled

    def leader() -> Client:
        client = Client()
        client.force_login(
            User.objects.get(username="leader"), backend="mingzhu.org.backends.RoleBackend"
        )
        return client

    small = {}
    if args.check:
        fresh(3, 12, 3, 6)
        client = leader()
        small = {url: measure(client, url, 1, connection)[2] for url in urls()}
    filled = fresh(args.counties, args.indicators, args.years, args.targets)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0].split(" on ")[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
    print(
        f"database: {version}; peers: {OrgUnit.objects.filter(kind='peer').count():,}; "
        f"indicators: {Indicator.objects.count():,}; observations: "
        f"{Observation.objects.count():,}; targets: {Target.objects.count():,}; "
        f"filled in {filled:.0f}s; as of {timezone.localdate()}"
    )
    print(f"{'who':<8} {'endpoint':<28} {'median ms':>9} {'p90 ms':>7} {'queries':>7}")
    client = leader()
    for url in urls():
        median, p90, queries, response = measure(client, url, args.runs, connection)
        if url == "/":
            assert b'id="panel-targets"' in response.content
        note = ""
        if small:
            note = "" if small[url] == queries else f"  (small set: {small[url]} queries)"
        print(f"{'leader':<8} {url:<28} {median:>9.1f} {p90:>7.1f} {queries:>7}{note}")
        sys.stdout.flush()
    grown = [url for url in small if small[url] != measure(client, url, 1, connection)[2]]
    if grown:
        sys.exit(f"query counts grow with the data: {', '.join(grown)}")


if __name__ == "__main__":
    main()
