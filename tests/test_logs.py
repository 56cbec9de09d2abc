"""Log lines are one JSON object each, carry the request id, user and job they belong to, and
keep a traceback's frames without the exception's message (which can quote a record)."""

from __future__ import annotations

import json
import logging

import pytest

from jsw import logs


def _line(record: logging.LogRecord) -> dict[str, object]:
    text = logs.JsonFormatter().format(record)
    assert "\n" not in text  # one line per event, traceback included
    return json.loads(text)


def _record(message: str, exc_info=None, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("jsw.test", logging.ERROR, __file__, 1, message, (), exc_info)
    record.__dict__.update(extra)
    return record


@pytest.mark.once
def test_a_line_has_its_context_and_its_own_fields() -> None:
    with logs.bind(request_id="abc123", user="ali"), logs.bind(job="j-1"):
        line = _line(_record("upload queued", upload=7))
    assert line["event"] == "upload queued" and line["level"] == "error"
    assert (line["request_id"], line["user"], line["job"], line["upload"]) == (
        "abc123",
        "ali",
        "j-1",
        7,
    )
    assert "request_id" not in _line(_record("outside"))  # the context has ended


@pytest.mark.once
def test_a_traceback_keeps_its_frames_and_type_but_not_the_message() -> None:
    person = "-".join(["P", "00123"])  # a record's value: in the messages, not in the source

    def refuse() -> None:
        raise ValueError(f"duplicate key (person_id)=({person})")

    try:
        try:
            refuse()
        except ValueError as exc:
            raise RuntimeError(f"import stopped for {person}") from exc
    except RuntimeError as exc:
        line = _line(_record("upload failed", (type(exc), exc, exc.__traceback__)))
    trace = str(line["traceback"])
    assert "in refuse" in trace and "builtins.ValueError" in trace
    assert "builtins.RuntimeError" in trace
    assert person not in json.dumps(line)


@pytest.mark.once
def test_an_unknown_log_level_is_refused() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="JSW_LOG_LEVEL"):
        logs.settings("LOUD")
