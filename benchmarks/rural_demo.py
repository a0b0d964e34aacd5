"""Benchmark: the rural demo step (natural villages, inspections, ~300 facilities with
faults, secretary projects) on a fresh SQLite file, and its second, idempotent run.

    .venv/bin/python benchmarks/rural_demo.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")

    import django

    firsts, seconds = [], []
    for run in range(args.runs):
        os.environ["MINGZHU_DATA_DIR"] = tempfile.mkdtemp(prefix="mingzhu-bench-")
        if run == 0:
            django.setup()
        from auditlog.context import disable_auditlog
        from django.core.management import call_command
        from django.db import connection

        connection.close()
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = os.path.join(
            os.environ["MINGZHU_DATA_DIR"], "bench.sqlite3"
        )
        call_command("migrate", interactive=False, verbosity=0)
        from mingzhu.demo.loader import load_org
        from mingzhu.org.personas import ensure_personas
        from mingzhu.org.roles import sync_roles
        from mingzhu.rural import demo

        sync_roles()
        with disable_auditlog():
            load_org()
            ensure_personas()
        started = time.perf_counter()
        counts = demo.load()
        firsts.append(time.perf_counter() - started)
        started = time.perf_counter()
        demo.load()
        seconds.append(time.perf_counter() - started)
    print(counts)
    print(f"first load: median {statistics.median(firsts):.2f} s over {args.runs} runs")
    print(f"second load (nothing to do): median {statistics.median(seconds) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
