"""JSON text in and out of the rules package: one reader and one writer for every entry point.

``run_json`` (the CLI, the worker) and ``page.answer_json`` (the worker, when
it also wants the answer's HTML) read a payload with ``over_json``: text
nested deeper than ``MAX_DEPTH`` is refused before it is parsed (a parser
would recurse), a key written twice in one object is a field error naming
where (JSON parsers silently keep the last), text that is not JSON is
``bad_json``. The answer is written as valid UTF-8 even when the input held
lone surrogates. ``loads`` reads the same way for presets in pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .base import MAX_DEPTH, bad_json, input_error
from .fields import key_shown
from .i18n import message


def over_json(name: str, payload_json: str, compute: Callable[[Any], dict]) -> str:
    """``compute(payload)`` for calculator ``name``'s payload given as JSON text, as JSON text."""
    try:
        payload, refused = _read(payload_json)
    except (ValueError, RecursionError) as err:
        return dumps(bad_json(str(err)[:200]))
    if refused:
        return dumps(input_error(name, *refused, payload))
    return dumps(compute(payload))


def loads(text: str) -> Any:
    """JSON text as values, refusing what ``run_json`` refuses (ValueError, in English)."""
    value, refused = _read(text)
    if refused:
        code, field, params = refused
        raise ValueError(message(code, "en", label=field, **params))
    return value


def _read(text: str) -> tuple[Any, tuple[str, str, dict] | None]:
    """The JSON value of ``text`` and why it is refused (code, field, params), if it is; ValueError when not JSON."""
    if _nested_deeper(text, MAX_DEPTH):
        return None, ("input_too_deep", "", {"max": MAX_DEPTH})
    value = json.loads(text, object_pairs_hook=_object)
    twice = _written_twice(value)
    return value, (("duplicate_key", twice["field"], {"count": twice["count"]}) if twice else None)


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _nested_deeper(text: str, limit: int) -> bool:
    """Whether JSON ``text`` opens more than ``limit`` lists or objects inside each other (strings skipped)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


class _Twice(dict):
    """A JSON object some key of which was written more than once: ``counts`` says which."""

    counts: dict[str, int]


def _object(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    twice = _Twice(out)
    twice.counts = {k: n for k in out if (n := sum(1 for key, _ in pairs if key == k)) > 1}
    return twice


def _written_twice(value: object) -> dict[str, Any] | None:
    """Field path and count of the first key written twice, or None."""
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _Twice):
            key, count = next(iter(item.counts.items()))
            return {"field": f"{path}.{key_shown(key)}" if path else key_shown(key), "count": count}
        if isinstance(item, dict):
            stack.extend((v, f"{path}.{key_shown(k)}" if path else key_shown(k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{path}[{i + 1}]") for i, v in enumerate(item))
    return None


def dumps(answer: dict) -> str:
    """``answer`` as JSON text that encodes as UTF-8 (lone surrogates escaped)."""
    text = json.dumps(answer, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _SURROGATE.search(text) else text
