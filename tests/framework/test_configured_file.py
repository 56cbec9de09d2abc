"""Which catalogue file is used: the setting, the environment, or the packaged file."""

from __future__ import annotations

from jsw.framework import catalogue as module
from jsw.framework.catalogue import PACKAGED_FILE, configured_path, load_catalogue
from tests.framework.editing import PACKAGED_TEXT, edit, write


def test_it_uses_the_packaged_file_when_nothing_is_set(settings, monkeypatch):
    monkeypatch.delenv("JSW_FRAMEWORK_FILE", raising=False)
    settings.JSW_FRAMEWORK_FILE = ""
    assert configured_path() == PACKAGED_FILE


def test_it_uses_the_django_setting_when_set(settings, tmp_path):
    text = edit(PACKAGED_TEXT, "owner: Lead for Social Work", "owner: Head of Service")
    settings.JSW_FRAMEWORK_FILE = str(write(tmp_path, text))
    loaded = load_catalogue()
    assert loaded.path == tmp_path / "catalogue.yaml"
    assert loaded.governance.owner == "Head of Service"


def test_it_reads_the_environment_when_django_is_not_configured(monkeypatch, tmp_path):
    monkeypatch.setattr(module, "_setting", lambda: None)  # as when Django is not set up
    monkeypatch.setenv("JSW_FRAMEWORK_FILE", str(tmp_path / "elsewhere.yaml"))
    assert configured_path() == tmp_path / "elsewhere.yaml"
