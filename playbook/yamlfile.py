"""The one reader of trainer-edited files: text as UTF-8, YAML with a line for every key.

Every YAML file of a course (course, policy, scorecard, module.yaml) goes
through ``load``; every page template through ``read_text``. Both raise
``SourceError`` with the file, the line and what was expected, so a trainer
never sees a traceback:

- bytes that are not UTF-8: the byte offset and its line;
- a key written twice in one mapping: both lines (YAML would keep the last);
- anchors of lists and mappings (``&name [...]``) and merge keys (``<<``):
  refused where they appear, before anything is expanded, so a file of
  nested aliases cannot make the loader build gigabytes; a single value may
  be anchored and reused (``target: &target "600000"`` ... ``*target``), a
  figure written once, which cannot expand;
- nesting deeper than ``MAX_DEPTH``, keys that are lists or mappings, and
  anything YAML itself refuses (syntax, unknown tags).

``Located.line(*keys)`` gives the line of any key path, for checks that
find a problem later (``doc.error(keys, what)``).
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from calculators.i18n import L, message, register_messages

from .lang import reader_lang

MAX_DEPTH = 64
# Parsed files by (path, text): a long-lived process (``playbook serve``, ``build --all``) parses
# each version of a file once. Callers get their own copy of the data.
_PARSED: OrderedDict[tuple[str, str], Located] = OrderedDict()
_PARSED_KEEP = 256
_PARSED_LOCK = threading.Lock()  # build --all reads courses side by side


def _say(code: str, **params: Any) -> str:
    """A problem of the file itself, in the reader's language (``playbook.lang``)."""
    return message(code, reader_lang(), **params)


class SourceError(Exception):
    """A problem in a trainer-edited file: where it is, and what was expected."""

    def __init__(self, path: Path | str, line: int | None, what: str) -> None:
        self.path, self.line, self.what = Path(path), line, what
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {what}")


class SourceErrors(SourceError):
    """Several problems in trainer-edited files, reported together: ``problems`` lists them in order.

    The first problem is also this error's own ``path``, ``line`` and ``what``;
    ``str()`` is every problem, one ``file:line: what`` per line.
    """

    def __init__(self, problems: list[SourceError]) -> None:
        flat: list[SourceError] = []
        for p in problems:
            flat.extend(p.problems if isinstance(p, SourceErrors) else [p])
        self.problems = flat
        first = flat[0]
        super().__init__(first.path, first.line, first.what)
        self.args = ("\n".join(str(p) for p in flat),)

    def __str__(self) -> str:
        return self.args[0]


def raise_all(problems: list[SourceError]) -> None:
    """Raise ``problems`` together, file by file in line order (one alone as itself); nothing when there are none."""
    flat = [q for p in problems for q in (p.problems if isinstance(p, SourceErrors) else [p])]
    order = {str(p.path): i for i, p in reversed(list(enumerate(flat)))}  # files in the order first met
    flat.sort(key=lambda p: (order[str(p.path)], p.line or 0))
    if len(flat) == 1:
        raise flat[0]
    if flat:
        raise SourceErrors(flat)


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

    def problems(self, problems: list[Any], lang: str, at: tuple = ()) -> list[SourceError]:
        """``calculators.schema.Problem``s found in the data at key path ``at``, each with this file and its line."""
        return [SourceError(self.path, self.line(*at, *p.path), p.at(at).line_text(lang)) for p in problems]


def decode(data: bytes, path: Path | str) -> str:
    """``data`` as UTF-8 text (a leading byte-order mark dropped); SourceError at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(path, line, _say("yaml_not_utf8", byte=err.start, hex=f"{data[err.start]:02x}")) from None


def read_text(path: Path | str) -> str:
    """The text of a source file; SourceError when it cannot be read or is not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(path, None, _say("yaml_unreadable", reason=err.strerror)) from None
    return decode(data, path)


