"""Scripts only from the site: every page carries a Content-Security-Policy without inline
script, no template holds an inline script or event handler, and the chart formatters that
return HTML escape what they put in."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

TEMPLATE_DIRS = [settings.PACKAGE_DIR / "templates", *settings.PACKAGE_DIR.glob("*/templates")]
STATIC = settings.PACKAGE_DIR / "static" / "mingzhu"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _templates():
    return sorted(p for d in TEMPLATE_DIRS for p in Path(d).rglob("*.html"))


def test_the_policy_allows_scripts_from_the_site_only(as_user, leader):
    response = as_user(leader).get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "frame-ancestors" in directives


def test_the_login_page_and_api_carry_it_too(client, db):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in client.get("/api/v1/")["Content-Security-Policy"]


def test_no_template_holds_an_inline_script_or_handler():
    found = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        found += [f"{path}: {m.group(0)[:60]}" for m in INLINE_SCRIPT.finditer(text)]
        found += [f"{path}: {m.group(0)[:60]}" for m in INLINE_HANDLER.finditer(text)]
    assert found == []


def test_no_rendered_chart_page_holds_an_inline_script(as_user, leader):
    client = as_user(leader)
    for url in ["/", "/risks/metrics/", "/tasks/metrics/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url


def test_the_heat_map_tooltip_escapes_names():
    node = shutil.which("node")  # installed with the front-end packages (npm)
    assert node is not None
    hostile = '<img src=x onerror="alert(1)">'
    data = {
        "towns": [hostile],
        "domains": ["安全<b>生产</b>"],
        "count_label": "隐患数",
        "score_label": "风险值",
    }
    script = "\n".join(
        [
            "var window = {}; var document = {readyState: 'complete',"
            " querySelectorAll: function () { return []; },"
            " addEventListener: function () {}};",
            (STATIC / "chart.js").read_text(encoding="utf-8"),
            (STATIC / "pages" / "risks-heatmap.js").read_text(encoding="utf-8"),
            f"var data = {json.dumps(data)};",
            "process.stdout.write(window.mingzhuHeatmapTooltip(data, {value: [0, 0, 7.5, 3]}));",
        ]
    )
    shown = subprocess.run(
        [node, "-e", script], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "<img" not in shown and "<b>" not in shown
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown
    assert "安全&lt;b&gt;生产&lt;/b&gt;" in shown
    assert shown.count("<br>") == 2  # the tooltip's own markup stays


def test_every_formatter_function_that_builds_text_escapes():
    """A formatter function in the site's scripts either escapes (mingzhuEscape) or hands
    the work to a named function that does."""
    for path in sorted(STATIC.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"formatter:\s*function\s*\([^)]*\)\s*\{([^}]*)\}", text):
            body = match.group(1)
            builds_html = "+" in body or "<" in body
            assert not builds_html or "mingzhu" in body, f"{path.name}: {body.strip()}"
