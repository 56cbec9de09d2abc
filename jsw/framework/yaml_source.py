"""Reading a catalogue's YAML while remembering where each value was written.

The data is built from the composed node tree, so a field path such as
`("indicators", 3, "frequency")` can be traced back to its line. Duplicate keys, which
plain YAML loading silently collapses to the last one, are reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from jsw.framework.issues import Path_


@dataclass
class Source:
    """A parsed YAML document with the line (1-based) of every key and item."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest part of `path` that exists (a missing key: its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


def parse(text: str) -> Source:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(line, _describe(exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(None, str(exc)) from exc
    finally:
        loader.dispose()
    source = Source(data=data)
    if node is not None:
        source.lines[()] = node.start_mark.line + 1
        _walk(node, (), source)
    return source


def _describe(exc: yaml.MarkedYAMLError) -> str:
    context = exc.context
    if context and exc.context_mark is not None and exc.context_mark != exc.problem_mark:
        context += f" (begun on line {exc.context_mark.line + 1})"
    parts = [part for part in (context, exc.problem) if part]
    return "YAML syntax: " + "; ".join(parts) if parts else "YAML syntax error"


def _walk(node: yaml.Node, path: Path_, source: Source) -> None:
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            source.lines[(*path, index)] = item.start_mark.line + 1
            _walk(item, (*path, index), source)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            here = (*path, key)
            if key in seen:
                source.duplicates.append((here, key_node.start_mark.line + 1))
                continue
            seen.add(key)
            source.lines[here] = key_node.start_mark.line + 1
            _walk(value_node, here, source)
