"""The samples in deploy/ agree with the code: the environment file names only settings
the code reads, the units start real commands with real options, and the nginx site, the
units and the environment file agree on ports, folders, limits and timeouts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SOURCE = ROOT / "src" / "mingzhu"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _read_by_code() -> set[str]:
    """Every environment variable the code reads by name."""
    pattern = re.compile(
        r"""(?:env(?:_bool|_int|_list)?\(|environ(?:\.get)?[\[(]|getenv\()\s*"([A-Z][A-Z0-9_]+)\""""
    )
    names = set()
    for path in SOURCE.rglob("*.py"):
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def _sample_names(text: str) -> list[str]:
    return re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE)


def _settings_read_through_env() -> set[str]:
    """The names read by settings.env() and its kind, which also take NAME_FILE."""
    text = (SOURCE / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"""env(?:_bool|_int|_list)?\(\s*"([A-Z][A-Z0-9_]+)\"""", text))


def test_the_environment_sample_names_only_settings_the_code_reads():
    names = _sample_names((DEPLOY / "mingzhu.env").read_text(encoding="utf-8"))
    assert "DATABASE_URL" in names and "MINGZHU_SECRET_KEY_FILE" in names
    read, through_env = _read_by_code(), _settings_read_through_env()
    unknown = [
        n
        for n in names
        if n not in read and not (n.endswith("_FILE") and n[: -len("_FILE")] in through_env)
    ]
    assert unknown == []
    assert len(names) == len(set(names)), "a setting is listed twice"


def test_every_setting_the_settings_module_reads_is_in_the_sample():
    names = {
        n[: -len("_FILE")] if n.endswith("_FILE") else n
        for n in _sample_names((DEPLOY / "mingzhu.env").read_text(encoding="utf-8"))
    }
    left_out = _settings_read_through_env() - names - {"MINGZHU_DEBUG", "MINGZHU_DEMO"}
    assert left_out == set()


def _env_sample() -> dict[str, str]:
    text = (DEPLOY / "mingzhu.env").read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", text, flags=re.MULTILINE))


def _unit(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^(\w+)=(.*)$", path.read_text(encoding="utf-8"), re.MULTILINE))


def _parse(command_line: str):
    """The argv of `mingzhu …`, parsed by the command's own parser (SystemExit if wrong)."""
    from django.core.management import get_commands, load_command_class

    argv = command_line.split()
    assert Path(argv[0]).name == "mingzhu"
    name = argv[1]
    command = load_command_class(get_commands()[name], name)
    return name, command.create_parser("mingzhu", name).parse_args(argv[2:])


def test_the_units_start_real_commands_with_the_environment_file():
    assert [u.name for u in UNITS] == ["mingzhu-worker.service", "mingzhu.service"]
    commands = {}
    for path in UNITS:
        unit = _unit(path)
        assert unit["EnvironmentFile"] == "/etc/mingzhu/mingzhu.env"
        assert unit["WorkingDirectory"] == _env_sample()["MINGZHU_DATA_DIR"]
        assert unit["StateDirectory"] == Path(_env_sample()["MINGZHU_DATA_DIR"]).name
        assert unit["User"] == "mingzhu"
        name, options = _parse(unit["ExecStart"])
        commands[name] = options
    assert set(commands) == {"serve", "worker"}
    assert commands["serve"].host == "127.0.0.1"


def test_the_nginx_site_agrees_with_the_server_the_settings_and_the_limits():
    from mingzhu.core.management.commands.serve import REQUEST_TIMEOUT
    from mingzhu.system.params import REGISTRY

    site = (DEPLOY / "nginx" / "mingzhu.conf").read_text(encoding="utf-8")
    _, serve = _parse(_unit(DEPLOY / "systemd" / "mingzhu.service")["ExecStart"])
    assert re.search(rf"server {serve.host}:{serve.port};", site)
    # nginx connects from the loopback address the application trusts.
    env = _env_sample()
    assert serve.host in env["MINGZHU_TRUSTED_PROXIES"].split(",")
    assert env["MINGZHU_BEHIND_PROXY"] == "1" and env["MINGZHU_HTTPS"] == "1"
    alias = re.search(r"location /static/ \{\s*alias (\S+);", site).group(1)
    assert alias.rstrip("/") == f"{env['MINGZHU_DATA_DIR']}/static"
    assert "location /media/" not in site  # uploads go through the application's checks
    body = re.search(r"client_max_body_size (\d+)m;", site).group(1)
    # Room for a form with several attachments of the default largest size (a system
    # parameter the administrator may change: the site's limit is documented beside it).
    largest = REGISTRY["uploads.attachment_max_mb"].default_value()
    assert int(body) >= 4 * largest
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", site).group(1)
    assert int(read_timeout) == REQUEST_TIMEOUT
    for header in ("X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme"):
        assert f"proxy_set_header {header};" in site
    host = env["MINGZHU_ALLOWED_HOSTS"]
    assert f"server_name {host};" in site
    assert env["MINGZHU_SITE_URL"] == f"https://{host}"


def test_the_compose_file_runs_real_commands_and_trusts_its_gateway():
    compose = yaml.safe_load((DEPLOY / "container" / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "migrate", "web", "worker"} <= set(services)
    assert services["db"]["image"].split("/")[-1].startswith("postgres:")
    for name in ("migrate", "web", "worker"):
        command = services[name]["command"]
        assert command[0] == "mingzhu"
        _parse(" ".join(["/opt/mingzhu/venv/bin/mingzhu", *command[1:]]))
    gateway = compose["networks"]["default"]["ipam"]["config"][0]["gateway"]
    assert services["web"]["environment"]["MINGZHU_TRUSTED_PROXIES"] == gateway
    containerfile = (DEPLOY / "container" / "Containerfile").read_text(encoding="utf-8")
    assert (
        "install.sh" in containerfile
        and "MINGZHU_NODE_MODULES=/opt/mingzhu/node_modules" in containerfile
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_accepts_the_units(tmp_path):
    """`systemd-analyze verify`, with the program path pointing at this machine's mingzhu
    (the sample's /opt/mingzhu/venv does not exist here)."""
    mingzhu = Path(sys.executable).parent / "mingzhu"
    assert mingzhu.exists()
    copies = []
    for path in UNITS:
        copy = tmp_path / path.name
        copy.write_text(path.read_text().replace("/opt/mingzhu/venv/bin/mingzhu", str(mingzhu)))
        copies.append(str(copy))
    result = subprocess.run(
        ["systemd-analyze", "verify", *copies], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip() == "", result.stderr
