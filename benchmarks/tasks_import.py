"""Benchmark: importing a task list of N rows (`mingzhu.tasks.importer.import_tasks`, the
code behind the import page and `mingzhu import tasks`), against its floor.

Loads the Yangzhong org tree and personas into the PostgreSQL database named by
BENCH_DATABASE_URL (default: the local database mz_tasks_import_bench, created when
missing; its org tables are replaced), writes a sheet of N rows (one in ten with two
co-operating units, one in three with a leader) and imports it as the supervision office,
at N/2 and at N rows (to show the cost is linear), each in a transaction rolled back
afterwards. Printed beside it, in the same run:

- the floor: the same rows written by raw SQL, ``INSERT … SELECT`` copies of the tasks,
  their co-unit links, creation events and audit entries the import just wrote (no
  Python per row: what the database alone needs for the same writes);
- the reading of the sheet alone (``core.tabular.read_table``), which the import includes;
- the CPU seconds of this process and of the database's backend (on a busy machine the
  wall time is mostly waiting for a core: read the CPU).

Peak memory is the process's maximum resident set size after the runs.

    .venv/bin/python benchmarks/tasks_import.py [--rows 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import resource
import sys
import time

from pgsetup import django_on_postgres

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mz_tasks_import_bench"
HEADERS = ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
UNITS = ["发改委", "工业和信息化局", "资规局", "新坝镇", "三茅街道", "城管局"]


def sheet(n: int) -> bytes:
    """A plain sheet as a spreadsheet program saves it (openpyxl's write-only mode: the
    project's styled ``core.excel.write_xlsx`` takes ~10 minutes at 100,000 rows)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务清单")
    ws.append(HEADERS)
    for i in range(1, n + 1):
        ws.append(
            [
                i,
                f"基准导入任务{i}：推进重点工作第{i}项",
                UNITS[i % len(UNITS)],
                "资规局、新坝镇" if i % 10 == 0 else "",
                "市领导（示例）" if i % 3 == 0 else "",
                dt.date(2099, 1 + i % 12, 1 + i % 28),
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def server_cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def floor_sql(task_list_id: int) -> list[str]:
    """The raw SQL that writes again what the import wrote for the list: the tasks (codes
    suffixed), their co-unit links, events and audit entries, by INSERT … SELECT."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from mingzhu.tasks.models import Task, TaskEvent

    def columns(model, skip=("id",)):
        return [f.column for f in model._meta.concrete_fields if f.column not in skip]

    task_cols = [c for c in columns(Task) if c != "code"]
    event_cols = [c for c in columns(TaskEvent) if c != "task_id"]
    log_cols = [c for c in columns(LogEntry) if c not in ("object_pk", "object_id")]
    link = Task.co_units.through._meta.db_table
    ct = ContentType.objects.get_for_model(Task).pk
    t, e, g = Task._meta.db_table, TaskEvent._meta.db_table, LogEntry._meta.db_table
    tc = ", ".join(task_cols)
    return [
        "CREATE TEMPORARY TABLE floor_map (old_id bigint, new_id bigint) ON COMMIT DROP",
        f"WITH src AS (SELECT id, code, {tc} FROM {t} WHERE task_list_id = {task_list_id}), "
        f"ins AS (INSERT INTO {t} (code, {tc}) SELECT code || 'F', {tc} FROM src "
        "RETURNING id, code) "
        "INSERT INTO floor_map SELECT src.id, ins.id FROM src JOIN ins "
        "ON ins.code = src.code || 'F'",
        f"INSERT INTO {link} (task_id, orgunit_id) SELECT m.new_id, l.orgunit_id "
        f"FROM {link} l JOIN floor_map m ON m.old_id = l.task_id",
        f"INSERT INTO {e} (task_id, {', '.join(event_cols)}) SELECT m.new_id, "
        f"{', '.join('x.' + c for c in event_cols)} FROM {e} x "
        "JOIN floor_map m ON m.old_id = x.task_id",
        f"INSERT INTO {g} (object_pk, object_id, {', '.join(log_cols)}) SELECT "
        f"m.new_id::text, m.new_id, {', '.join('x.' + c for c in log_cols)} FROM {g} x "
        f"JOIN floor_map m ON x.content_type_id = {ct} AND x.object_id = m.old_id",
    ]


def measure(data: bytes, actor) -> dict:
    from django.db import connection, transaction

    from mingzhu.core.tabular import read_table
    from mingzhu.tasks.importer import COLUMNS, import_tasks
    from mingzhu.tasks.models import TaskList

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    started = time.perf_counter()
    read_table(io.BytesIO(data), COLUMNS)
    reading = time.perf_counter() - started
    with transaction.atomic():
        task_list = TaskList.objects.create(
            name="基准导入", kind="other", issuer=actor.unit, year=2099
        )
        queries_before = len(connection.queries)
        started, cpu, backend = time.perf_counter(), time.process_time(), server_cpu(pid)
        result = import_tasks(io.BytesIO(data), actor=actor, task_list=task_list)
        seconds = time.perf_counter() - started
        client_cpu = time.process_time() - cpu
        after = server_cpu(pid)
        queries = len(connection.queries) - queries_before
        assert result.created and not result.errors, result.errors[:5]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in floor_sql(task_list.pk):
                cursor.execute(sql)
        floor = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "rows": result.created,
        "import_seconds": round(seconds, 2),
        "of_which_reading_seconds": round(reading, 2),
        "client_cpu": round(client_cpu, 2),
        "server_cpu": None if backend is None else round(after - backend, 2),
        "queries": queries,
        "ms_per_row": round(1000 * seconds / result.created, 3),
        "client_cpu_ms_per_row": round(1000 * client_cpu / result.created, 3),
        "floor_sql_seconds": round(floor, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    # The sheet is larger than an upload may be by default (IMPORT_MAX_ROWS).
    os.environ.setdefault("MINGZHU_IMPORT_MAX_ROWS", str(args.rows))
    django_on_postgres(DEFAULT_URL)
    from mingzhu.demo.loader import ensure_personas, load_org, sync_roles
    from mingzhu.org.models import User

    sync_roles()
    load_org()
    ensure_personas()
    actor = User.objects.get(username="supervisor")
    runs = []
    load_at_start = [round(x, 1) for x in os.getloadavg()]
    for n in (args.rows // 2, args.rows):
        runs.append(measure(sheet(n), actor))
        print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    half, full = runs
    report = {
        "runs": runs,
        "linear": round(full["import_seconds"] / (2 * half["import_seconds"]), 2),
        "linear_cpu": round(full["client_cpu"] / (2 * half["client_cpu"]), 2),
        "times_floor": round(full["import_seconds"] / full["floor_sql_seconds"], 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
