"""Benchmark: a mixed load of signed-in users on a running server, beside its floor.

A bounded closed loop: N users (default 16, the demo's personas in turn: the leader, the
supervision office, 三茅街道, 新坝镇, 发改委, the 12345 intake desk …) each sign in through
the real login form (CSRF token and all), then ask for their pages one after another, each
as soon as the last answered, on one kept-alive connection: the cockpit ``/``, the task
ledger with and without filters, a task's page, the inbox, the API lists, the 12345 list
for the intake desk. The run stops after ``--duration`` seconds or ``--requests``
requests, whichever comes first. Printed: requests per second, p50/p95/p99 per page and
overall, the errors (any answer but 200, a redirect to the login included), and beside it
the floor measured in the same run: ``/healthz`` (one ``SELECT 1``) under the same
concurrency. Where the server runs on this machine, the CPU time of its processes (the
gunicorn arbiter and workers, found by the listening socket) and of the database's server
processes (``--database-url``) is read from /proc before and after each phase and printed
per request: that figure depends less on what else the machine is doing.

Against a running server (``mingzhu demo`` on PostgreSQL, or ``mingzhu serve`` with
MINGZHU_DEMO=1 on a database the demo was loaded into):

    .venv/bin/python benchmarks/load.py http://127.0.0.1:8000 \\
        [--users 16 --duration 30 --floor-duration 10] \\
        [--database-url postgres://postgres@127.0.0.1:5432/mingzhu_demo]

Or let it start ``mingzhu demo`` (migrate, load the demo, serve) on a PostgreSQL database:

    .venv/bin/python benchmarks/load.py --start \\
        --database-url postgres://postgres@127.0.0.1:5432/mingzhu_load [--port 8765]

The client is this one process with a thread per user (the standard library's
http.client): its own CPU time is printed too, since it shares the machine's cores with the
server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

PASSWORD = "mingzhu-demo"  # mingzhu.org.personas.DEMO_PASSWORD
# The personas the users take in turn, and the pages each asks for (besides the common ones).
PERSONAS = ["leader", "supervisor", "sanmao", "xinba", "fgw", "rexian", "czj", "tongji"]
COMMON_PAGES = [
    "/",
    "/tasks/",
    "/tasks/?show=all&status=in_progress",
    "/tasks/?light=red",
    "/tasks/{task}/",
    "/api/v1/tasks/",
    "/api/v1/tasks/?status=in_progress",
    "/tasks/inbox/",
    "/api/v1/org/units/",
]
OWN_PAGES = {
    "rexian": ["/livelihood/requests/", "/api/v1/livelihood/requests/"],
    "supervisor": ["/tasks/supervision/", "/tasks/lists/"],
    "leader": ["/tasks/supervision/", "/api/v1/grid/events/"],
    "sanmao": ["/grid/events/", "/api/v1/grid/events/"],
    "xinba": ["/grid/events/", "/api/v1/grid/events/"],
}
FLOOR_PAGE = "/healthz"


class Failed(Exception):
    pass


class Client:
    """One user's kept-alive connection with its cookies."""

    def __init__(self, base: str):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed a kept-alive connection between two requests.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise Failed(f"login page: {status}")
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": PASSWORD,
            }
        )
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise Failed(f"{username} could not sign in ({status}): is MINGZHU_DEMO on?")

    def some_task(self) -> int:
        status, data = self.request("GET", "/api/v1/tasks/?page_size=20")
        if status != 200:
            raise Failed(f"/api/v1/tasks/: {status}")
        rows = json.loads(data)
        rows = rows.get("results", rows) if isinstance(rows, dict) else rows
        if not rows:
            raise Failed("no task in the user's scope")
        return rows[len(rows) // 2]["id"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# -- server CPU from /proc ---------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def listening_pids(port: int) -> list[int]:
    """The processes holding the socket listening on ``port`` (gunicorn's arbiter and its
    workers all hold it)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    pids.append(int(entry.name))
                    break
        except OSError:
            continue
    return pids


def database_pids(database_url: str | None) -> list[int]:
    """The database server's processes serving the benchmark's database (PostgreSQL on
    this machine)."""
    if not database_url:
        return []
    import psycopg

    name = database_url.rsplit("/", 1)[-1]
    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    times = {}
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        times[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    return times


class CpuMeter:
    """CPU seconds spent by the server's (and the database's) processes between start and
    stop; processes that appear in between count from zero."""

    def __init__(self, port: int | None, database_url: str | None):
        self.port, self.database_url = port, database_url

    def pids(self) -> tuple[list[int], list[int]]:
        app = listening_pids(self.port) if self.port else []
        return app, database_pids(self.database_url)

    def start(self) -> None:
        app, db = self.pids()
        self.before = cpu_seconds(app), cpu_seconds(db)
        self.client_before = time.process_time()

    def stop(self) -> tuple[float | None, float | None, float]:
        app, db = self.pids()
        after = cpu_seconds(app), cpu_seconds(db)
        spent = []
        for before, now in zip(self.before, after, strict=True):
            spent.append(sum(t - before.get(pid, 0.0) for pid, t in now.items()) if now else None)
        return spent[0], spent[1], time.process_time() - self.client_before


# -- the run -----------------------------------------------------------------------------


def run_phase(clients, pages_of, duration: float, limit: int | None, meter: CpuMeter):
    """Every client asks for its pages in a closed loop until the time or the request
    budget runs out. Returns (timings by page, errors, requests, seconds, cpu)."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()
    count = [0]
    barrier = threading.Barrier(len(clients) + 1)
    stop_at = [0.0]

    def user(index: int, client: Client, pages: list[tuple[str, str]]):
        barrier.wait()
        i = index  # users start at different pages
        while time.perf_counter() < stop_at[0]:
            with lock:
                if limit is not None and count[0] >= limit:
                    return
                count[0] += 1
            label, path = pages[i % len(pages)]
            i += 1
            started = time.perf_counter()
            try:
                status, _ = client.request("GET", path)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
            took = time.perf_counter() - started
            with lock:
                timings[label].append(took)
                if status != 200:
                    errors[label].append(f"{path}: {status}")

    threads = [
        threading.Thread(target=user, args=(i, c, pages_of[i]), daemon=True)
        for i, c in enumerate(clients)
    ]
    for t in threads:
        t.start()
    meter.start()
    began = time.perf_counter()
    stop_at[0] = began + duration
    barrier.wait()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    return timings, errors, count[0], seconds, meter.stop()


