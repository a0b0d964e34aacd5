"""Production settings: `mingzhu check --deploy` passes with the documented environment,
and fails loudly without it."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "MINGZHU_SECRET_KEY": "production-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "MINGZHU_ALLOWED_HOSTS": "mingzhu.example.gov.cn",
    "MINGZHU_HTTPS": "1",
}


def _check(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINGZHU_")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "mingzhu", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_production_settings():
    result = _check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_fails_the_deploy_check_with_the_development_key_and_debug():
    result = _check({"MINGZHU_DEBUG": "1"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "SECRET_KEY" in output
    assert "DEBUG" in output


def test_it_refuses_to_serve_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINGZHU_")}
    result = subprocess.run(
        [sys.executable, "-m", "mingzhu", "serve", "--no-collectstatic"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "未设置 MINGZHU_SECRET_KEY" in result.stderr


def test_it_serves_with_worker_processes_where_gunicorn_runs(monkeypatch):
    from mingzhu.core.management.commands import serve

    monkeypatch.setattr(serve.os, "cpu_count", lambda: 4)
    assert serve.default_workers() == 9
    assert serve.pick_server("waitress") == "waitress"
    assert serve.pick_server("auto") == ("waitress" if os.name == "nt" else "gunicorn")
    monkeypatch.setattr(serve.os, "name", "nt")
    assert serve.pick_server("auto") == "waitress"


@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_it_refuses_a_count_below_one(option, settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = True
    with pytest.raises(CommandError, match=f"{option} 应不少于 1"):
        call_command("serve", "--no-collectstatic", option, "0")
