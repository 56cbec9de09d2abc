"""Django settings, all taken from the environment.

Safe laptop defaults: a SQLite file in the working directory, DEBUG off, a secret key
generated once and kept beside the database. Ambiguous environment values are refused.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_DATABASE_FILE = "jsw.sqlite3"
SECRET_KEY_FILE = "jsw.secret"  # noqa: S105  (a file name, not a secret)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    return url or f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


def _database() -> dict[str, Any]:
    url = database_url()
    if not url.startswith(("sqlite:", "postgres:", "postgresql:")):
        raise ImproperlyConfigured(
            "DATABASE_URL must start with sqlite:/// or postgres://; got " + url.split(":", 1)[0]
        )
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    if config["ENGINE"].endswith("sqlite3"):
        config["OPTIONS"] = {
            # WAL lets the dashboard read while an import writes; IMMEDIATE avoids
            # "database is locked" upgrades in the middle of a transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


def _secret_key_path(database: dict[str, Any]) -> Path:
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] not in ("", ":memory:"):
        return Path(database["NAME"]).parent / SECRET_KEY_FILE
    return Path.cwd() / SECRET_KEY_FILE


def _secret_key(database: dict[str, Any]) -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    path = _secret_key_path(database)
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key


DATABASES = {"default": _database()}
SECRET_KEY = _secret_key(DATABASES["default"])
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "jsw.framework",
    "jsw.records",
    "jsw.indicators",
    "jsw.analysis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
]

# Personal data: cookies stay on HTTPS in production, sessions end with the browser.
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", Path.cwd() / "staticfiles"))

# Local holidays (Aberdeen's April, Trades and Autumn holidays) are off by default:
# a comma-separated list of ISO dates, or a file of them, one per line.
JSW_LOCAL_HOLIDAYS = env_list("JSW_LOCAL_HOLIDAYS")
JSW_FRAMEWORK_FILE = os.environ.get("JSW_FRAMEWORK_FILE", "")
