"""Benchmark: the per-mu evaluation of 100,000 enterprises from PostgreSQL, results stored,
against the same computed one enterprise at a time through the ORM.

Fills the PostgreSQL database named by BENCH_DATABASE_URL (default: the local database
mz_enterprises_bench, created when missing) with the Yangzhong org tree and N enterprises
with figures for one year (COPY; kept between runs while N matches), then times:

- vectorised: ``actions.run_evaluation`` — one query builds the columns, NumPy scores and
  classes them, the results are written in place (COPY to a temporary table, one upsert
  that skips unchanged rows); the results table's size is printed after each run;
- one at a time: benchmarks by ORM aggregates, then per enterprise a query for its figures,
  Python arithmetic, ``save()`` of its result, a count query for its rank and an update for
  its class — on a sample (default 2,000), extrapolated linearly to N (which flatters the
  ORM: its rank queries count over the sample's results only, not N).

    .venv/bin/python benchmarks/enterprises_evaluation.py [--enterprises 100000 --runs 3
        --sample 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time

from pgsetup import django_on_postgres

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mz_enterprises_bench"
YEAR = 2025
COPY_BATCH = 50_000


def fill(n: int, seed: int = 11) -> float:
    """Enterprises and their figures for YEAR by COPY; returns the seconds it took."""
    from django.db import connection
    from django.utils import timezone

    from mingzhu.enterprises import credit
    from mingzhu.enterprises.models import AnnualData, Enterprise, MuEvaluation, MuResult
    from mingzhu.org.choices import TOWN_KINDS
    from mingzhu.org.models import OrgUnit

    started = time.perf_counter()
    MuResult.objects.all().delete()
    MuEvaluation.objects.all().delete()
    AnnualData.objects.all().delete()
    Enterprise.objects.all().delete()
    rng = random.Random(seed)
    towns = list(OrgUnit.objects.filter(kind__in=TOWN_KINDS).values_list("pk", flat=True))
    now = timezone.now()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for start in range(0, n, COPY_BATCH):
            stop = min(n, start + COPY_BATCH)
            with raw.copy(
                "COPY enterprises_enterprise (created_at, updated_at, credit_code, name, town_id, "
                "industry, scale, land_mu, high_tech_certificate, listing, digital, "
                "is_illustrative) FROM STDIN"
            ) as copy:
                for i in range(start, stop):
                    above = rng.random() < 0.45
                    land = rng.lognormvariate(3.3, 0.8) if above else rng.uniform(0.5, 15)
                    copy.write_row(
                        (
                            now,
                            now,
                            credit.complete(f"91321182BM{i:07d}"),
                            f"基准企业{i}",
                            rng.choice(towns),
                            "C38",
                            "above" if above else "below",
                            round(land, 2),
                            "",
                            "none",
                            "none",
                            True,
                        )
                    )
        ids = dict(Enterprise.objects.values_list("credit_code", "pk"))
        for start in range(0, n, COPY_BATCH):
            stop = min(n, start + COPY_BATCH)
            with raw.copy(
                "COPY enterprises_annualdata (created_at, updated_at, enterprise_id, year, sales, "
                "tax, value_added, energy_tce, electricity, emissions, rd_expense, employees, "
                "exempt_reason, veto_reason, bonus, is_illustrative) FROM STDIN"
            ) as copy:
                for i in range(start, stop):
                    tax = rng.lognormvariate(5, 1.2)
                    sales = tax * rng.uniform(12, 30)
                    missing = rng.random() < 0.04
                    copy.write_row(
                        (
                            now,
                            now,
                            ids[credit.complete(f"91321182BM{i:07d}")],
                            YEAR,
                            round(sales, 2),
                            round(tax, 2),
                            round(sales * 0.2, 2),
                            None if missing else round(sales * 0.02, 2),
                            round(sales * 0.03, 2),
                            None if missing else round(sales * 0.0001, 4),
                            round(sales * 0.03, 2),
                            max(5, int(sales / 150)),
                            "公用事业" if rng.random() < 0.02 else "",
                            "重大事故" if rng.random() < 0.01 else "",
                            None,
                            True,
                        )
                    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def server_cpu(pid: int) -> float | None:
    """CPU seconds used so far by the PostgreSQL backend (when it runs on this machine)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def vectorised(runs: int) -> dict:
    """Wall time, and the CPU time of this process and of its database backend: on a
    machine shared with other work the wall time shows the wait, the CPU the work."""
    from django.db import connection, reset_queries

    from mingzhu.enterprises.actions import run_evaluation
    from mingzhu.enterprises.models import MuResult

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    times, client, server, sizes = [], [], [], []
    for _ in range(runs):
        reset_queries()
        started, cpu, backend = time.perf_counter(), time.process_time(), server_cpu(pid)
        run_evaluation(actor=None, year=YEAR)
        times.append(time.perf_counter() - started)
        client.append(time.process_time() - cpu)
        after = server_cpu(pid)
        server.append(None if backend is None else after - backend)
        queries = len(connection.queries)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [MuResult._meta.db_table])
            sizes.append(round(cursor.fetchone()[0] / 2**20, 1))
    return {
        "seconds": [round(t, 3) for t in times],
        "median": round(statistics.median(times), 3),
        "client_cpu": [round(t, 2) for t in client],
        "server_cpu": [None if t is None else round(t, 2) for t in server],
        "results": MuResult.objects.filter(year=YEAR).count(),
        # The results table (with its indexes) after each run: a re-run of the same
        # year writes no unchanged row again, so it stays the first run's size.
        "table_mb_after_each_run": sizes,
        "queries": queries,
    }


