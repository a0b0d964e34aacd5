"""Browser tests: a real `mingzhu demo` server (served as `mingzhu serve` serves: gunicorn
workers on Linux; its own SQLite file) driven by Debian's Chromium through Playwright.
Without Chromium they skip, except under CI."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from artifacts import screenshot

CHROMIUM = os.environ.get("MINGZHU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required under CI but {CHROMIUM} does not exist.")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium).")
    return CHROMIUM


# The server migrates and loads the demo before it listens: on a loaded machine that takes
# minutes, with nothing written to its log until the data is in. Wait while it is alive and
# making progress (its log or its database growing, or the server using the processor);
# give up only when it has died, has made no progress for STALL seconds, or the whole start
# has taken longer than START_CAP.
STALL = 300
START_CAP = 1800


def _cpu_ticks(pid: int) -> int:
    """Processor time the process and its waited-for children have used (Linux); 0
    where /proc cannot tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    # utime, stime, cutime, cstime: fields 14-17 of stat(5), 11-14 after the name.
    return sum(int(f) for f in fields[11:15])


def _progress(proc, watched: list[Path]) -> tuple:
    sizes = tuple(p.stat().st_size if p.exists() else 0 for p in watched)
    return (*sizes, _cpu_ticks(proc.pid))


def _wait_until_ready(proc, url: str, log_path: Path, watched: list[Path] = ()) -> None:
    started = last_progress = time.monotonic()
    seen = None
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        now = time.monotonic()
        current = _progress(proc, [log_path, *watched])
        if current != seen:
            seen, last_progress = current, now
        if proc.poll() is not None or now - last_progress > STALL or now - started > START_CAP:
            proc.kill()
            pytest.fail(
                f"demo server did not start in {now - started:.0f} s:\n" + log_path.read_text()
            )
        time.sleep(0.5)


