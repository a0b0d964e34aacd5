"""Shared fixtures: the Yangzhong org tree and the personas of STYLE.md, loaded once per
test database (with the whole demo, or alone: the database levels below), and a logged-in
client for any of them."""

from __future__ import annotations

import fcntl
import functools
import gc
import hashlib
import os
import re
import sqlite3
import time
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import Client, override_settings
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from mingzhu.core import heap
from mingzhu.demo.kit import unaudited
from mingzhu.demo.loader import load, load_org
from mingzhu.org.models import OrgUnit, User, UserSession
from mingzhu.org.personas import ensure_personas
from mingzhu.org.roles import sync_roles
from mingzhu.org.sessions import REFRESH_SECONDS
from mingzhu.system import cache as system_cache

# A test database holds one of two levels of data:
# - "tree": the roles, the org tree, the personas and the reference data every app makes
#   when it migrates (categories, dictionaries, schemes): what `migrate` and `load_tree`
#   give (the load itself under a second on top of `migrate`). Tests marked
#   ``pytest.mark.tree`` need no more; they make the few rows of their own they need
#   (tests/factories.py and the apps' conftests).
# - "demo": the whole Yangzhong demo (`mingzhu.demo.loader.load`: the tree, then every
#   app's demo steps), which takes a minute or more of processor time to load.
# A run whose collected database tests are all marked tree builds only the tree level;
# one unmarked database test (or a browser test, whose server copies the demo) and the
# whole run uses the demo level, so a full run puts every test on the demo.
# MINGZHU_TEST_LEVEL=tree or =demo forces a level (to see whether a module passes on the
# tree before marking it, or a tree-marked module on the demo alone).
#
# Each level is loaded once per run. On SQLite the loaded database is kept as a file,
# named by the level and a digest of the code and data that build it and of today's date,
# and copied into each test database: the first worker to need it loads it, the others
# wait and copy. On PostgreSQL it is kept as a template database named after the
# settings' database, the level and the same digest (``_Template``), which each worker's
# test database is created from.
TREE = "tree"
DEMO = "demo"
SNAPSHOTS = Path(__file__).resolve().parents[1] / "var" / "test-snapshots"
_SOURCE = Path(__file__).resolve().parents[1] / "src" / "mingzhu"
# What cannot change the loaded data: pages, their templates, the API layer and commands.
_NOT_DATA = {"static", "templates", "locale", "__pycache__", "templatetags", "management"}
_NOT_DATA_FILES = {
    "views.py",
    "urls.py",
    "api.py",
    "filters.py",
    "tables.py",
    "menu.py",
    "admin.py",
}


# Tests hash passwords with MD5 (Django's advice for tests): a login form posted with a
# wrong password, and the personas' one hash when a snapshot is built, then cost
# microseconds, not a second of key stretching each. The stronger hashers stay listed, so
# a hash made with them is still checked.
TEST_PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


