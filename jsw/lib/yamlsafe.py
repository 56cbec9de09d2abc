"""The one way jsw reads YAML files (the framework catalogue, mapping profiles).

PyYAML's safe loader still expands aliases: an alias cycle ends in RecursionError and a few
hundred bytes of nested aliases ("billion laughs") take minutes and gigabytes. None of jsw's
files needs anchors or aliases, so they are refused outright, as is nesting deeper than any
real file goes. Every refusal is a `YamlProblem` with the line it was found on.

`load_text` reads a file of names (a mapping profile): every scalar is the text as written
(`Yes:`, `on:`, `1.10` stay text, not YAML 1.1 booleans or numbers), and a key given twice is
refused with both lines.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

# Far deeper than any catalogue or profile, far shallower than Python's recursion limit.
MAX_DEPTH = 40


class YamlProblem(ValueError):
    """The text cannot be read as a jsw YAML file; `line` is 1-based, None if unknown."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


class _Guarded:
    """Composer hooks shared by both loaders: no anchors, no aliases, bounded nesting."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, f"alias *{event.anchor} is not allowed: write the value out")
        if getattr(event, "anchor", None) is not None:
            raise YamlProblem(line, f"anchor &{event.anchor} is not allowed: write values out")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlProblem(line, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class SafeLoader(_Guarded, yaml.SafeLoader):
    """PyYAML's safe loader (dates, numbers, booleans) without anchors or aliases."""


class TextLoader(_Guarded, Reader, Scanner, Parser, Composer, SafeConstructor, BaseResolver):
    """Every scalar is text as written; lists and mappings as usual; keys unique."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        BaseResolver.__init__(self)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if isinstance(key, list | dict):
                raise YamlProblem(line, "a key must be a plain name, not a list or a mapping")
            if key in first:
                raise YamlProblem(line, f"duplicate key {key!r} (first given on line {first[key]})")
            first[key] = line
        return super().construct_mapping(node, deep=deep)


def compose(text: str, loader_class: type[Any] = SafeLoader) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its data; YamlProblem if refused."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else None, _describe(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()
    return node, data


def load_text(text: str) -> Any:
    """A file of names: every scalar as text, unique keys, no anchors or aliases."""
    return compose(text, TextLoader)[1]


def _describe(exc: yaml.MarkedYAMLError) -> str:
    context = exc.context
    if context and exc.context_mark is not None and exc.context_mark != exc.problem_mark:
        context += f" (begun on line {exc.context_mark.line + 1})"
    parts = [part for part in (context, exc.problem) if part]
    return "YAML syntax: " + "; ".join(parts) if parts else "YAML syntax error"
