"""Django settings, all taken from the environment through `jsw.env`.

Safe laptop defaults: a SQLite file in the working directory, DEBUG off, a secret key
generated once and kept beside the database, plain HTTP on the local host. Production turns
on HTTPS redirects, HSTS and the proxy header with environment variables (see README), and
`python -m django check --deploy` is then clean. Values that could mean two things are refused.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from jsw import bootstrap, database_url, logs, sso_settings
from jsw.env import env_bool, env_dates, env_int, env_list, env_str
from jsw.secret_key import secret_key

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_DATABASE_FILE = "jsw.sqlite3"


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL") or f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"
    config = database_url.parse(url)
    # Each server thread keeps its connection between requests (opening one, with SQLite's
    # pragmas, cost more than a cached page); checked before reuse, so a restarted PostgreSQL
    # costs one failed check, not a failed request.
    config["CONN_MAX_AGE"] = 600
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == database_url.SQLITE_ENGINE:
        config["OPTIONS"] = {
            # WAL lets the web app read while an import writes; IMMEDIATE takes the write lock
            # at the start of a transaction, not in the middle of it; a writer waits up to
            # `timeout` seconds for another to finish before "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("JSW_SQLITE_TIMEOUT", 30, maximum=3600),
        }
    return config


def _allowed_hosts() -> list[str]:
    hosts = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
    if "*" in hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must name this server's host names (e.g. jsw.example.org); "
            "'*' would answer requests for any host"
        )
    return hosts


DATABASES = {"default": _database()}
DEBUG = env_bool("DEBUG")
_sqlite_file = (
    Path(DATABASES["default"]["NAME"])
    if DATABASES["default"]["ENGINE"] == database_url.SQLITE_ENGINE
    else None
)
SECRET_KEY = secret_key(_sqlite_file, debug=DEBUG, serving=bootstrap.serving())
ALLOWED_HOSTS = _allowed_hosts()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mozilla_django_oidc",
    # Before the dashboard, whose admin module replaces django-axes' admin pages.
    "axes",
    "jsw.framework",
    "jsw.records",
    "jsw.indicators",
    "jsw.analysis",
    "jsw.reports",
    "jsw.dashboard",
    "django_tasks",
    "django_tasks_db",
]

# Background jobs: queued in the database, run by `jsw worker` (docs/operations.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Packs that may wait for or be built by the worker at once; more are refused (503).
JSW_PACK_JOBS = env_int("JSW_PACK_JOBS", 4, minimum=1, maximum=100)
# Structured logs to standard error, one JSON object a line (jsw/logs.py), where systemd's
# journal or a terminal keeps them: a server error's traceback included (`django.request`).
LOGGING = logs.settings(env_str("JSW_LOG_LEVEL", "INFO").upper())

MIDDLEWARE = [
    "jsw.dashboard.request_log.RequestLog",
    # Before anything reads the request: only GET, HEAD and POST (405 otherwise).
    "jsw.dashboard.request_limits.MethodGate",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the user is known, before CSRF reads the body (views' hooks run after every
    # middleware's request phase): 413 for a body larger than this user may send here.
    "jsw.dashboard.request_limits.BodyLimit",
    "jsw.dashboard.request_limits.NoStore",
    "jsw.dashboard.middleware.AdminGate",
    "jsw.dashboard.middleware.ActorMiddleware",
    "jsw.dashboard.middleware.CaseLevelViews",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

# Pages kept by `jsw.dashboard.pagecache`. The server processes of one `jsw serve` share them
# through a private folder it makes at start and removes at exit (JSW_PAGE_CACHE_DIR, set by
# it for them), so a page is built once, not once per process; otherwise in memory.
_page_folder = env_str("JSW_PAGE_CACHE_DIR")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _page_folder,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
        if _page_folder
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
    ),
}

ROOT_URLCONF = "jsw.urls"
WSGI_APPLICATION = "jsw.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jsw.dashboard.context.results_status",
            ]
        },
    }
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Strength, not only length: refuses repeats, runs and doubled words (aaaaaaaaaaaa,
    # abcdefghijkl, passwordpassword), which zxcvbn scores 0 of 4.
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 3
PASSWORD_EXTRA_DICTIONARY = ["jsw", "justice", "social", "work", "council"]

# Off by default (a local server speaks plain HTTP); a production server behind HTTPS turns
# them on. Behind a proxy that ends TLS, the proxy's X-Forwarded-Proto says a request was HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
# Personal data: cookies go over HTTPS only wherever the server speaks HTTPS (a plain-HTTP
# local server would otherwise lose its session cookie in non-browser clients); sessions end
# with the browser, and after 8 hours whatever happens.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "jsw.dashboard.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
if env_bool("JSW_BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The dashboard: one login page, lockout after repeated wrong passwords (django-axes), and a
# strict Content Security Policy (django-csp): no inline script or style, no framing. Charts
# are SVG images (`data:`), which keep their own styles.
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Single sign-on with OpenID Connect (docs/deploy.md): on when JSW_OIDC_ISSUER is given.
_sso = sso_settings.from_environment()
JSW_OIDC_ISSUER: str = _sso.pop("JSW_OIDC_ISSUER")
JSW_OIDC_GROUPS_CLAIM: str = _sso.pop("JSW_OIDC_GROUPS_CLAIM")
JSW_OIDC_USERNAME_CLAIM: str = _sso.pop("JSW_OIDC_USERNAME_CLAIM")
JSW_OIDC_ROLE_GROUPS: dict[str, str] = _sso.pop("JSW_OIDC_ROLE_GROUPS")
globals().update(_sso)  # mozilla-django-oidc's OIDC_* settings, when single sign-on is on
if JSW_OIDC_ISSUER:
    AUTHENTICATION_BACKENDS.append(sso_settings.BACKEND)

AXES_FAILURE_LIMIT = env_int("JSW_LOGIN_FAILURES", 5, minimum=1, maximum=10)
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locked out by user name, not by address: a council office reaches the server from one
# address, and a lockout by address would lock every colleague out with the one who mistyped.
# Django-axes warns about that choice (W006); it is deliberate, so `check --deploy` is clean.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True  # the lockout count; the failure log below is kept
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 1000
AXES_VERBOSE = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# `jsw serve` builds the static files into STATIC_ROOT before it serves (hashed names, gzip
# copies, long cache lifetimes: `jsw.dashboard.server.build_static`); until they are built,
# pages name the apps' own files, which WhiteNoise finds there, so no step is ever required.
# WhiteNoise's warning that STATIC_ROOT does not exist yet is noise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "jsw.dashboard.static_storage.StaticFiles"},
}
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
# Where uploads wait for the worker (default: beside a SQLite database, else the temp folder).
JSW_UPLOAD_DIR = env_str("JSW_UPLOAD_DIR") or None
JSW_UPLOAD_MAX_MB = env_int("JSW_UPLOAD_MAX_MB", 200, minimum=1, maximum=4096)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads stream to a temporary file
FILE_UPLOAD_HANDLERS = [
    # First: counts the bytes really streamed and stops past JSW_UPLOAD_MAX_MB.
    "jsw.dashboard.request_limits.CountingUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or Path.cwd() / "staticfiles")

# Local holidays (Aberdeen's April, Trades and Autumn holidays) are off by default: a
# comma-separated list of ISO dates (more can be added in the admin).
JSW_LOCAL_HOLIDAYS = env_dates("JSW_LOCAL_HOLIDAYS")
JSW_FRAMEWORK_FILE = env_str("JSW_FRAMEWORK_FILE")
# Processes that compute PIs in parallel, and the number of orders from which it pays.
JSW_COMPUTE_WORKERS = env_int("JSW_COMPUTE_WORKERS", min(2, os.cpu_count() or 1), maximum=64)
JSW_PARALLEL_FROM_ORDERS = env_int("JSW_PARALLEL_FROM_ORDERS", 20_000, minimum=0)
# Public packs show a counted figure from 1 to this minus 1 as [c] (docs/disclosure.md).
JSW_DISCLOSURE_THRESHOLD = env_int("JSW_DISCLOSURE_THRESHOLD", 5, minimum=1, maximum=100)
# A council's own Word templates for `--format docx` (docs/reports.md); blank: the packaged ones.
JSW_WORD_TEMPLATE_QUARTERLY = env_str("JSW_WORD_TEMPLATE_QUARTERLY")
JSW_WORD_TEMPLATE_ANNUAL = env_str("JSW_WORD_TEMPLATE_ANNUAL")
