"""`mingzhu serve` behind a real nginx on loopback, configured from deploy/nginx/mingzhu.conf:
pages asked for over https through the proxy answer 200 (no redirect loop), the client's
address is the one the proxy saw, and a caller reaching the server directly cannot claim
https with forged headers. Run for both servers `mingzhu serve` picks, gunicorn and waitress
(waitress with one trusted address and with two).
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import ipaddress
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "mingzhu.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
PROXY = "127.0.0.1"  # nginx connects to the application from here
CLIENT = "127.0.0.7"  # the browser: another loopback address
STRANGER = "127.0.0.8"  # somebody reaching the application port directly

if NGINX is None:
    if os.environ.get("CI"):
        pytest.fail("nginx is not installed (.ci/run installs nginx-light)", pytrace=False)
    pytest.skip("nginx is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    crt, pem = folder / "cert.pem", folder / "key.pem"
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return crt, pem


def site_for_test(text: str, *, http_port, https_port, app_port, cert, key, static) -> str:
    """The deploy sample with this machine's ports, certificate and folders (the sample's
    directives are otherwise kept as they are)."""
    replacements = [
        (r"\n\s*listen \[::\]:\d+[^;]*;", ""),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{app_port};"),
        (r"ssl_certificate /\S+;", f"ssl_certificate {cert};"),
        (r"ssl_certificate_key /\S+;", f"ssl_certificate_key {key};"),
        (r"alias /var/lib/mingzhu/static/;", f"alias {static}/;"),
        (
            r"return 301 https://\$host\$request_uri;",
            f"return 301 https://$host:{https_port}$request_uri;",
        ),
    ]
    for pattern, new in replacements:
        text, n = re.subn(pattern, new, text)
        assert n, f"the nginx sample no longer has {pattern!r}"
    return text


def nginx_main(folder: Path, site: Path) -> str:
    return f"""
daemon off;
master_process off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


def _wait_for(port: int, proc: subprocess.Popen, log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"not listening on {port} after {seconds} s:\n{log.read_text()}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def installation(tmp_path_factory, migrated_database):
    """A production environment on a fresh SQLite database, migrated and with its static
    files collected, and nginx in front of the application's port. The database is the
    run's freshly migrated copy when a worker made one (tests/conftest.py), on which
    `migrate` finds nothing to do; else `migrate` builds it here."""
    folder = tmp_path_factory.mktemp("proxy")
    (folder / "data").mkdir()  # as systemd's StateDirectory= makes it
    if migrated_database is not None:
        shutil.copyfile(migrated_database, folder / "data" / "mingzhu.sqlite3")
    https_port, http_port, app_port = _free_port(), _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINGZHU_")}
    env.pop("DATABASE_URL", None)
    env.update(
        MINGZHU_SECRET_KEY="proxy-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG",
        MINGZHU_DATA_DIR=str(folder / "data"),
        MINGZHU_ALLOWED_HOSTS="127.0.0.1",
        MINGZHU_CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{https_port}",
        MINGZHU_HTTPS="1",
        MINGZHU_BEHIND_PROXY="1",
        PYTHONPATH=str(ROOT / "src"),
    )
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run(
            [sys.executable, "-m", "mingzhu", *command, "-v", "0"],
            env=env,
            check=True,
            timeout=900,  # bounds, not speed: about 30 s of CPU on a quiet machine
        )
    cert, key = _certificate(folder)
    site = folder / "mingzhu.conf"
    site.write_text(
        site_for_test(
            SITE.read_text(),
            http_port=http_port,
            https_port=https_port,
            app_port=app_port,
            cert=cert,
            key=key,
            static=folder / "data" / "static",
        )
    )
    main = folder / "nginx.conf"
    main.write_text(nginx_main(folder, site))
    log = folder / "nginx-error.log"
    log.touch()
    nginx = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(main)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("a"),
    )
    _wait_for(https_port, nginx, log, 20)
    yield {
        "env": env,
        "folder": folder,
        "https": https_port,
        "http": http_port,
        "app": app_port,
        "database": folder / "data" / "mingzhu.sqlite3",
    }
    _stop(nginx)


# The servers `mingzhu serve` runs and the proxies it is told to trust. waitress trusts one
# address itself; several go through proxy.only_trusted_scheme.
SERVERS = [("gunicorn", "127.0.0.1,::1"), ("waitress", PROXY), ("waitress", "127.0.0.1,::1")]


