"""Benchmark: the rural module's pure computations at province scale.

Times the quarterly ranking (villages x inspections, two sheet sizes), the completed
share of natural villages, and facility coverage and on-time repairs, on generated rows
(no database). Each figure is the median of --runs runs.

    .venv/bin/python benchmarks/rural_ranking.py [--villages 5000 --facilities 200000 --runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=5000)
    parser.add_argument("--inspections", type=int, default=3, help="per village and quarter")
    parser.add_argument("--naturals", type=int, default=8, help="natural villages per village")
    parser.add_argument("--facilities", type=int, default=200_000)
    parser.add_argument("--faults", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from mingzhu.rural import services
    from mingzhu.tasks.choices import Status

    rng = random.Random(1)
    towns = max(args.villages // 50, 1)
    villages = [(v, v % towns) for v in range(args.villages)]
    inspections = [
        services.InspectionRow(
            v,
            Decimal(rng.randint(60, 100)) if big else Decimal(rng.randint(70, 120)),
            Decimal(100) if big else Decimal(120),
        )
        for v, _t in villages[: int(args.villages * 0.95)]  # 5 % not inspected
        for big in [rng.random() < 0.5 for _ in range(args.inspections)]
    ]
    naturals = [(v * args.naturals + n, v, t) for v, t in villages for n in range(args.naturals)]
    items = [
        (nv, rng.choice([Status.CLOSED] * 4 + [Status.IN_PROGRESS]))
        for nv, _v, _t in naturals
        for _ in range(5)
    ]
    facility_rows = [
        (rng.randrange(towns), rng.randrange(8), rng.random() < 0.93)
        for _ in range(args.facilities)
    ]
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    repairs = []
    for _ in range(args.faults):
        deadline = start + dt.timedelta(days=rng.randrange(365))
        closed = rng.random() < 0.8
        repairs.append(
            services.RepairRow(
                rng.randrange(towns),
                rng.randrange(8),
                Status.CLOSED if closed else Status.ACCEPTED,
                deadline,
                deadline + dt.timedelta(days=rng.randrange(-3, 3)) if closed else None,
            )
        )

    results = {
        "ranking": _median(lambda: services.rank_villages(villages, inspections), args.runs),
        "completion": _median(
            lambda: services.completion_shares(
                naturals, services.completed_natural_villages(items), Decimal(100)
            ),
            args.runs,
        ),
        "coverage": _median(lambda: services.coverage(facility_rows), args.runs),
        "on_time": _median(
            lambda: services.on_time_repairs(repairs, start, end, dt.date(2025, 12, 31)),
            args.runs,
        ),
    }
    print(
        f"{args.villages} villages in {towns} towns, {len(inspections)} inspections; "
        f"{len(naturals)} natural villages, {len(items)} remediation items; "
        f"{args.facilities} facilities, {args.faults} repairs; median of {args.runs} runs"
    )
    for name, seconds in results.items():
        print(f"{name:>10}: {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
