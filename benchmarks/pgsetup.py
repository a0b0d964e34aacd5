"""Set-up shared by the benchmarks that run on PostgreSQL: the database named by
BENCH_DATABASE_URL (made if missing), Django set up on it with a scratch data folder and
query counting on, and the schema migrated."""

from __future__ import annotations

import os
import sys
import tempfile


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def django_on_postgres(default_url: str, note: str = "") -> str:
    """Set Django up on the benchmark's database and migrate it; returns its URL."""
    url = os.environ.get("BENCH_DATABASE_URL", default_url)
    if not url.startswith("postgres"):
        sys.exit(f"BENCH_DATABASE_URL must name a PostgreSQL database{note}.")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["MINGZHU_DATA_DIR"] = tempfile.mkdtemp(prefix="mingzhu-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingzhu.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = True  # count the queries
    call_command("migrate", interactive=False, verbosity=0)
    return url
