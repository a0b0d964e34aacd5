"""The offline bundle: `deploy/bundle.sh` builds it, and its install script installs Mingzhu
into a fresh prefix with the package index switched off (pip told not to use one, and the
index address pointing at a closed port should anything ask it); `mingzhu check` then runs
from the installed copy, with the front-end files it serves.

Slow (a few minutes: the wheels of numpy, scipy, scikit-learn … are downloaded from pip's
cache and installed), hence the `bundle` mark; it runs under `make test`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
CLOSED_INDEX = "http://127.0.0.1:9/simple"  # the discard port: nothing listens there


def _offline_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "MINGZHU_", "VIRTUAL_ENV", "PYTHON")) and k != "DATABASE_URL"
    }
    env.update(
        HOME=str(home),
        PIP_CONFIG_FILE=os.devnull,  # nothing from this machine's pip configuration
        PIP_NO_INDEX="1",
        PIP_INDEX_URL=CLOSED_INDEX,
        PIP_NO_CACHE_DIR="1",
        # Not byte-compiled at install: what is checked is that every package installs
        # from the bundle alone (Python compiles what `mingzhu check` imports).
        PIP_NO_COMPILE="1",
        PATH=":".join(p for p in env.get("PATH", "").split(":") if ".venv" not in p),
    )
    return env


def _build(out: Path) -> Path:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINGZHU_")}
    env["PYTHON"] = sys.executable
    result = subprocess.run(
        [str(ROOT / "deploy" / "bundle.sh"), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    built = Path(result.stdout.strip().splitlines()[-1])
    assert built.parent == out and built.name.endswith(".tar")
    return built


def _install(bundle: Path, work: Path) -> Path:
    with tarfile.open(bundle) as archive:
        archive.extractall(work, filter="data")
    (unpacked,) = work.iterdir()
    prefix = work / "opt-mingzhu"
    env = _offline_env(work)
    env["PYTHON"] = sys.executable  # a venv is made from its base interpreter
    result = subprocess.run(
        ["sh", str(unpacked / "install.sh"), str(prefix)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=work,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "127.0.0.1:9" not in output  # the index was never asked
    return prefix


def _contents(bundle: Path) -> None:
    """The locked runtime wheels, the front-end packages and the samples; no development
    tools."""
    with tarfile.open(bundle) as archive:
        names = archive.getnames()
    wheels = {Path(n).name.split("-")[0].lower() for n in names if "/wheels/" in n}
    for runtime in ("django", "gunicorn", "waitress", "psycopg_binary", "numpy", "mingzhu"):
        assert runtime in wheels
    for development in ("pytest", "playwright", "ruff", "pip_tools", "hypothesis"):
        assert development not in wheels
    assert any(n.endswith("/install.sh") for n in names)
    assert any(n.endswith("/node_modules/MANIFEST") for n in names)
    assert any(n.endswith("/deploy/systemd/mingzhu.service") for n in names)


def _check_installed(installed: Path, work: Path) -> None:
    env = _offline_env(work)
    data = work / "data"
    data.mkdir()
    env.update(
        MINGZHU_DATA_DIR=str(data),
        MINGZHU_NODE_MODULES=str(installed / "node_modules"),
        MINGZHU_SECRET_KEY="bundle-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDE",
    )
    python = installed / "venv" / "bin" / "python"
    where = subprocess.run(
        [str(python), "-c", "import mingzhu; print(mingzhu.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        cwd=work,
        check=True,
    )
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(installed)  # the installed copy, not this source tree
    assert (package / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo").exists()

    result = subprocess.run(
        [str(installed / "venv" / "bin" / "mingzhu"), "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=work,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "mingzhu.W001" not in output  # the front-end files are where the app looks
    assert (installed / "node_modules" / "htmx.org" / "dist" / "htmx.min.js").exists()


def test_the_bundle_installs_without_the_index_and_mingzhu_check_passes(tmp_path):
    """Build, look inside, install offline, check: one test, so that parallel test workers
    do not build it twice."""
    (tmp_path / "out").mkdir()
    (tmp_path / "offline").mkdir()
    bundle = _build(tmp_path / "out")
    _contents(bundle)
    installed = _install(bundle, tmp_path / "offline")
    _check_installed(installed, tmp_path)