class _Loader(yaml.SafeLoader):
    """Safe YAML without duplicate keys, merge keys or reused lists and mappings."""

    def __init__(self, text: str, path: Path) -> None:
        super().__init__(text)
        self.path = path
        self.depth = 0

    def _refuse(self, mark: yaml.Mark | None, what: str) -> SourceError:
        return SourceError(self.path, mark.line + 1 if mark else None, what)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and event.anchor:
            raise self._refuse(event.start_mark, _say("yaml_anchor", anchor=event.anchor))
        if isinstance(event, yaml.AliasEvent) and not isinstance(self.anchors.get(event.anchor), (yaml.ScalarNode, type(None))):
            raise self._refuse(event.start_mark, _say("yaml_alias", anchor=event.anchor))
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._refuse(event.start_mark, _say("yaml_too_deep", max=MAX_DEPTH))
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._refuse(key_node.start_mark, _say("yaml_merge_key"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._refuse(key_node.start_mark, _say("yaml_complex_key"))
            key = self.construct_object(key_node)
            if key in seen:
                raise self._refuse(key_node.start_mark, _say("yaml_key_twice", key=repr(key), first=seen[key]))
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _walk(loader: _Loader, node: yaml.Node, prefix: tuple, lines: dict[tuple, int]) -> None:
    lines.setdefault(prefix, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = prefix + (loader.construct_object(key_node),)
            lines[key] = key_node.start_mark.line + 1
            _walk(loader, value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[prefix + (i,)] = item.start_mark.line + 1
            _walk(loader, item, prefix + (i,), lines)


def loads(text: str, path: Path | str) -> Located:
    """Parse YAML ``text`` read from ``path`` (named in errors)."""
    path = Path(path)
    key = (str(path), text)
    with _PARSED_LOCK:
        doc = _PARSED.get(key)
        if doc is not None:
            _PARSED.move_to_end(key)
    if doc is None:
        doc = _parse(text, path)
        with _PARSED_LOCK:
            _PARSED[key] = doc
            while len(_PARSED) > _PARSED_KEEP:
                _PARSED.popitem(last=False)
    return Located(doc.path, copy.deepcopy(doc.data), dict(doc.lines))


def _parse(text: str, path: Path) -> Located:
    loader = None
    try:
        loader = _Loader(text, path)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        lines: dict[tuple, int] = {}
        if node is not None:
            _walk(loader, node, (), lines)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise SourceError(path, mark.line + 1 if mark else None, _say("yaml_invalid", detail=err.problem or err)) from None
    except yaml.reader.ReaderError as err:
        raise SourceError(path, text.count("\n", 0, err.position) + 1,
                          _say("yaml_bad_character", char=f"U+{err.character:04X}")) from None
    except yaml.YAMLError as err:
        raise SourceError(path, None, _say("yaml_invalid", detail=err)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Located(path, data, lines)


def load(path: Path | str) -> Located:
    """Read ``path`` as UTF-8 YAML with a line for every key; raises SourceError."""
    return loads(read_text(path), path)


register_messages({
    "yaml_not_utf8": L(
        "不是有效的 UTF-8 文字：第 {byte} 个字节（0x{hex}）无法读取；请把文件存为 UTF-8",
        "not valid UTF-8 text: byte {byte} (0x{hex}) cannot be read; save the file as UTF-8",
    ),
    "yaml_unreadable": L("无法读取这个文件（{reason}）", "cannot read the file ({reason})"),
    "yaml_anchor": L(
        "“&{anchor}”给一个列表或映射起了锚点：这些文件里只有单个的值可以起锚点、再引用；请在需要的地方把它写出来",
        "'&{anchor}' anchors a list or mapping: only single values may be anchored and reused in these files; "
        "write it out where it is needed",
    ),
    "yaml_alias": L(
        "“*{anchor}”引用了一个列表或映射：请在需要的地方把它写出来",
        "'*{anchor}' reuses a list or mapping: write it out where it is needed",
    ),
    "yaml_too_deep": L("嵌套超过了 {max} 层", "nested more than {max} levels deep"),
    "yaml_merge_key": L("这些文件不用“<<”合并键：请把各个键写出来", "'<<' merge keys are not used in these files; write the keys out"),
    "yaml_complex_key": L("键只能是一个词或数字，不能是列表或映射", "a key must be a plain word or number, not a list or mapping"),
    "yaml_key_twice": L(
        "键 {key} 在同一个映射里写了两次（第一次在第 {first} 行）；只留一个",
        "the key {key} is written twice in one mapping (first on line {first}); keep one",
    ),
    "yaml_invalid": L("不是有效的 YAML：{detail}", "not valid YAML: {detail}"),
    "yaml_bad_character": L("YAML 文件里不能用字符 {char}；请删掉它", "the character {char} cannot be used in a YAML file; delete it"),
})