def _snapshot_digest() -> str:
    digest = hashlib.sha256(timezone.localdate().isoformat().encode())
    digest.update(TEST_PASSWORD_HASHERS[0].encode())
    for path in sorted(_SOURCE.rglob("*")):
        parts = path.relative_to(_SOURCE).parts
        if (
            path.is_file()
            and path.name not in _NOT_DATA_FILES
            and not _NOT_DATA.intersection(parts)
        ):
            digest.update(str(path.relative_to(_SOURCE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _snapshot_name(level: str) -> str:
    return f"{level}-{_snapshot_digest()}.sqlite3"


@transaction.atomic
def load_tree() -> None:
    """The tree level: the demo load's first part (roles, org tree, personas), none of the
    apps' demo steps; the reference data is what the apps' migrations made."""
    sync_roles()
    with unaudited():
        load_org()
        ensure_personas()


LOADERS = {TREE: load_tree, DEMO: load}


# Property tests assert what holds, never how fast: no deadline per example (on a machine
# shared with other work an example may take seconds), nor a health check on slow data.
hypothesis_settings.register_profile(
    "mingzhu", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("mingzhu")

# The tests that take longest, first (longest processing time first): with several
# workers (`make test`) they start at once and run beside the many short tests instead of
# leaving one worker busy alone at the end.
LONGEST_FIRST = (
    "tests/ops/test_bundle.py",
    "tests/ops/test_proxy.py::test_mingzhu_serve_behind_nginx",
    "tests/ops/test_zh_pages.py",
    "tests/ops/test_malformed_input.py::test_no_form_of_any_page_answers_a_server_error",
    "tests/core/test_page_query_counts.py",
    "tests/ops/test_deploy.py",
    "tests/tasks/test_gongwen.py::test_both_print_as_a4_pages_in_libreoffice",
    "tests/core/test_gongwen.py::test_every_notice_is_an_a4_gongwen_in_libreoffice",
    "tests/core/test_excel_print.py::test_the_export_prints_on_a4_landscape_in_libreoffice",
)
# The browser tests share one demo server and one Chromium per worker (tests/e2e/conftest.py).
BROWSER_TESTS = "tests/e2e/"


def _rank(item) -> int:
    for i, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return i
    return len(LONGEST_FIRST)


def pytest_collection_modifyitems(config, items):
    items.sort(key=_rank)  # stable: the others keep their order


def pytest_collection_finish(session):
    """Each worker's heap settled once its tests are collected, as the server's is before it
    serves (core.heap: what is loaded frozen out of the collector's walks), and young
    collections every 20,000 allocations instead of 700: a test makes many short-lived
    objects (requests, querysets, forms), and collecting them every few hundred was a
    tenth of a worker's processor time."""
    heap.settle()
    _young, _middle, full = gc.get_threshold()
    gc.set_threshold(20_000, 50, full)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With several workers (`pytest -n`, the default ``--dist load``), the browser tests go
    to one worker as one unit, handed out first as the largest: one demo server and one
    Chromium start, not one in every worker. Every other test is a unit of its own, handed
    out in collection order (the longest first, above) to whichever worker is free."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return BROWSER_TESTS if nodeid.startswith(BROWSER_TESTS) else nodeid

    return BrowserTestsTogether(config, log)


def _copy(source, target) -> None:
    source.backup(target)


def _snapshot_lock():
    """The snapshots' lock, held (an open file) by the worker building a level; the others
    wait on it."""
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    lock = open(SNAPSHOTS / ".lock", "w")  # noqa: SIM115 (closed by the caller)
    fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


# The lock a worker took before its test database was migrated, to build the level's
# snapshot (``django_db_use_migrations``), until ``load_level`` has written it.
_BUILDING: dict[str, object] = {}


def _migrated_name() -> str:
    return f"migrated-{_snapshot_digest()}.sqlite3"


def _save_copy(path: Path) -> None:
    """The test database as it is now, written to ``path`` whole or not at all."""
    partial = path.with_suffix(".partial")
    with sqlite3.connect(partial) as saved:
        _copy(connection.connection, saved)
    saved.close()
    for old in SNAPSHOTS.glob(re.sub(r"-[0-9a-f]{20}\.", "-*.", path.name)):
        old.unlink()
    partial.replace(path)


@pytest.fixture(scope="session")
def migrated_database() -> Path | None:
    """A SQLite database just as `migrate` leaves it (every migration of this code, with
    the data migrations' rows), copied by the worker that built this run's snapshot before
    it loaded any level: for a test that needs a freshly migrated production database
    without migrating one again (tests/ops/test_proxy.py). While another worker is still
    building, wait for it up to two minutes; None when no worker builds (no database
    test in the run, PostgreSQL, or the snapshot was made on another day)."""
    path = SNAPSHOTS / _migrated_name()
    deadline = time.monotonic() + 120
    while not path.exists():
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        with open(SNAPSHOTS / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pass  # a worker is building: the copy comes once its migrations ran
            else:
                return None  # nobody builds: nothing will come
        if time.monotonic() > deadline:
            return None
        time.sleep(0.5)
    return path


_LEVEL = pytest.StashKey[str]()


def _needs_demo(item) -> bool:
    """A collected test that needs the whole demo: a database test not marked tree, or a
    browser test (its demo server copies the tests' demo)."""
    if item.get_closest_marker("tree") is not None:
        return False
    return (
        _uses_database(item)
        or item.get_closest_marker("e2e") is not None
        or item.nodeid.startswith(BROWSER_TESTS)
    )


def level_of(session) -> str:
    """The level of this run's test databases: "tree" when every collected test that
    uses the database is marked tree, else "demo" (or what MINGZHU_TEST_LEVEL forces)."""
    stash = session.config.stash
    if _LEVEL not in stash:
        forced = os.environ.get("MINGZHU_TEST_LEVEL", "")
        if forced in (TREE, DEMO):
            stash[_LEVEL] = forced
        else:
            stash[_LEVEL] = DEMO if any(map(_needs_demo, session.items)) else TREE
    return stash[_LEVEL]


def load_level(level: str) -> None:
    """The level's data in the test database: loaded, or copied from its snapshot
    (SQLite) or its template (PostgreSQL)."""
    if _uses_template():
        _TEMPLATES[level].clone()
        return
    if connection.vendor != "sqlite" or os.environ.get("MINGZHU_TEST_NO_SNAPSHOT"):
        LOADERS[level]()
        return
    connection.ensure_connection()
    snapshot = SNAPSHOTS / _snapshot_name(level)
    building = _BUILDING.pop(level, None)
    with building or _snapshot_lock():
        if not snapshot.exists():
            if building is not None:  # the test database was just migrated
                _save_copy(SNAPSHOTS / _migrated_name())
            LOADERS[level]()
            _save_copy(snapshot)
            return
    with sqlite3.connect(snapshot) as saved:
        _copy(saved, connection.connection)
    saved.close()


def _sqlite_snapshots() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not (
        os.environ.get("MINGZHU_TEST_NO_SNAPSHOT")
    )


def _snapshot_ready(level: str) -> bool:
    return _sqlite_snapshots() and (SNAPSHOTS / _snapshot_name(level)).exists()


# The personas of a copy of the loaded demo for a server with the production settings.
NO_TEST_PASSWORDS = "UPDATE org_user SET password = '!' WHERE password LIKE 'md5$%'"


@pytest.fixture(scope="session")
def demo_snapshot(request) -> Path | None:
    """The loaded demo as a SQLite file, for a process of its own (the browser tests' demo
    server) to copy instead of loading the demo again: the snapshot this worker's test
    database was copied from (built first if need be). None where the tests keep no
    snapshot (PostgreSQL, MINGZHU_TEST_NO_SNAPSHOT) or this run's databases hold only the
    tree (MINGZHU_TEST_LEVEL=tree). Its personas' passwords are hashed
    with the tests' MD5 hasher, which a server with the production settings does not
    read: give the copy's personas no usable password and the demo load sets them again
    (org.personas.ensure_personas)."""
    if (
        not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
        or os.environ.get("MINGZHU_TEST_NO_SNAPSHOT")
        or level_of(request.session) != DEMO
    ):
        return None
    request.getfixturevalue("django_db_setup")  # builds the snapshot on a test database
    snapshot = SNAPSHOTS / _snapshot_name(DEMO)
    return snapshot if snapshot.exists() else None


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=TEST_PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _nothing_kept_from_an_earlier_test():
    """Each test starts with nothing its process keeps from an earlier one (a user's access,
    core.scope; a scope's filter choices, core.filters; a list's count and rows, core.results; the
    cockpit's panels, cockpit.panels): what a test counts does not depend on which tests
    its worker ran before it."""
    from mingzhu.cockpit import panels
    from mingzhu.core import filters, results, scope

    scope._ACCESS.clear()
    filters._KEPT.clear()
    results._KEPT.clear()
    results._ROWS.clear()
    panels._KEPT.clear()


@pytest.fixture(scope="session")
def django_db_use_migrations(request):
    """With a snapshot to copy, the tables are built straight from the models (faster than
    running every migration) and then replaced, schema and rows, by the snapshot's."""
    level = level_of(request.session)
    if _sqlite_snapshots() and not _snapshot_ready(level):
        # One worker migrates and builds the snapshot; the others wait for it here and
        # then copy it, instead of running every migration only to replace the result.
        lock = _snapshot_lock()
        if _snapshot_ready(level):
            lock.close()
        else:
            _BUILDING[level] = lock  # released once load_level has written it
    if _snapshot_ready(level):
        return False
    return not request.config.getvalue("nomigrations")


# The database the settings name before any test database replaces it.
_REAL_DATABASE = settings.DATABASES["default"]["NAME"]


def _on_test_database() -> bool:
    """pytest-django made a test database for this session: it does so only when a
    collected test uses the database (an e2e-only run has none, and a fixture asking for
    the set-up then gets the real database, which must be left alone)."""
    return connection.settings_dict["NAME"] != _REAL_DATABASE


def _uses_template() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and not (
        os.environ.get("MINGZHU_TEST_NO_SNAPSHOT")
    )


class _Template:
    """A level loaded on PostgreSQL: a database ``<settings' name>_<level>_<digest>`` (the
    SQLite snapshot's digest), built once by the first worker, then copied by the server
    (``CREATE DATABASE … TEMPLATE``, a copy of its files) into each worker's test
    database instead of every worker loading the level. Built, cloned and replaced under
    an advisory lock named after the settings' database and the level, so that concurrent
    runs against the same server wait for each other; the level's templates of other days
    and code are dropped when a new one is built."""

    def __init__(self, level: str) -> None:
        self.prefix = f"{_REAL_DATABASE[:36]}_{level}_"
        self.lock = None  # the connection holding the lock while this worker builds

    @property
    def name(self) -> str:
        return self.prefix + _snapshot_digest()

    def _is_other_version(self, name: str) -> bool:
        return name != self.name and bool(
            re.fullmatch(re.escape(self.prefix) + "[0-9a-f]{20}", name)
        )

    def _server(self, dbname: str = "postgres"):
        import psycopg

        real = settings.DATABASES["default"]
        params = {
            "dbname": dbname,
            "user": real.get("USER"),
            "password": real.get("PASSWORD"),
            "host": real.get("HOST"),
            "port": real.get("PORT"),
        }
        return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)

    def _locked(self):
        server = self._server()
        server.execute("SELECT pg_advisory_lock(hashtext(%s))", [self.prefix])
        return server

    @staticmethod
    def _exists(server, name: str) -> bool:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None

    @staticmethod
    def _drop(server, name: str) -> None:
        from psycopg import sql

        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def _copy(self, server, source: str, target: str) -> None:
        from psycopg import sql

        connections.close_all()
        self._drop(server, target)
        server.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target), sql.Identifier(source)
            )
        )

    def start(self, test_name: str) -> bool:
        """Before the test database is set up: True when it was created from the template
        (Django then keeps it, and only checks its migrations); False when there is no
        template yet, and this worker holds the lock until it has built one (``finish``)."""
        server = self._locked()
        if self._exists(server, self.name):
            try:
                self._copy(server, self.name, test_name)
            finally:
                server.close()
            return True
        self.lock = server
        return False

    def finish(self, test_name: str) -> None:
        """The demo just loaded into this worker's test database becomes the template."""
        server, self.lock = self.lock, None
        try:
            self._copy(server, test_name, self.name)
            rows = server.execute("SELECT datname FROM pg_database").fetchall()
            for (old,) in rows:
                if self._is_other_version(old):
                    self._drop(server, old)
        finally:
            server.close()

    def clone(self) -> None:
        """The test database replaced by a fresh copy of the template."""
        server = self._locked()
        try:
            self._copy(server, self.name, connection.settings_dict["NAME"])
        finally:
            server.close()

    def copy_for_server(self, target: str) -> None:
        """A copy of the template for a process of its own (the browser tests' demo
        server), its personas without a usable password (see ``demo_snapshot``)."""
        server = self._locked()
        try:
            self._copy(server, self.name, target)
        finally:
            server.close()
        with self._server(target) as copy:
            copy.execute(NO_TEST_PASSWORDS)

    def drop(self, test_name: str) -> None:
        connections.close_all()
        with self._server() as server:
            self._drop(server, test_name)


_TEMPLATES = {level: _Template(level) for level in LOADERS}


@pytest.fixture(scope="session")
def demo_database_url(request):
    """The PostgreSQL counterpart of ``demo_snapshot``: the URL of a database copied from
    the demo template for the browser tests' demo server, which then finds the demo
    loaded instead of loading it again; dropped at the end of the session. None where
    the tests keep no template (SQLite, MINGZHU_TEST_NO_SNAPSHOT, no test database, a
    run on the tree level)."""
    if not _uses_template() or level_of(request.session) != DEMO:
        yield None
        return
    request.getfixturevalue("django_db_setup")  # builds the template if need be
    if not _on_test_database():
        yield None
        return
    from urllib.parse import quote

    name = f"{connection.settings_dict['NAME'][:56]}_server"
    _TEMPLATES[DEMO].copy_for_server(name)
    real = settings.DATABASES["default"]
    user = quote(real.get("USER") or "", safe="")
    if real.get("PASSWORD"):
        user += ":" + quote(real["PASSWORD"], safe="")
    host = f"{real.get('HOST') or '127.0.0.1'}:{real.get('PORT') or 5432}"
    yield f"postgres://{user}@{host}/{name}"
    _TEMPLATES[DEMO].drop(name)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """On PostgreSQL the test database is created from the level's template when there is
    one, and kept by the set-up (which then only checks its migrations); it is dropped at
    the end of the session unless ``--reuse-db``."""
    from pytest_django.fixtures import _get_databases_for_setup

    reuse = request.config.getvalue("reuse_db")
    aliases, _serialized = _get_databases_for_setup(request.session.items)
    if not _uses_template() or "default" not in aliases:
        yield reuse
        return
    test_name = connection.creation._get_test_db_name()
    template = _TEMPLATES[level_of(request.session)]
    cloned = template.start(test_name)
    yield reuse or cloned
    if cloned and not reuse:
        template.drop(test_name)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    if not _on_test_database():
        return
    level = level_of(request.session)
    with django_db_blocker.unblock():
        if _uses_template():
            template = _TEMPLATES[level]
            if template.lock is not None:
                try:
                    LOADERS[level]()
                except BaseException:
                    template.lock.close()  # the other workers build it themselves
                    template.lock = None
                    raise
                template.finish(connection.settings_dict["NAME"])
        else:
            load_level(level)
        # The system parameters and dictionaries are read once here and kept
        # (PARAMETER_CACHE_SECONDS is None in tests): no test counts the queries.
        for cache in system_cache.CACHES:
            cache.clear()  # not the empty tables a test without the database read
        system_cache.warm()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (``django_db(transaction=True)``, real commits, e.g. two
    connections racing) empties every table when its fixtures are torn down, the
    personas and org tree that tests/conftest.py loaded once per session included.
    Load the run's level again once that is done, so that the tests after it in the same worker
    find them (a flush empties every table at once, in one transaction)."""
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the worker's last test (no next one) the session's test database has been torn
    # down already (and the settings may name the real one again): nothing to load.
    reload = nextitem is not None and _on_test_database()
    if reload and marker is not None and marker.kwargs.get("transaction"):
        with item.config.stash[blocking_manager_key].unblock():
            # A test skipped before its fixtures ran (the PostgreSQL-only races on
            # SQLite) emptied nothing: a copy of the level only when it is gone.
            if not OrgUnit.objects.exists():
                load_level(level_of(item.session))
    return result


@pytest.fixture(autouse=True)
def _nothing_kept_lapses(monkeypatch):
    """What a process keeps for five minutes (a user's access, a list's filter choices,
    its count and rows) is kept by topic tokens first; the time limit only bounds a write
    that forgot to say so. A test that counts a page's queries must not see an entry kept
    by an earlier test of its worker lapse in its middle (the first request after that
    reads it again): on a loaded machine a test can take long enough. The tests of the
    lapse itself set the age of their entries against these names."""
    from mingzhu.core import filters as core_filters
    from mingzhu.core import results, scope

    day = 24 * 3600
    monkeypatch.setattr(scope, "ACCESS_SECONDS", day)
    monkeypatch.setattr(core_filters, "KEPT_SECONDS", day)
    monkeypatch.setattr(results, "KEPT_SECONDS", day)


@pytest.fixture(autouse=True)
def _demo_users_may_sign_in(settings):
    # The personas are demo users; tests run as a demo server would. One test turns
    # this off to prove production refuses them.
    settings.ALLOW_DEMO_USERS = True
    settings.PARAMETER_CACHE_SECONDS = None
    # A test's writes are never committed, so they never invalidate the shared cache:
    # the cockpit computes its panels on every visit unless a test turns its cache on.
    settings.COCKPIT_CACHE_SECONDS = 0


_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(autouse=True)
def _system_tables_as_committed(request):
    """A test that saves a parameter or a dictionary entry clears the process's cache,
    which then reads the test's own rows; the test's rollback removes those rows but not
    the cached copy. Put back what the session read, so that the next test in this worker
    sees the committed values.

    A test without the database (the parameters' defaults: working hours, upload and
    import limits) that runs before any database test in its worker finds the caches
    not read yet: it reads the tables empty (every parameter at its default, no added
    dictionary entry) instead of asking the database it may not use."""
    kept = [(cache, cache.value, cache.loaded_at) for cache in system_cache.CACHES]
    # The copies are held without the system topic's token: the tokens a test's requests
    # write are rolled back with it, so a copy held under one would be read again by the
    # first request of every later test (the tests of the tokens load in a request).
    for cache in system_cache.CACHES:
        cache.token = None
    if not _uses_database(request.node):
        for cache in system_cache.CACHES:
            if cache.value is None:
                cache.value, cache.loaded_at = {}, time.monotonic()
    yield
    for cache, value, loaded_at in kept:
        if cache.value is not value:
            with cache.lock:
                cache.value, cache.loaded_at, cache.token = value, loaded_at, None


# Foreign keys on SQLite are checked when a transaction commits, which a test never does:
# Django's TestCase checks them after each test instead, over the whole database
# (`PRAGMA foreign_key_check`, about 10 ms over the demo, half a minute of a run). Here it
# checks the tables the test wrote to, and the tables whose rows point at one it deleted
# from: every violation the test could have made, at the cost of what it touched.
_WRITE = re.compile(
    r"^\s*(?:(?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|(?P<delete>DELETE)"
    r"\s+FROM)\s+[\"`\[]?(?P<table>\w+)",
    re.IGNORECASE,
)
# The tables the running database test has written to (or None: no test is tracked).
_WRITTEN: set[str] | None = None
_FULL_CHECK = SQLiteWrapper.check_constraints


@functools.cache
def _pointing_at() -> dict[str, set[str]]:
    """Each table → the tables with a foreign key to it."""
    from django.apps import apps

    pointing: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_fields:
            if field.is_relation and field.related_model is not None and field.db_constraint:
                target = field.related_model._meta.db_table
                pointing.setdefault(target, set()).add(model._meta.db_table)
    return pointing


def _check_written(self, table_names=None):
    if table_names is None and _WRITTEN is not None:
        table_names = sorted(_WRITTEN)
        if not table_names:
            return
    _FULL_CHECK(self, table_names)


SQLiteWrapper.check_constraints = _check_written


@pytest.fixture(autouse=True)
def _constraints_checked_where_written(request):
    global _WRITTEN
    if connection.vendor != "sqlite" or not _uses_database(request.node):
        _WRITTEN = None
        yield
        return
    written: set[str] = set()
    pointing = _pointing_at()

    def track(execute, sql, params, many, context):
        if (m := _WRITE.match(sql)) is not None:
            written.add(m["table"])
            if m["delete"]:
                written.update(pointing.get(m["table"], ()))
        return execute(sql, params, many, context)

    # Left set when this fixture ends: the test's database teardown checks after it.
    _WRITTEN = written
    with connection.execute_wrapper(track):
        yield


def _persona(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def leader(db):
    return _persona("leader")


@pytest.fixture
def supervisor(db):
    return _persona("supervisor")


@pytest.fixture
def fgw(db):
    return _persona("fgw")


@pytest.fixture
def sanmao(db):
    return _persona("sanmao")


@pytest.fixture
def xinba(db):
    return _persona("xinba")


@pytest.fixture
def grid_worker(db):
    return _persona("wangge")


@pytest.fixture
def enterprise_user(db):
    return _persona("qiye")


@pytest.fixture
def administrator(db):
    return _persona("admin")


@pytest.fixture
def outsider(db):
    return _persona("outsider")


@pytest.fixture
def gxj(db):
    """industry bureau"""
    return _persona("gxj")


@pytest.fixture
def czj(db):
    """finance bureau"""
    return _persona("czj")


@pytest.fixture
def rexian(db):
    """intake desk"""
    return _persona("rexian")


@pytest.fixture
def nyj(db):
    """agriculture bureau"""
    return _persona("nyj")


@pytest.fixture
def zzb(db):
    """organisation department"""
    return _persona("zzb")


@pytest.fixture
def wmb(db):
    """civilisation office"""
    return _persona("wmb")


@pytest.fixture
def lixin(db):
    """village staff of 立新村"""
    return _persona("lixin")


def delete_all(model, seen=None):
    """Delete every row of the model and of every model that points to it, whichever
    module it belongs to. Raw deletes: the engine's records refuse to be deleted one by
    one, and a test database may drop them wholesale (constraints are checked at the end
    of the test, when nothing points to a deleted row any more)."""
    seen = set() if seen is None else seen
    if model in seen:
        return
    seen.add(model)
    for rel in model._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            delete_all(rel.related_model, seen)
    model._base_manager.all()._raw_delete(model._base_manager.db)


@pytest.fixture
def wipe(db):
    """wipe(Model): no rows of the model, nor of anything pointing to it, in this test."""
    return delete_all


def signed_in_client(user: User, backend: str = "mingzhu.org.backends.RoleBackend") -> Client:
    """A test client holding a session of ``user``: the session Django's ``login`` leaves
    (the user's id, backend and password hash under a new key, its cookie set) and its
    online-users row as signing in writes it (org.sessions), without the rest of the
    sign-in's bookkeeping (last_login, the access log). The tests of signing in itself go
    through the login form; every other test only needs to be signed in, thousands of
    times a run."""
    client = Client()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    now = timezone.now()
    UserSession.objects.create(
        session_key=session.session_key,
        user=user,
        ip_address="127.0.0.1",
        signed_in_at=now,
        last_seen=now,
    )
    caches["local"].add(f"mingzhu:seen:{session.session_key}", 1, REFRESH_SECONDS)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME].update(
        {"path": "/", "domain": settings.SESSION_COOKIE_DOMAIN or ""}
    )
    return client


@pytest.fixture
def as_user(db):
    """as_user(user) -> a test client signed in as that user."""
    return signed_in_client


@pytest.fixture
def unit(db):
    """unit(code) -> the OrgUnit with that code."""
    return lambda code: OrgUnit.objects.get(code=code)
