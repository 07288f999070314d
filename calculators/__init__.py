"""The sales-playbook rules package: pure standard-library Python.

One entry point, ``run(name, payload)``, serves the browser worker (under
Pyodide), the ``playbook calc`` command and the tests alike; ``catalog()``
describes every calculator's inputs and outputs so that forms are generated,
never written twice. ``page`` adds what a page asks besides: the answer's
HTML (``render``), a pasted table read into rows (``table_paste``), a CSV. This package never imports mkdocs, jinja2 or ``js``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import qualification, rotation, trade_show_leads  # noqa: F401  (register the calculators)
from . import forecast, funnel  # noqa: F401  (register forecast, funnel and the forecast policy check)
from . import attribution  # noqa: F401  (registers commission-split and the attribution policy check)
from . import scorecard  # noqa: F401  (registers scorecard and the scorecards policy check)
from .base import MAX_DEPTH, POLICY_CHECKS, REGISTRY, Calculator, bad_json, catalog, input_error, page_spec, register_policy, run
from .fields import key_shown
from .i18n import message
from .money import Money
from .page import answer, answer_html, answer_json, csv_json, paste, paste_json, table_csv

__version__ = "0.1.0"
__all__ = ["Calculator", "Money", "POLICY_CHECKS", "REGISTRY", "register_policy", "catalog", "loads", "page_spec", "run", "run_json",
           "answer", "answer_html", "answer_json", "paste", "paste_json", "table_csv", "csv_json", "__version__"]


def run_json(name: str, payload_json: str, policy_json: str = "null") -> str:
    """``run`` over JSON text, for the browser worker and the CLI: JSON in, JSON out.

    JSON numbers with a fraction arrive as floats, which money fields refuse
    with a field error: amounts travel as decimal strings. Text nested deeper
    than ``MAX_DEPTH`` is refused before it is parsed, and a key written twice
    in one object is a field error (JSON parsers would silently keep the last).
    The answer is valid UTF-8 even when the input held lone surrogates.
    """
    try:
        payload, refused = _read(payload_json)
    except (ValueError, RecursionError) as err:
        return _dumps(bad_json(str(err)[:200]))
    if refused:
        return _dumps(input_error(name, *refused, payload))
    return _dumps(run(name, payload, json.loads(policy_json)))


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


def _dumps(answer: dict) -> str:
    text = json.dumps(answer, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text) if _SURROGATE.search(text) else text
