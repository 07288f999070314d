"""Worked examples kept once: ``playbook_src/modules/<module>/examples.yaml``.

A chapter's worked example (a pipeline, a batch of trade-show cards, a
showroom sale) is a calculator payload written down once. The page's prose
and tables read it, and the answer the calculator gives to it, at build time;
the chapter's calculator block starts from the very same payload::

    {%- set ex = example("pipeline") -%}
    预测是 {{ ex.result.weighted | yuan }}……

    ```calculator forecast
    {{ ex.preset }}
    ```

An entry names its ``calculator`` and ``payload``. Text that differs by
language is written ``{zh: …, en: …}`` anywhere in the payload and is read in
the page's language. ``from: other`` starts from another example's payload,
``add`` then appends rows to its lists and replaces its other values.
``story`` holds the narrative's figures that are not inputs (how many visits
the calls booked), so they too are written once. Every problem names the
file and line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import calculators
from calculators.i18n import localised

from .yamlfile import Located, SourceError, load

FILE = "examples.yaml"
KEYS = ("calculator", "payload", "from", "add", "story")
LANGS = ("zh", "en")


def _localised(value: Any, lang: str) -> Any:
    """``value`` with every ``{zh: …, en: …}`` replaced by its text in ``lang``."""
    return localised(value, lang)


def _extended(base: Mapping[str, Any], add: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in add.items():
        out[key] = [*out[key], *value] if isinstance(out.get(key), list) and isinstance(value, list) else value
    return out


@dataclass(frozen=True)
class Examples:
    """One module's examples file (possibly absent: then it has none)."""

    module: str
    doc: Located | None

    @property
    def names(self) -> list[str]:
        return list(self.doc.data) if self.doc else []

    def _entry(self, name: str, seen: tuple[str, ...] = ()) -> tuple[str, dict[str, Any]]:
        """(calculator, payload in both languages) of example ``name``, ``from`` resolved."""
        if self.doc is None or name not in self.doc.data:
            raise KeyError(f"example({name!r}): module {self.module!r} has no such example"
                           f" (in {FILE}: {', '.join(self.names) or 'none'})")
        entry = self.doc.data[name]
        if not isinstance(entry, dict):
            raise self.doc.error((name,), f"example {name!r} must be a mapping with calculator and payload")
        for key in entry:
            if key not in KEYS:
                raise self.doc.error((name, key), f"unknown key {key!r} in example {name!r}; expected: {', '.join(KEYS)}")
        if "from" in entry:
            base = entry["from"]
            if base in (*seen, name):
                raise self.doc.error((name, "from"), f"example {name!r} comes from itself (through {base!r})")
            calc, payload = self._entry(base, (*seen, name))
            if entry.get("calculator", calc) != calc:
                raise self.doc.error((name, "calculator"), f"example {name!r} comes from {base!r}, a {calc} example")
            add = entry.get("add") or {}
            if not isinstance(add, dict):
                raise self.doc.error((name, "add"), f"'add' of example {name!r} must be a mapping of payload keys")
            return calc, _extended(payload, add)
        calc, payload = entry.get("calculator"), entry.get("payload")
        if calc not in calculators.REGISTRY:
            raise self.doc.error((name, "calculator"), f"unknown calculator {calc!r} in example {name!r};"
                                                       f" known: {', '.join(sorted(calculators.REGISTRY))}")
        if not isinstance(payload, dict):
            raise self.doc.error((name, "payload"), f"example {name!r} needs a payload: a mapping of the calculator's inputs")
        return calc, payload

    def get(self, name: str, lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
        """``{calculator, payload, result, preset, story}`` of example ``name`` in ``lang``."""
        calc, payload = self._entry(name)
        payload = _localised(payload, lang)
        out = calculators.run(calc, {**payload, "lang": lang}, policy)
        if not out["ok"]:
            assert self.doc is not None
            raise self.doc.error((name,), f"example {name!r} ({calc}, {lang}) gives errors: "
                                 + "; ".join(e["message"] for e in out["errors"]))
        story = _localised(self.doc.data[name].get("story") or {}, lang) if self.doc else {}
        return {
            "calculator": calc,
            "payload": payload,
            "result": out["result"],
            "preset": json.dumps(payload, ensure_ascii=False),
            "story": story,
        }


def load_examples(module: str, modules_dir: Path) -> Examples:
    """The examples of ``module`` (none when it has no examples.yaml); raises SourceError."""
    path = modules_dir / module / FILE
    if not path.is_file():
        return Examples(module, None)
    doc = load(path)
    if not isinstance(doc.data, dict):
        raise SourceError(path, 1, "an examples file is a mapping: example name -> {calculator, payload}")
    return Examples(module, doc)