def one_at_a_time(sample: int) -> dict:
    """The same rules, written the ORM way, for ``sample`` enterprises."""
    from decimal import Decimal

    from django.db import transaction
    from django.db.models import F, Q, Sum

    from mingzhu.enterprises import services
    from mingzhu.enterprises.actions import current_scheme
    from mingzhu.enterprises.models import AnnualData, MuEvaluation, MuResult

    scheme_row = current_scheme()
    scheme = scheme_row.as_scheme()
    started = time.perf_counter()
    with transaction.atomic():
        evaluation = MuEvaluation.objects.create(year=1, scheme=scheme_row)
        ranked = AnnualData.objects.filter(year=YEAR, exempt_reason="", veto_reason="")
        benchmarks = {}
        for group, weights in scheme.weights.items():
            pool = ranked.filter(enterprise__scale=group)
            if group == "below":
                pool = pool.filter(enterprise__land_mu__gte=scheme.min_land_below)
            for key in weights:
                num, den = services.INDICATORS[key]
                num = f"enterprise__{num}" if num == "land_mu" else num
                den = f"enterprise__{den}" if den == "land_mu" else den
                agg = pool.filter(
                    Q(**{f"{num}__isnull": False}) & Q(**{f"{den}__gt": 0})
                ).aggregate(n=Sum(num), d=Sum(den))
                ok = agg["d"] and agg["n"]
                benchmarks[(group, key)] = float(agg["n"]) / float(agg["d"]) if ok else None
        pks = list(
            AnnualData.objects.filter(year=YEAR)
            .order_by("pk")
            .values_list("pk", flat=True)[:sample]
        )
        saved = []
        for pk in pks:
            a = AnnualData.objects.select_related("enterprise").get(pk=pk)
            e = a.enterprise
            land = float(e.land_mu or 0)
            in_scope = e.scale == "above" or land >= scheme.min_land_below
            values = {f: getattr(a, f, None) for f in services.FIELDS}
            values["land_mu"] = e.land_mu
            score = None
            indicators = {}
            if in_scope:
                score = 0.0
                for key, weight in scheme.weights[e.scale].items():
                    num, den = services.INDICATORS[key]
                    n, d = values[num], values[den]
                    bench = benchmarks[(e.scale, key)]
                    if n is None or not d or bench is None:
                        ratio = 1.0
                    else:
                        ratio = min(float(n) / float(d) / bench, scheme.cap)
                    indicators[key] = [None if n is None or not d else float(n) / float(d), ratio]
                    score += weight * ratio
                score += float(a.bonus or 0)
            klass = (
                "D" if a.veto_reason and in_scope else "T" if a.exempt_reason and in_scope else ""
            )
            result = MuResult(
                evaluation=evaluation,
                enterprise=e,
                year=1,
                town_id=e.town_id,
                group=e.scale,
                score=None if score is None else Decimal(f"{score:.2f}"),
                mu_class=klass,
                indicators=indicators,
            )
            result.save()
            if in_scope and not klass:
                saved.append(result)
        by_group = {}
        for r in saved:
            by_group[r.group] = by_group.get(r.group, 0) + 1
        for r in saved:
            rank = (
                MuResult.objects.filter(
                    evaluation=evaluation,
                    group=r.group,
                    score__gt=r.score,
                    mu_class__in=["", "A", "B", "C", "D"],
                )
                .exclude(score=None)
                .count()
                + 1
            )
            a, b, d = services.class_bounds(by_group[r.group], scheme.quotas)
            klass = "A" if rank <= a else "B" if rank <= b else "D" if rank > d else "C"
            MuResult.objects.filter(pk=r.pk).update(rank=rank, mu_class=klass, score=F("score"))
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "sample": len(pks),
        "seconds": round(elapsed, 3),
        "per_enterprise_ms": round(1000 * elapsed / len(pks), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=2_000)
    args = parser.parse_args()
    django_on_postgres(DEFAULT_URL, " (its enterprises are replaced)")
    from mingzhu.demo.loader import load_org
    from mingzhu.enterprises.models import AnnualData

    load_org()
    fill_seconds = None
    if AnnualData.objects.filter(year=YEAR).count() != args.enterprises:
        fill_seconds = round(fill(args.enterprises), 1)
    fast = vectorised(args.runs)
    slow = one_at_a_time(min(args.sample, args.enterprises))
    extrapolated = slow["per_enterprise_ms"] * args.enterprises / 1000
    report = {
        "enterprises": args.enterprises,
        "fill_seconds": fill_seconds,
        "vectorised": fast,
        "one_at_a_time": slow | {"extrapolated_seconds": round(extrapolated, 1)},
        "speed_up": round(extrapolated / fast["median"], 1),
        "cpu": os.cpu_count(),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
