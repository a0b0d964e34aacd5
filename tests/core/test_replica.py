"""The heavy read pages against a real streaming replica (core.replica, docs/scaling.md).

On PostgreSQL, ``standby`` starts a second PostgreSQL cluster on a free port of this
machine as a streaming standby of the primary (pg_basebackup -R), and ``replica`` points
the ``replica`` alias at the same test database on it: a real second connection, not
Django's test mirror. The primary must accept replication connections from 127.0.0.1
(.ci/run adds the pg_hba line). On SQLite only the router's rules are tested.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
import types
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from mingzhu.core import replica as replica_module
from mingzhu.core.replica import COOKIE, REPLICA, ReplicaRouter, _current, _Request

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
PG_BIN = Path(os.environ.get("MINGZHU_PG_BIN", "/usr/lib/postgresql/15/bin"))
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="a streaming replica needs PostgreSQL (DATABASE_URL=postgres://…)"
)


def test_it_sends_reads_to_the_primary_outside_heavy_views():
    router = ReplicaRouter()
    assert router.db_for_read(None) == DEFAULT_DB_ALIAS
    token = _current.set(_Request())
    try:
        assert router.db_for_read(None) == DEFAULT_DB_ALIAS
    finally:
        _current.reset(token)


def test_it_sends_heavy_reads_to_the_replica_unless_the_user_wrote():
    router = ReplicaRouter()
    token = _current.set(_Request(heavy=True))
    try:
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == DEFAULT_DB_ALIAS
    finally:
        _current.reset(token)
    token = _current.set(_Request(heavy=True, primary_only=True))
    try:
        assert router.db_for_read(None) == DEFAULT_DB_ALIAS
    finally:
        _current.reset(token)


def test_it_never_migrates_the_replica():
    assert ReplicaRouter().allow_migrate(REPLICA, "tasks") is False
    assert ReplicaRouter().allow_migrate(DEFAULT_DB_ALIAS, "tasks") is None


# --- a real standby -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*command: str, **kwargs) -> subprocess.CompletedProcess:
    """Run a PostgreSQL binary as the postgres user (the server refuses to run as root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, **kwargs)


def _primary() -> dict:
    s = connections[DEFAULT_DB_ALIAS].settings_dict
    return {"host": s["HOST"] or "127.0.0.1", "port": int(s["PORT"] or 5432), "user": s["USER"]}


def _connect(port: int, dbname: str = "postgres", **kw) -> psycopg.Connection:
    p = _primary()
    return psycopg.connect(
        host=p["host"], port=port, user=p["user"], dbname=dbname, autocommit=True, **kw
    )


def _wait_caught_up(port: int, timeout: float = 60) -> None:
    """Until the standby has replayed everything the primary has written so far."""
    with _connect(_primary()["port"]) as primary:
        lsn = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    deadline = time.monotonic() + timeout
    while True:
        try:
            with _connect(port, connect_timeout=2) as standby:
                row = standby.execute(
                    "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]
                ).fetchone()
                if row == (True, True):
                    return
        except psycopg.OperationalError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the standby on port {port} did not catch up with {lsn}")
        time.sleep(0.2)


class Standby:
    def __init__(self, data: Path, port: int):
        self.data, self.port, self.name = data, port, f"mingzhu_standby_{port}"

    def start(self) -> None:
        # A throwaway cluster: no fsync (the copy is not synced either), and time to start
        # on a busy machine (it accepts reads once the primary logs its running transactions).
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.data}"
            f" -c cluster_name={self.name} -c fsync=off"
        )
        log = self.data / "server.log"
        try:
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(log),
                "-w",
                "-t",
                "300",
                "-o",
                options,
                "start",
            )
        except subprocess.CalledProcessError as error:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise AssertionError(f"the standby did not start: {error.stderr}\n{tail}") from error

    def stop(self) -> None:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def streaming(self) -> bool:
        with _connect(_primary()["port"]) as primary:
            row = primary.execute(
                "SELECT state FROM pg_stat_replication WHERE application_name = %s", [self.name]
            ).fetchone()
        return row is not None and row[0] == "streaming"


