"""Mingzhu settings: one file, driven by the environment.

A fresh checkout runs on SQLite with no configuration. Production sets at least
MINGZHU_SECRET_KEY, MINGZHU_ALLOWED_HOSTS and DATABASE_URL (see docs/operations.md).
Every value may also be read from a file: MINGZHU_SECRET_KEY_FILE=/run/secrets/key.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    if value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name, "")
    return int(value) if value else default


def map_tile_source(template: str) -> str:
    """The CSP source of a tile URL template: " https://t*.example.cn" ({s}: any subdomain)."""
    if not template:
        return ""
    scheme, _sep, rest = template.partition("://")
    host = rest.split("/", 1)[0]
    if "{" in host:  # t{s}.tianditu.gov.cn -> *.tianditu.gov.cn
        host = "*." + host.split(".", 1)[1]
    return f" {scheme}://{host}"


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent.parent
DATA_DIR = Path(env("MINGZHU_DATA_DIR", str(Path.cwd() / "var")))
NODE_MODULES = Path(env("MINGZHU_NODE_MODULES", str(SOURCE_ROOT / "node_modules")))

DEBUG = env_bool("MINGZHU_DEBUG", False)
# Demo users (documented password) may only log in when this is on: `mingzhu demo` turns it
# on for its own server; production leaves it off.
ALLOW_DEMO_USERS = env_bool("MINGZHU_DEMO", DEBUG)

INSECURE_DEV_KEY = "django-insecure-mingzhu-development-key-not-for-production"
SECRET_KEY = env("MINGZHU_SECRET_KEY") or INSECURE_DEV_KEY
# The key personal data (requesters' phones, ID numbers) is encrypted with; SECRET_KEY when
# unset. Keep it with the backups: without it those values cannot be read back.
PERSONAL_DATA_KEY = env("MINGZHU_PERSONAL_DATA_KEY")

ALLOWED_HOSTS = env_list("MINGZHU_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("MINGZHU_CSRF_TRUSTED_ORIGINS")

# Behind TLS (directly or through a reverse proxy) set MINGZHU_HTTPS=1.
HTTPS = env_bool("MINGZHU_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("MINGZHU_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("MINGZHU_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind the documented reverse proxy: the client's address (login throttling, audit
# trail), the request id and the scheme are read from its headers, but only on connections
# from one of MINGZHU_TRUSTED_PROXIES (mingzhu.core.proxy); other callers' headers are
# ignored. The scheme is set by the WSGI server `mingzhu serve` configures from these two
# settings (X-Forwarded-Proto), not by SECURE_PROXY_SSL_HEADER, which would believe anybody.
BEHIND_PROXY = env_bool("MINGZHU_BEHIND_PROXY", False)
TRUSTED_PROXIES = env_list("MINGZHU_TRUSTED_PROXIES", "127.0.0.1,::1")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("MINGZHU_SESSION_SECONDS", 8 * 3600)
SESSION_ENGINE = "mingzhu.org.session_store"  # Django's database sessions, read by a kept query
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A map tile service (the intranet's own, or 天地图 with its key), as a URL template
# ("https://tiles.example.gov.cn/{z}/{x}/{y}.png"; {s} for subdomains): when set, the lists
# of events, hazards and projects show those with coordinates on a map (core.maps).
MAP_TILES = env("MINGZHU_MAP_TILES")
MAP_ATTRIBUTION = env("MINGZHU_MAP_ATTRIBUTION")
MAP_TILE_SOURCE = map_tile_source(MAP_TILES)
# Scripts only from the site: no inline <script>, no onclick=, no eval (page scripts live in
# static/mingzhu/). Styles may be inline (ECharts and Bootstrap set style attributes);
# images may be data: URLs (Bootstrap's form icons).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: blob:{MAP_TILE_SOURCE}; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "auditlog",
    "mingzhu.core",
    "mingzhu.org",
    "mingzhu.tasks",
    "mingzhu.grid",
    "mingzhu.targets",
    "mingzhu.projects",
    "mingzhu.appraisal",
    "mingzhu.enterprises",
    "mingzhu.risks",
    "mingzhu.documents",
    "mingzhu.livelihood",
    "mingzhu.rural",
    "mingzhu.party",
    "mingzhu.civility",
    "mingzhu.cockpit",
    "mingzhu.notify",
    "mingzhu.system",
    "mingzhu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mingzhu.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mingzhu.core.audit.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mingzhu.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mingzhu.core.audit.AuditActorMiddleware",
    "mingzhu.core.replica.OwnWritesMiddleware",
    "mingzhu.org.sessions.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mingzhu.tasks.middleware.CalendarWarningMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that its answer to a refused write comes before any other's.
    "mingzhu.core.middleware.DatabaseRefusalMiddleware",
]

ROOT_URLCONF = "mingzhu.urls"
WSGI_APPLICATION = "mingzhu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mingzhu.core.context_processors.platform",
            ],
        },
    },
]

# Django's form renderer, with selects drawn in Python (core.renderers).
FORM_RENDERER = "mingzhu.core.renderers.FormRenderer"

CACHES = {
    # Shared by every worker process (and server): the cockpit's panels per scope and day
    # (core.cache, cockpit.panels), the API's throttle counts. A table of the database,
    # made on every migrate: nothing more to install or run, on Linux or Windows.
    "default": {
        # Django's database cache, each write in one statement (core.cache_table).
        "BACKEND": "mingzhu.core.cache_table.TableCache",
        "LOCATION": "mingzhu_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("MINGZHU_CACHE_MAX_ENTRIES", 20_000)},
    },
    # What one process remembers for itself (when it last refreshed a session's row): an
    # entry per signed-in session. Django's default of 300 entries would be culled by a
    # county's morning of users, each cull costing those sessions a write again.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # One-time form tokens (core.once): a table, shared by every worker process.
    "once": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "mingzhu_once"},
}
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'mingzhu.sqlite3'}",
        conn_max_age=env_int("MINGZHU_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
# A streaming replica of the primary, read by the heavy read pages (docs/scaling.md).
if env("MINGZHU_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("MINGZHU_REPLICA_URL"),
        conn_max_age=env_int("MINGZHU_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = {
        "connect_timeout": 3,
        **DATABASES["replica"].get("OPTIONS", {}),
    }
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL's JIT compiler starts on any query the planner estimates costly, and the
# correlated reads of a past day's tasks (tasks.history) are estimated so: compiling took
# 0.3-0.5 s for queries that run in 13 ms (docs/benchmarks.md). The platform's queries
# are short, so the connections turn it off unless MINGZHU_DB_JIT=1 (or the database URL
# sets its own options).
if not env_bool("MINGZHU_DB_JIT", False):
    for _db in DATABASES.values():
        if _db["ENGINE"] == "django.db.backends.postgresql":
            _db.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DATABASE_ROUTERS = ["mingzhu.core.replica.ReplicaRouter"]
# A user who wrote reads from the primary for this long (more than the replica's lag).
REPLICA_OWN_WRITES_SECONDS = env_int("MINGZHU_REPLICA_OWN_WRITES_SECONDS", 5)
REPLICA_RETRY_SECONDS = env_int("MINGZHU_REPLICA_RETRY_SECONDS", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "mingzhu.org.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "mingzhu.core.views.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after 5 failures for the same user name from the same address, that
# pair is locked out for 15 minutes; after 20 failures from one address, whatever the user
# names, that address is (mingzhu.org.throttle). The address is the client's as
# mingzhu.core.proxy finds it, so a forged X-Forwarded-For neither escapes the limit nor
# locks somebody else out.
AXES_FAILURE_LIMIT = env_int("MINGZHU_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("MINGZHU_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("MINGZHU_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "mingzhu.org.throttle.LoginThrottle"
AXES_CLIENT_IP_CALLABLE = "mingzhu.core.proxy.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# Failed sign-ins are kept (not only counted) for the login log page (org.views).
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Spreadsheet imports (mingzhu.core.tabular): refused above these before parsing, so a big
# or hostile file cannot take the server's memory or hold the database for long. Split
# larger files.
IMPORT_MAX_BYTES = env_int("MINGZHU_IMPORT_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("MINGZHU_IMPORT_MAX_UNPACKED_MB", 50) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("MINGZHU_IMPORT_MAX_ROWS", 10_000)
# System parameters (mingzhu.system.params) are re-read from the database this often.
PARAMETER_CACHE_SECONDS = env_int("MINGZHU_PARAMETER_CACHE_SECONDS", 60)
# How long a cockpit panel is kept at most (a write that changes it invalidates it at
# once: core.cache); 0 computes every panel on every visit.
COCKPIT_CACHE_SECONDS = env_int("MINGZHU_COCKPIT_CACHE_SECONDS", 900)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("MINGZHU_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "mingzhu.core.assets.VendorFinder",
]
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MINGZHU_MEDIA_ROOT", str(DATA_DIR / "media")))
# An office's own 公文 templates (.docx), used before the shipped ones (core/gongwen.py).
DOCX_TEMPLATES = env("MINGZHU_DOCX_TEMPLATES") or None
MEDIA_URL = "/media/"
WHITENOISE_MAX_AGE = 3600

# Outbound notices: the address the links in messages start with, and the mail server
# (Django's settings) for the e-mail channel.
SITE_URL = env("MINGZHU_SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = env("MINGZHU_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("MINGZHU_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("MINGZHU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env("MINGZHU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MINGZHU_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env("MINGZHU_EMAIL_FROM", "mingzhu@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mingzhu.core.drf.TokenAuthentication",
        "mingzhu.core.drf.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["mingzhu.core.drf.ScopedModelPermissions"],
    "DEFAULT_PAGINATION_CLASS": "mingzhu.core.drf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "mingzhu.core.drf.StrictOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "mingzhu.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "mingzhu.core.drf.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
}
from mingzhu.core.openapi import ChoiceEnumNames  # noqa: E402

SPECTACULAR_SETTINGS = {
    "TITLE": "Mingzhu API",
    "DESCRIPTION": "Mingzhu (明珠) governance platform, API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # One enum name per choice class (many models have their own "status" and "kind").
    "ENUM_NAME_OVERRIDES": ChoiceEnumNames(),
    # Component, enum and operation names in ASCII, for the clients generated from them;
    # the error responses every operation may give.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mingzhu.core.openapi.ascii_names",
    ],
}

# Audit trail (django-auditlog): the correlation id of each entry is the request id.
AUDITLOG_CID_GETTER = "mingzhu.core.audit.get_request_id"
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("MINGZHU_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

PLATFORM_NAME = _("Mingzhu")
CITY_NAME = env("MINGZHU_CITY_NAME", "扬中市")
