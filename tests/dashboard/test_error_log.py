"""A server error leaves a trace: its traceback on standard error as a JSON line (the
settings' LOGGING), while the user gets a plain 500 page without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.dashboard.failing_urls"):
    response = Client(raise_request_exception=False).get("/fail/")
print(response.status_code, b"a fault for the logging test" in response.content)
"""


@pytest.mark.once
def test_a_server_error_logs_its_traceback_on_standard_error(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jsw.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'jsw.sqlite3'}",
        "SECRET_KEY": "test-only-not-a-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.stdout.split() == ["500", "False"], done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert error["level"] == "error"
    assert "Traceback (most recent call last)" in error["traceback"]
    # The type without the message: an exception's message can quote a record.
    assert error["traceback"].splitlines()[-1] == "builtins.RuntimeError"