@contextlib.contextmanager
def _serving(installation, server: str, proxies: str):
    """`mingzhu serve` with the chosen server on the port nginx forwards to, trusting the
    proxies given (MINGZHU_TRUSTED_PROXIES)."""
    log = installation["folder"] / f"{server}-{len(proxies)}.log"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mingzhu",
            "serve",
            "--server",
            server,
            "--port",
            str(installation["app"]),
            "--workers",
            "1",
            "--threads",
            "2",
            "--no-collectstatic",
        ],
        env={**installation["env"], "MINGZHU_TRUSTED_PROXIES": proxies},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(installation["app"], proc, log)
        yield {**installation, "server": f"{server}-{len(proxies)}"}
    finally:
        _stop(proc)


def _https(port: int, source: str) -> http.client.HTTPSConnection:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection(
        "127.0.0.1", port, context=context, source_address=(source, 0), timeout=60
    )


def _get(connection, path: str, headers=None) -> http.client.HTTPResponse:
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    return response


def a_page_asked_for_over_https_through_the_proxy_is_served(served):
    response = _get(_https(served["https"], CLIENT), "/accounts/login/")
    assert response.status == 200, (response.status, response.getheader("Location"))
    # The application knows the request was https: it sends HSTS and secure cookies.
    assert "max-age=" in (response.getheader("Strict-Transport-Security") or "")
    assert "Secure" in response.getheader("Set-Cookie", "")


def plain_http_at_the_proxy_is_sent_to_https(served):
    connection = http.client.HTTPConnection("127.0.0.1", served["http"], timeout=30)
    response = _get(connection, "/accounts/login/")
    assert response.status == 301
    assert response.getheader("Location") == (
        f"https://127.0.0.1:{served['https']}/accounts/login/"
    )


def static_files_are_served_by_the_proxy_from_the_collected_folder(served):
    response = _get(_https(served["https"], CLIENT), "/static/vendor/htmx.org/dist/htmx.min.js")
    assert response.status == 200
    assert b"htmx" in response.body
    assert (served["folder"] / "data" / "static" / "vendor" / "htmx.org").is_dir()


def a_caller_reaching_the_server_directly_cannot_claim_https(served):
    connection = http.client.HTTPConnection(
        "127.0.0.1", served["app"], source_address=(STRANGER, 0), timeout=30
    )
    response = _get(
        connection,
        "/accounts/login/",
        {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"},
    )
    assert response.status == 301
    assert response.getheader("Location").startswith("https://")
    assert response.getheader("Strict-Transport-Security") is None


def _failed_sign_in(served, username: str, headers: dict[str, str]) -> int:
    """A wrong password through the proxy from CLIENT; the login page's answer."""
    connection = _https(served["https"], CLIENT)
    page = _get(connection, "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    origin = f"https://127.0.0.1:{served['https']}"
    body = f"csrfmiddlewaretoken={token.decode()}&username={username}&password=wrong-password"
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": origin,
            "Referer": f"{origin}/accounts/login/",
            **headers,
        },
    )
    response = connection.getresponse()
    response.read()
    return response.status


def _attempt_addresses(database: Path, username: str) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT ip_address FROM axes_accessattempt WHERE username = ?", (username,)
        ).fetchall()
    return [row[0] for row in rows]


def the_client_address_is_the_one_the_proxy_saw_not_a_forged_one(served):
    username = f"nobody-{served['server']}"
    # The caller adds its own X-Forwarded-For; nginx appends the address it saw.
    status = _failed_sign_in(served, username, {"X-Forwarded-For": "203.0.113.9"})
    assert status == 200  # the form again, with its error
    assert _attempt_addresses(served["database"], username) == [CLIENT]


def test_mingzhu_serve_behind_nginx(installation):
    """Every check against each server in turn: one test, so that one database and one
    nginx serve them all (parallel test workers would each set up their own)."""
    checks = [
        a_page_asked_for_over_https_through_the_proxy_is_served,
        plain_http_at_the_proxy_is_sent_to_https,
        static_files_are_served_by_the_proxy_from_the_collected_folder,
        a_caller_reaching_the_server_directly_cannot_claim_https,
        the_client_address_is_the_one_the_proxy_saw_not_a_forged_one,
    ]
    for server, proxies in SERVERS:
        with _serving(installation, server, proxies) as served:
            for check in checks:
                check(served)


def test_nginx_accepts_the_site_sample_as_it_is(tmp_path):
    """`nginx -t` on the sample with only the certificate paths pointing at a self-signed
    pair (ports, upstream and folders as shipped)."""
    cert, key = _certificate(tmp_path)
    text = SITE.read_text()
    text = re.sub(r"ssl_certificate /\S+;", f"ssl_certificate {cert};", text)
    text = re.sub(r"ssl_certificate_key /\S+;", f"ssl_certificate_key {key};", text)
    site = tmp_path / "mingzhu.conf"
    site.write_text(text)
    main = tmp_path / "nginx.conf"
    main.write_text(nginx_main(tmp_path, site))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
