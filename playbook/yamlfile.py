"""YAML files read with line numbers, so errors can say file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class SourceError(Exception):
    """A problem in a trainer-edited file: where it is, and what was expected."""

    def __init__(self, path: Path | str, line: int | None, what: str) -> None:
        self.path, self.line, self.what = Path(path), line, what
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {what}")


@dataclass(frozen=True)
class Located:
    """Parsed YAML plus a map from key paths to 1-based line numbers."""

    path: Path
    data: Any
    lines: dict[tuple, int]

    def line(self, *keys: object) -> int | None:
        """Line of the deepest known node on the key path ``keys``."""
        keys_t = tuple(keys)
        while keys_t not in self.lines and keys_t:
            keys_t = keys_t[:-1]
        return self.lines.get(keys_t)

    def error(self, keys: tuple, what: str) -> SourceError:
        return SourceError(self.path, self.line(*keys), what)


def _walk(node: yaml.Node, prefix: tuple, lines: dict[tuple, int]) -> None:
    lines.setdefault(prefix, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = prefix + (key_node.value,)
            lines[key] = key_node.start_mark.line + 1
            _walk(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[prefix + (i,)] = item.start_mark.line + 1
            _walk(item, prefix + (i,), lines)


def load(path: Path | str) -> Located:
    """Read ``path`` as YAML; a syntax error becomes a SourceError with its line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SourceError(path, None, f"cannot read the file ({err.strerror})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise SourceError(path, mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return Located(path, data, lines)
