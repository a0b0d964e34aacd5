"""The grid worker's report page as an installable web app that works without a network:
what the service worker keeps (``precache_urls``), the name of its cache (which changes
when those files change, so that phones take the new ones) and the app's icon.

The page's own script (static/mingzhu/pages/grid-offline.js) keeps reports made offline in
the phone's IndexedDB and sends each to ``grid:gridevent_sync`` when the network is back.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse

# The files the report page loads (base.html and report.html).
STATIC_FILES = (
    "vendor/bootstrap/dist/css/bootstrap.min.css",
    "vendor/bootstrap-icons/font/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/font/fonts/bootstrap-icons.woff2",
    "vendor/htmx.org/dist/htmx.min.js",
    "vendor/bootstrap/dist/js/bootstrap.bundle.min.js",
    "mingzhu/mingzhu.css",
    "mingzhu/site.js",
    "mingzhu/pages/grid-report.js",
    "mingzhu/pages/grid-offline.js",
    "mingzhu/pages/grid-offline-queue.js",
)


def precache_urls() -> list[str]:
    """The report page, its manifest and icons, and every file the page loads."""
    return [
        reverse("grid:gridevent_add"),
        reverse("grid:manifest"),
        *(reverse("grid:icon", args=[size]) for size in (192, 512)),
        *(static(name) for name in STATIC_FILES),
    ]


@cache
def cache_name() -> str:
    """``mingzhu-grid-<digest of the kept files>``: a new release gets a new cache."""
    digest = hashlib.sha256()
    paths = [finders.find(name) for name in STATIC_FILES]
    paths.append(get_template("grid/sw.js").origin.name)
    for path in paths:
        if isinstance(path, str):
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return f"mingzhu-grid-{digest.hexdigest()[:12]}"


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


@cache
def icon_png(size: int) -> bytes:
    """A square PNG: a white diamond (the pages' gem) on the pages' blue."""
    blue, white = b"\x0d\x6e\xfd", b"\xff\xff\xff"
    half = size / 2
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter: none
        for x in range(size):
            inside = abs(x + 0.5 - half) + abs(y + 0.5 - half) <= size * 0.3
            row += white if inside else blue
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
