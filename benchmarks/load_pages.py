"""Benchmark: the processor time and queries of each page of the mixed load, one at a time.

The pages of ``benchmarks/load.py``, asked for by each persona through Django's test client
in this process (no server, no network), on a database the demo was loaded into. Printed
per page: the processor time of this process per request (the median of
``time.process_time`` around each request, which the machine's other work changes much
less than wall time, and the mean), the database's own share not included, and the queries.
``--profile PAGE`` prints cProfile's dearest functions of one page instead. The loaded
heap is settled first as ``mingzhu serve`` settles it (``core.heap``; ``--unsettled``
leaves it as it was before that).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mingzhu_load \\
        .venv/bin/python benchmarks/load_pages.py [--repeat 15] [--persona leader] \\
        [--profile /tasks/ --persona leader]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import COMMON_PAGES, FLOOR_PAGE, OWN_PAGES, PERSONAS  # noqa: E402


def setup(unsettled: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    import django

    django.setup()
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if not unsettled:
        # As `mingzhu serve` does before its workers start (core.heap).
        from mingzhu.core import heap

        heap.settle()


def client_for(username: str):
    from django.test import Client

    from mingzhu.org.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def some_task(client) -> int:
    rows = client.get("/api/v1/tasks/?page_size=20").json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    return rows[len(rows) // 2]["id"]


def measure(client, path: str, repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection

    for _ in range(2):  # warm-up: templates, caches, the connection
        response = client.get(path)
    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(path)
    spent = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(path)
        spent.append(time.process_time() - started)
    # The median: a request that a neighbour's burst slowed does not move it. The mean
    # beside it: what throughput depends on, with the rare dear request (a full garbage
    # collection every few dozen requests) counted in.
    median, mean = statistics.median(spent) * 1000, statistics.mean(spent) * 1000
    return median, mean, len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--persona", action="append", help="only these (default: all)")
    parser.add_argument("--profile", help="one page's profile (with one --persona)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--unsettled",
        action="store_true",
        help="leave the loaded heap to the garbage collector (as before core.heap)",
    )
    args = parser.parse_args()
    setup(args.unsettled)
    personas = args.persona or PERSONAS
    if args.profile:
        client = client_for(personas[0])
        path = args.profile.format(task=some_task(client))
        for _ in range(2):
            client.get(path)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(path)
        profile.disable()
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        return
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'who':<11} {'page':<40} {'CPU ms':>7} {'mean':>7} {'queries':>7} {'status':>6}")
    total = total_mean = count = 0.0
    for username in personas:
        client = client_for(username)
        task = some_task(client)
        for page in [*COMMON_PAGES, *OWN_PAGES.get(username, []), FLOOR_PAGE]:
            ms, mean, queries, status = measure(client, page.format(task=task), args.repeat)
            print(f"{username:<11} {page:<40} {ms:>7.1f} {mean:>7.1f} {queries:>7} {status:>6}")
            if page != FLOOR_PAGE:
                total += ms
                total_mean += mean
                count += 1
    print(
        f"mean over the mix's pages: {total / count:.1f} ms of the medians, "
        f"{total_mean / count:.1f} ms of the means"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
