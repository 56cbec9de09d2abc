"""jsw's one YAML loader refuses anchors, aliases and absurd nesting at once, with a line,
and reads mapping profiles as text with unique keys; the catalogue and mapping profiles
both go through it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from jsw.framework.catalogue import load_catalogue
from jsw.framework.issues import CatalogueError
from jsw.lib.yamlsafe import MAX_DEPTH, YamlProblem, compose, load_text
from jsw.records.importer.mapping import MappingError, load_mapping
from tests.framework.editing import PACKAGED_TEXT, edit, write

ALIAS_CYCLE = "a: &loop [*loop]\n"
# Nine levels of ten aliases each: 10^9 strings if expanded.
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)


def test_an_alias_cycle_is_refused_at_its_anchor():
    with pytest.raises(YamlProblem) as caught:
        compose(ALIAS_CYCLE)
    assert caught.value.line == 1
    assert "anchor &loop is not allowed" in caught.value.message


def test_a_billion_laughs_is_refused_at_once():
    started = time.perf_counter()
    with pytest.raises(YamlProblem, match="anchor &a is not allowed"):
        compose(LAUGHS)
    assert time.perf_counter() - started < 1


def test_an_alias_without_an_anchor_is_refused_as_an_alias():
    with pytest.raises(YamlProblem, match=r"line 2: .*alias \*nowhere"):
        compose("a: 1\nb: *nowhere\n")


@pytest.mark.parametrize(("depth", "refused"), [(MAX_DEPTH - 1, False), (MAX_DEPTH + 1, True)])
def test_nesting_is_bounded(depth, refused):
    text = "[" * depth + "]" * depth
    if refused:
        with pytest.raises(YamlProblem, match=f"more than {MAX_DEPTH} levels"):
            compose(text)
    else:
        assert compose(text)[1] is not None


def test_deep_nesting_far_past_the_recursion_limit_is_refused_cleanly():
    with pytest.raises(YamlProblem):
        compose("[" * 50_000)


def test_text_mode_keeps_yaml_1_1_booleans_and_numbers_as_written():
    data = load_text("Yes: Y\nNo: N\non: 'x'\nOff: 1.10\n")
    assert data == {"Yes": "Y", "No": "N", "on": "x", "Off": "1.10"}


def test_text_mode_refuses_a_key_given_twice_with_both_lines():
    with pytest.raises(YamlProblem) as caught:
        load_text("tables:\n  people:\n    file: a.csv\n  people:\n    file: b.csv\n")
    assert caught.value.line == 4
    assert caught.value.message == "duplicate key 'people' (first given on line 2)"


def test_a_catalogue_with_an_alias_is_refused_with_its_line(tmp_path):
    text = edit(PACKAGED_TEXT, "  owner: Lead for Social Work", "  owner: &who Lead")
    text = edit(text, "- id: cpos-imposed", "- id: *who")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, text))
    [issue] = caught.value.issues
    assert issue.line == text[: text.index("&who")].count("\n") + 1
    assert "anchor &who is not allowed" in issue.message


def test_a_catalogue_of_laughs_is_refused_quickly(tmp_path):
    started = time.perf_counter()
    with pytest.raises(CatalogueError, match="anchor &a is not allowed"):
        load_catalogue(write(tmp_path, LAUGHS))
    assert time.perf_counter() - started < 1


def profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_mapping_profile_reads_yes_and_no_as_the_source_values_they_are(tmp_path):
    mapping = load_mapping(
        profile(
            tmp_path,
            "tables:\n  orders:\n    values:\n      end_reason:\n"
            "        Yes: COMPLETED\n        No: OTHER\n        on: DIED\n",
        )
    )
    assert mapping.values("orders") == {
        "end_reason": {"yes": "COMPLETED", "no": "OTHER", "on": "DIED"}
    }


def test_a_mapping_profile_with_a_duplicate_key_says_where(tmp_path):
    text = "tables:\n  orders:\n    columns:\n      Case: order_id\n      Case: person_id\n"
    with pytest.raises(MappingError) as caught:
        load_mapping(profile(tmp_path, text))
    assert caught.value.problems == [
        "not a valid YAML file: line 5: duplicate key 'Case' (first given on line 4)"
    ]


def test_a_mapping_profile_with_aliases_is_refused(tmp_path):
    with pytest.raises(MappingError, match="anchor &a is not allowed"):
        load_mapping(profile(tmp_path, LAUGHS))