def _copy_demo(snapshot: Path, database: Path) -> None:
    """The demo database for the server: a copy of the tests' snapshot, its personas
    without a usable password (the snapshot's MD5 hashes are the tests'), so that the
    server's demo load hashes the demo password again with the production hashers."""
    shutil.copyfile(snapshot, database)
    with sqlite3.connect(database) as db:
        db.execute("UPDATE org_user SET password = '!' WHERE password LIKE 'md5$%'")
    db.close()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, demo_snapshot, demo_database_url):
    """`mingzhu demo` on a free port with its own database, a copy of the demo the database
    tests use (tests/conftest.py), which the server's migrate and idempotent load leave as
    it is: a SQLite file copied from the snapshot, or on PostgreSQL a database copied from
    the template; else (no snapshot, no template) an empty SQLite file the server loads."""
    data_dir = tmp_path_factory.mktemp("demo")
    if demo_snapshot is not None:
        _copy_demo(demo_snapshot, data_dir / "mingzhu.sqlite3")
    port = _free_port()
    env = {**os.environ, "MINGZHU_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    if demo_database_url is not None:
        env["DATABASE_URL"] = demo_database_url
    log = (data_dir / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mingzhu", "demo", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    database = data_dir / "mingzhu.sqlite3"
    _wait_until_ready(
        proc,
        url,
        data_dir / "server.log",
        [
            database,
            database.with_name("mingzhu.sqlite3-journal"),
            database.with_name("mingzhu.sqlite3-wal"),
        ],
    )
    yield url
    # Chromium (Playwright's event loop) stops before the session's database is torn down,
    # which Django refuses inside a running event loop: with the browser tests last in a
    # run (`make e2e`), the server is torn down first.
    _stop_chromium()
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


# One Chromium for the browser tests that run one after another (all of them in one worker:
# tests/conftest.py), stopped as soon as the next test is not a browser test: Playwright's
# event loop runs while it is open, and Django refuses database work inside a running event
# loop (SynchronousOnlyOperation), so a database test after it would fail.
_CHROMIUM: dict[str, object] = {}


@pytest.fixture
def browser(chromium_path):
    if "browser" not in _CHROMIUM:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _CHROMIUM["playwright"] = playwright
        _CHROMIUM["browser"] = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS
        )
    return _CHROMIUM["browser"]


def _stop_chromium() -> None:
    _TABS.clear()
    browser = _CHROMIUM.pop("browser", None)
    playwright = _CHROMIUM.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


def _is_browser_test(item) -> bool:
    return item is not None and Path(str(item.fspath)).parent == Path(__file__).parent


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield  # the test's own fixtures (its pages) first
    if not _is_browser_test(nextitem):
        _stop_chromium()
    return result


def pytest_sessionfinish(session):
    _stop_chromium()


# Each persona's session cookie once it has signed in on this run's demo server: a later
# test of the same persona starts from it instead of posting the login form again (the
# server's PBKDF2 hash of the password is half a second of processor time a sign-in). A
# session ended since (the account disabled, signed out) lands on the login page, and the
# persona signs in again.
_SIGNED_IN: dict[tuple[str, str], dict] = {}

# The tabs kept between tests, one per persona, width and motion: a new tab costs Chromium
# about a third of a second of processor time, and its first pages parse the site's styles
# and scripts again; a kept one is handed to the next test of the same persona at the
# cockpit, as a new one would be. A test that changes more than where its page is (a
# route, a listener, a service worker, going offline) asks for a tab of its own
# (``own=True``). Closed with Chromium.
_TABS: dict[tuple, object] = {}


def _sign_in(page, demo_server: str, username: str) -> None:
    page.goto(f"{demo_server}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mingzhu-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{demo_server}/")
    _SIGNED_IN[demo_server, username] = page.context.storage_state()


def _put_away(page) -> None:
    """A kept tab after its test: its other tabs closed, on a blank page (nothing left
    polling the server), unless the test closed it."""
    if page.is_closed():
        return
    for other in page.context.pages:
        if other != page:
            other.close()
    page.goto("about:blank")


@pytest.fixture
def login(browser, demo_server):
    """login(username, width=1280) -> a page at the cockpit, signed in as that demo user
    (in a browser context of that user's own). ``fresh=True`` posts the login form whatever
    an earlier test left; ``own=True`` gives a new context, not a kept tab. The browser asks
    for reduced motion (charts drawn at once, not animated for a second) unless
    ``motion=True``."""
    contexts = []
    lent = []

    def make(
        username: str,
        width: int = 1280,
        *,
        fresh: bool = False,
        motion: bool = False,
        own: bool = False,
    ):
        key = (demo_server, username, width, motion)
        kept = _TABS.get(key)
        if own or key in lent or kept is None or kept.is_closed():
            state = None if fresh else _SIGNED_IN.get((demo_server, username))
            context = browser.new_context(
                viewport={"width": width, "height": 900},
                locale="zh-CN",
                storage_state=state,
                reduced_motion="no-preference" if motion else "reduce",
            )
            page = context.new_page()
            if own or key in lent:
                contexts.append(context)
            else:
                _TABS[key] = page
                lent.append(key)
        else:
            page = kept
            lent.append(key)
            if fresh:
                page.context.clear_cookies()
        if not fresh:
            page.goto(f"{demo_server}/")
            if page.url == f"{demo_server}/":
                return page
        _sign_in(page, demo_server, username)
        return page

    yield make
    for key in lent:
        _put_away(_TABS[key])
    for context in contexts:
        context.close()


@pytest.fixture
def shot():
    """shot(page, name): a full-page screenshot in test-artifacts/ to look at (when
    MINGZHU_SCREENSHOTS is set)."""
    return screenshot


@pytest.fixture
def pick():
    return choose


def choose(page, select: str, typed: str, label: str) -> None:
    """Choose ``label`` in the select ``select`` (a CSS id) as a user would: a searchable
    select (Tom Select, core/widgets.py) is typed into, its matching option clicked and its
    list seen to close; a plain select has the option chosen."""
    control = page.locator(f"{select}-ts-control")
    if control.count():
        control.click()
        page.keyboard.type(typed)
        page.locator(f"{select}-ts-dropdown .option", has_text=label).first.click()
        page.locator(f"{select}-ts-dropdown").wait_for(state="hidden")
    else:
        page.select_option(select, label=label)