def _standby_root() -> Path:
    """A new folder for the standby's cluster that the postgres user can enter: the first
    of the temporary folder, /tmp and /var/tmp whose every parent lets others through
    (a TMPDIR under a folder only root may enter would refuse pg_basebackup)."""
    candidates = [tempfile.gettempdir(), "/tmp", "/var/tmp"]
    for place in candidates:
        path = Path(place).resolve()
        if os.geteuid() != 0 or all(
            p.is_dir() and p.stat().st_mode & 0o001 for p in (path, *path.parents)
        ):
            root = Path(tempfile.mkdtemp(prefix="mingzhu-standby-", dir=path))
            if os.geteuid() == 0:
                shutil.chown(root, "postgres", "postgres")
            return root
    raise AssertionError(f"none of {candidates} can be entered by the postgres user")


def _base_backup(data: Path, attempts: int = 3) -> None:
    """pg_basebackup of the primary into ``data``. A database dropped or created while
    the copy walks the cluster's folders (the other worker's test database at the end of
    its session, the browser tests' demo copy) makes the server abort the copy: try
    again on a clean folder, and say what the server said when every attempt failed."""
    p = _primary()
    said = []
    for attempt in range(attempts):
        shutil.rmtree(data, ignore_errors=True)
        try:
            _as_postgres(
                str(PG_BIN / "pg_basebackup"),
                f"--host={p['host']}",
                f"--port={p['port']}",
                f"--username={p['user']}",
                f"--pgdata={data}",
                "--write-recovery-conf",
                "--wal-method=stream",
                "--checkpoint=fast",
                "--no-sync",
            )
            return
        except subprocess.CalledProcessError as error:
            said.append(f"attempt {attempt + 1}: {error.stderr.strip() or error.stdout.strip()}")
            time.sleep(1 + attempt)
    raise AssertionError("pg_basebackup failed:\n" + "\n".join(said))


@pytest.fixture(scope="session")
def standby(django_db_setup, django_db_blocker):
    """A streaming standby of the primary, with the test database (demo loaded) on it."""
    if not ON_POSTGRES:
        pytest.skip("a streaming replica needs PostgreSQL")
    root = _standby_root()
    data = root / "data"
    server = Standby(data, _free_port())
    try:
        _base_backup(data)
        # A Debian cluster keeps its configuration in /etc, outside the data folder.
        (data / "postgresql.conf").touch()
        (data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )
        if os.geteuid() == 0:
            for path in (data / "postgresql.conf", data / "pg_hba.conf"):
                shutil.chown(path, "postgres", "postgres")
        server.start()
        _wait_caught_up(server.port)
        deadline = time.monotonic() + 60
        while not server.streaming():
            assert time.monotonic() < deadline, "the standby never reached the streaming state"
            time.sleep(0.2)
        yield server
    finally:
        if (data / "postmaster.pid").exists():
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def replica(db, standby, django_db_blocker):
    """The ``replica`` alias: the test database on the standby, a connection of its own."""
    config = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)
    config.update(HOST="127.0.0.1", PORT=str(standby.port), CONN_MAX_AGE=0)
    config["OPTIONS"] = {**config.get("OPTIONS", {}), "connect_timeout": 3}
    connections.settings[REPLICA] = config
    connection = connections[REPLICA]
    # Django's test case refuses to open a connection to an alias the test did not
    # declare (declaring it would wrap the standby in the test's transaction): the
    # replica's connection opens with the method as it is outside a test.
    with django_db_blocker.unblock():
        ensure_connection = BaseDatabaseWrapper.ensure_connection
    connection.ensure_connection = types.MethodType(ensure_connection, connection)
    replica_module._down_until = 0.0
    yield standby
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    replica_module._down_until = 0.0


