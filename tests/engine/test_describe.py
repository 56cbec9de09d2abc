"""Every PI's definition reads as a plain English sentence, generated from the definition."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.framework.catalogue import load_catalogue
from jsw.framework.describe import describe

CATALOGUE = load_catalogue()


@pytest.mark.parametrize("pi", CATALOGUE.indicators, ids=lambda pi: pi.id)
def test_every_pi_is_described_in_a_sentence(pi):
    text = describe(pi.kind, pi.definition)
    assert text[0].isupper() and text.endswith(".")
    assert "None" not in text and "  " not in text
    # Field names appear as words, never as code: no `start_date`, no `order.start_date`.
    assert not re.search(r"[a-z]_[a-z]|[a-z]\.[a-z]", text)


@pytest.mark.parametrize(
    ("indicator_id", "words"),
    [
        ("cpos-imposed", "The number of Community Payback Orders started in the period."),
        ("lscmi-20-days", "20 working days after the start date"),
        ("upw-completed-in-time", "3 months after the order's start date for those with 100"),
        ("people-on-cpos", "each person counted once"),
        ("significant-reviews", "enters for the period"),
        ("cpo-breach-applications", "with a breach application made in the period"),
    ],
)
def test_the_words_follow_the_definition(indicator_id, words):
    pi = CATALOGUE.indicator(indicator_id)
    assert words in describe(pi.kind, pi.definition)


def test_jsw_framework_show_prints_one_pi_with_its_words():
    result = CliRunner().invoke(main, ["framework", "show", "cpo-seen-1-day"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("cpo-seen-1-day: Number (%) of new CPO individuals seen")
    assert "1 working day after the start date" in result.output
    assert "5.3 Planning and providing effective intervention" in result.output


def test_jsw_framework_show_refuses_an_unknown_pi():
    result = CliRunner().invoke(main, ["framework", "show", "no-such-pi"], standalone_mode=True)
    assert result.exit_code == 2
    assert "no PI 'no-such-pi'" in result.output
