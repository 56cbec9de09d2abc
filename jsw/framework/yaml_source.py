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
from jsw.lib.yamlsafe import YamlProblem, compose

# The loader's refusal, by the name the catalogue has always used for it.
YamlSyntaxError = YamlProblem


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


def parse(text: str) -> Source:
    """The document with its lines; `YamlSyntaxError` (with a line) if it cannot be read,
    including anchors and aliases, which `jsw.lib.yamlsafe` refuses."""
    node, data = compose(text)
    source = Source(data=data)
    if node is not None:
        source.lines[()] = node.start_mark.line + 1
        _walk(node, (), source)
    return source


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
