"""Front-end libraries installed by npm and served by the app itself (no CDN).

Only the files the pages use are exposed, under the static prefix ``vendor/``, so that
``collectstatic`` copies a handful of files rather than whole npm packages.
"""

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

VENDOR_FILES = [
    "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap/dist/js/bootstrap.bundle.min.js",
    "bootstrap-icons/font/bootstrap-icons.min.css",
    "bootstrap-icons/font/fonts/bootstrap-icons.woff2",
    "bootstrap-icons/font/fonts/bootstrap-icons.woff",
    "htmx.org/dist/htmx.min.js",
    "echarts/dist/echarts.min.js",
    "tom-select/dist/js/tom-select.complete.min.js",
    "tom-select/dist/css/tom-select.bootstrap5.min.css",
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet/dist/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png",
    "leaflet/dist/images/layers.png",
    "leaflet/dist/images/layers-2x.png",
]
PREFIX = "vendor"


class VendorStorage(FileSystemStorage):
    prefix = PREFIX


class VendorFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = VendorStorage(location=settings.NODE_MODULES)

    def check(self, **kwargs):
        missing = [name for name in VENDOR_FILES if not (settings.NODE_MODULES / name).exists()]
        if missing:
            return [
                CheckWarning(
                    f"Front-end files missing from {settings.NODE_MODULES}: {', '.join(missing)}",
                    hint="Run `npm ci` in the source folder (make does it for you).",
                    id="mingzhu.W001",
                )
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        # Django 5.2 renamed the keyword `all` to `find_all`; accept both.
        find_all = find_all or kwargs.get("all", False)
        prefix = PREFIX + "/"
        if path.startswith(prefix) and path[len(prefix) :] in VENDOR_FILES:
            full = settings.NODE_MODULES / path[len(prefix) :]
            if full.exists():
                return [str(full)] if find_all else str(full)
        return [] if find_all else None

    def list(self, ignore_patterns):
        for name in VENDOR_FILES:
            if (settings.NODE_MODULES / name).exists():
                yield name, self.storage