def report(title: str, timings, errors, requests: int, seconds: float, cpu) -> dict:
    everything = [t for ts in timings.values() for t in ts]
    print(f"\n{title}: {requests} requests in {seconds:.1f} s = {requests / seconds:.1f} req/s")
    print(f"  {'page':<40} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    rows = sorted(timings.items()) + [("all", everything)]
    for label, values in rows:
        if not values:
            continue
        errs = sum(len(e) for e in errors.values()) if label == "all" else len(errors[label])
        print(
            f"  {label:<40} {len(values):>6} {percentile(values, 50) * 1000:>8.1f} "
            f"{percentile(values, 95) * 1000:>8.1f} {percentile(values, 99) * 1000:>8.1f} "
            f"{errs:>6}"
        )
    app, db, client = cpu
    parts = []
    if app is not None:
        parts.append(f"server {app * 1000 / requests:.1f}")
    if db is not None:
        parts.append(f"database {db * 1000 / requests:.1f}")
    parts.append(f"client {client * 1000 / requests:.1f}")
    print("  CPU ms per request: " + ", ".join(parts))
    for label, messages in errors.items():
        for message in messages[:3]:
            print(f"  error {label}: {message}")
    return {
        "rps": requests / seconds,
        "p50": percentile(everything, 50) if everything else None,
        "p95": percentile(everything, 95) if everything else None,
        "errors": sum(len(e) for e in errors.values()),
    }


def start_demo(database_url: str, port: int) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        MINGZHU_DATA_DIR=os.environ.get("MINGZHU_DATA_DIR")
        or tempfile.mkdtemp(prefix="mingzhu-load-"),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "mingzhu", "demo", "--port", str(port)],
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 900  # the first start migrates and loads the demo
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"mingzhu demo stopped ({server.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", FLOOR_PAGE)
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(1)
    os.killpg(server.pid, signal.SIGTERM)
    sys.exit("mingzhu demo did not answer within 15 minutes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", help="the server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--start", action="store_true", help="start `mingzhu demo` first")
    parser.add_argument("--port", type=int, default=8765, help="with --start")
    parser.add_argument("--database-url", help="PostgreSQL: with --start, and its CPU time")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of mixed load")
    parser.add_argument("--requests", type=int, default=None, help="or stop after this many")
    parser.add_argument("--floor-duration", type=float, default=10.0, help="seconds of /healthz")
    args = parser.parse_args()
    if args.users < 1 or args.duration <= 0 or args.floor_duration < 0:
        sys.exit("--users must be 1 or more and --duration more than 0")
    server = None
    if args.start:
        if not (args.database_url or "").startswith("postgres"):
            sys.exit("--start needs --database-url naming a PostgreSQL database")
        base = f"http://127.0.0.1:{args.port}"
        server = start_demo(args.database_url, args.port)
    elif args.url:
        base = args.url.rstrip("/")
    else:
        sys.exit("give the server's URL or --start")
    try:
        port = urllib.parse.urlsplit(base).port or 80
        local = urllib.parse.urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1")
        meter = CpuMeter(port if local else None, args.database_url if local else None)
        usernames = [PERSONAS[i % len(PERSONAS)] for i in range(args.users)]
        clients, pages_of = [], []
        for username in usernames:
            client = Client(base)
            client.login(username)
            task = client.some_task()
            pages = [
                (page, page.format(task=task))
                for page in COMMON_PAGES + OWN_PAGES.get(username, [])
            ]
            clients.append(client)
            pages_of.append(pages)
        load = os.getloadavg()
        print(
            f"{base}: {args.users} users ({', '.join(sorted(set(usernames)))}), "
            f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
            f"{os.cpu_count()} cores"
        )
        mixed = report(
            "Mixed load",
            *run_phase(clients, pages_of, args.duration, args.requests, meter),
        )
        floor = None
        if args.floor_duration:
            floor_pages = [[(FLOOR_PAGE, FLOOR_PAGE)]] * len(clients)
            floor = report(
                f"Floor ({FLOOR_PAGE}, same users and connections)",
                *run_phase(clients, floor_pages, args.floor_duration, None, meter),
            )
        load = os.getloadavg()
        print(f"\nload average after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        summary = f"mixed {mixed['rps']:.1f} req/s, p95 {mixed['p95'] * 1000:.0f} ms"
        if floor:
            summary += f"; floor {floor['rps']:.1f} req/s, p95 {floor['p95'] * 1000:.0f} ms"
        print(summary + f"; errors {mixed['errors']}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