def _cockpit(client, url: str = "/"):
    """The page's response and the SQL each connection ran for it."""
    seen: dict[str, list[str]] = {DEFAULT_DB_ALIAS: [], REPLICA: []}

    def recorder(alias):
        def record(execute, sql, params, many, context):
            seen[alias].append(sql)
            return execute(sql, params, many, context)

        return record

    with (
        connections[DEFAULT_DB_ALIAS].execute_wrapper(recorder(DEFAULT_DB_ALIAS)),
        connections[REPLICA].execute_wrapper(recorder(REPLICA)),
    ):
        response = client.get(url)
    return response, "\n".join(seen[DEFAULT_DB_ALIAS]), "\n".join(seen[REPLICA])


@needs_postgres
def test_it_streams_what_the_primary_writes(replica):
    name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    with _connect(_primary()["port"], name) as primary:
        primary.execute("CREATE TABLE replica_probe (word text)")
        try:
            primary.execute("INSERT INTO replica_probe VALUES ('明珠')")
            _wait_caught_up(replica.port)
            with _connect(replica.port, name) as standby:
                assert standby.execute("SELECT word FROM replica_probe").fetchall() == [("明珠",)]
                assert standby.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
        finally:
            primary.execute("DROP TABLE replica_probe")
    assert replica.streaming()


@needs_postgres
def test_it_reads_the_leaders_cockpit_from_the_replica(replica, leader, as_user):
    client = as_user(leader)
    response, primary, on_replica = _cockpit(client)
    assert response.status_code == 200
    assert response.context["panels"]
    # The panels' figures come from the replica; the session and the user from the primary.
    assert '"tasks_task"' in on_replica
    assert '"tasks_task"' not in primary
    assert '"django_session"' in primary


@needs_postgres
@pytest.mark.parametrize(
    ("url", "heavy"),
    [
        ("/tasks/metrics/?from=2000-01-01&to=2099-12-31", True),
        ("/tasks/?export=xlsx", True),
        ("/tasks/", False),
    ],
)
def test_it_reads_the_metrics_and_exports_from_the_replica_and_lists_from_the_primary(
    replica, supervisor, as_user, url, heavy
):
    response, primary, on_replica = _cockpit(as_user(supervisor), url)
    assert response.status_code == 200
    assert ('"tasks_task"' in on_replica) is heavy
    assert ('"tasks_task"' in primary) is not heavy


@needs_postgres
def test_it_reads_from_the_primary_after_the_user_writes(replica, leader, as_user):
    client = as_user(leader)
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert COOKIE in response.cookies
    response, primary, on_replica = _cockpit(client)
    assert response.status_code == 200
    assert '"tasks_task"' in primary
    assert on_replica == ""


@needs_postgres
def test_it_reads_from_the_replica_again_once_the_window_has_passed(replica, leader, as_user):
    client = as_user(leader)
    client.cookies[COOKIE] = f"{time.time() - settings.REPLICA_OWN_WRITES_SECONDS - 1:.3f}"
    response, primary, on_replica = _cockpit(client)
    assert response.status_code == 200
    assert '"tasks_task"' in on_replica
    assert '"tasks_task"' not in primary


@needs_postgres
def test_it_serves_the_cockpit_from_the_primary_when_the_replica_is_down(
    replica, leader, as_user, caplog
):
    client = as_user(leader)
    assert '"tasks_task"' in _cockpit(client)[2]  # an open connection to the replica
    replica.stop()
    try:
        with caplog.at_level(logging.WARNING, logger="mingzhu.replica"):
            response, primary, on_replica = _cockpit(client)
            assert response.status_code == 200
            assert response.context["panels"]
            assert '"tasks_task"' in primary
            assert "read replica failed" in caplog.text
            # Until the retry time has passed the replica is not tried again.
            caplog.clear()
            response, primary, on_replica = _cockpit(client)
            assert response.status_code == 200
            assert '"tasks_task"' in primary
            assert on_replica == ""
    finally:
        replica.start()
        _wait_caught_up(replica.port)
