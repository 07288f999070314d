"""The calculator type, the registry and the single entry point ``run``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .fields import Field, FieldError, FieldErrors, Output, RowsField, key_shown, shown
from .i18n import DEFAULT_LANG, LANGS, Text, localised, message, pick

# How deeply a payload may nest lists and objects (a table of rows is 3 deep,
# a payload's policy overrides about 5).
MAX_DEPTH = 20


class InputErrors(Exception):
    """One or more problems with a payload, each ``(field, code, params)``."""

    def __init__(self, problems: list[tuple[str, str, dict[str, object]]]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass(frozen=True)
class Calculator:
    """A named calculation: declared inputs and outputs, and a pure ``compute``.

    ``compute(values, lang)`` receives the parsed values (field name -> typed
    value or None) and returns a JSON-ready dict; it may raise ``InputErrors``
    for problems that involve several fields.
    """

    name: str
    title: Text
    summary: Text
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    compute: Callable[[dict[str, Any], str], dict[str, Any]]
    example: Mapping[str, Any] = field(default_factory=dict)
    policy_section: str = ""
    # Open calculators (``scorecard``) take keys beyond ``fields``: their
    # questions come from data. Those keys reach ``compute`` as
    # ``values["answers"]`` (key -> raw value), for it to check.
    open_fields: bool = False
    # ``specialise(preset, policy_section, lang) -> describe()``-shaped dict: the
    # form for one preset and policy (a scorecard's questions, the forecast's
    # stages to pick from), its example in ``lang``; raises InputErrors.
    specialise: Callable[[Mapping[str, Any], Mapping[str, Any], str], dict[str, Any]] | None = None

    def field_named(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def describe(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """Inputs and outputs, JSON-ready; the example's texts (names in it) in ``lang``."""
        return {
            "name": self.name,
            "title": dict(self.title),
            "summary": dict(self.summary),
            "fields": [f.describe() for f in self.fields],
            "outputs": [o.describe() for o in self.outputs],
            "example": localised(dict(self.example), lang),
            "policy_section": self.policy_section,
            "limits": {"max_depth": MAX_DEPTH},
        }

    def parse(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Typed values for every declared field; all problems raised together."""
        problems: list[tuple[str, str, dict[str, object]]] = []
        known = {f.name for f in self.fields} | {"lang"}
        values: dict[str, Any] = {}
        if self.open_fields:
            values["answers"] = {str(k): v for k, v in payload.items() if k not in known}
        else:
            for key in payload:
                if key not in known:
                    problems.append((key_shown(key), "unknown_field", {"field": key_shown(key), "known": ", ".join(sorted(known))}))
        for f in self.fields:
            try:
                values[f.name] = f.parse(payload[f.name]) if f.name in payload else f.parse()
            except FieldError as err:
                problems.append((f.name, err.code, dict(err.params)))
            except FieldErrors as errs:
                problems.extend((f.name + path, code, params) for path, code, params in errs.problems)
        if problems:
            raise InputErrors(problems)
        return values


REGISTRY: dict[str, Calculator] = {}

def register(calc: Calculator) -> Calculator:
    """Add ``calc`` to the registry under its name (names are unique)."""
    if calc.name in REGISTRY:
        raise ValueError(f"calculator {calc.name!r} registered twice")
    REGISTRY[calc.name] = calc
    return calc


def catalog(lang: str = DEFAULT_LANG) -> dict[str, dict[str, Any]]:
    """Every calculator's inputs and outputs, JSON-ready, keyed by name (examples in ``lang``)."""
    return {name: calc.describe(lang) for name, calc in sorted(REGISTRY.items())}


def page_spec(name: str, preset: Mapping[str, Any], policy: Mapping[str, Any] | None, lang: str = DEFAULT_LANG,
              *, page_lang: str | None = None) -> dict[str, Any]:
    """The form description for calculator ``name`` with ``preset`` on a page in ``page_lang``: ``describe()``,
    or the form its preset and policy select (a scorecard's card, the forecast's stages); raises ValueError
    with a message in ``lang`` when the preset selects nothing usable."""
    calc = REGISTRY[name]
    shown_in = page_lang or lang
    if calc.specialise is None:
        return calc.describe(shown_in)
    section = (policy or {}).get(calc.policy_section) or {}
    try:
        return calc.specialise(preset, section, shown_in)
    except InputErrors as errs:
        raise ValueError("; ".join(_error(calc, f, c, p, lang)["message"] for f, c, p in errs.problems)) from None


def _lang_of(payload: object) -> tuple[str, bool]:
    if isinstance(payload, Mapping) and "lang" in payload:
        lang = payload["lang"]
        if lang in LANGS:
            return lang, True
        return DEFAULT_LANG, False
    return DEFAULT_LANG, True


def _label(calc: Calculator | None, path: str, lang: str) -> str:
    """The reader's name for the field at ``path`` (``opportunities[2].amount`` too)."""
    if calc is None:
        return path
    top = calc.field_named(path.split(".")[0].split("[")[0])
    if top is None:
        return path
    label = pick(top.label, lang)
    if isinstance(top, RowsField) and "[" in path:
        row = path.split("[", 1)[1].split("]", 1)[0]
        col_name = path.split("].", 1)[1] if "]." in path else ""
        col = next((c for c in top.columns if c.name == col_name), None)
        col_label = pick(col.label, lang) if col else col_name
        label = f"{label} 第 {row} 行" if lang == "zh" else f"{label}, row {row}"
        if col_label:
            label += f"·{col_label}" if lang == "zh" else f", {col_label}"
    return label


def _error(calc: Calculator | None, field_name: str, code: str, params: dict, lang: str) -> dict:
    """A field error in ``lang``; a problem may name its own label (``_label``, a policy value's)."""
    params = dict(params)
    own = params.pop("_label", None)
    label = pick(own, lang) if isinstance(own, Mapping) else _label(calc, field_name, lang)
    return {"field": field_name, "code": code, "message": message(code, lang, label=label, **params)}


def bad_json(detail: str, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The error answer for input that is not JSON at all."""
    return {"ok": False, "errors": [_error(None, "", "bad_json", {"detail": detail}, lang)]}


def input_error(name: str, code: str, field_name: str, params: dict, payload: object = None) -> dict[str, Any]:
    """The error answer for a payload refused before it reaches calculator ``name`` (as JSON text)."""
    lang, _ = _lang_of(payload)
    return {"ok": False, "errors": [_error(REGISTRY.get(name), field_name, code, params, lang)]}


def too_deep(value: object, limit: int = MAX_DEPTH) -> str | None:
    """The path of the first list or object nested deeper than ``limit``, or None (a walk, no recursion)."""
    containers = (dict, list, tuple)
    if not isinstance(value, (Mapping, *containers)):
        return None
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, Mapping) else item
        if depth >= limit:
            return _path_at(value, limit)
        stack.extend((c, depth + 1) for c in children if isinstance(c, containers))  # type: ignore[union-attr]
    return None


def _path_at(value: object, depth: int) -> str:
    """The field path of the first list or object found ``depth`` levels down in ``value``."""
    stack: list[tuple[object, str, int]] = [(value, "", 0)]
    while stack:
        item, path, level = stack.pop()
        if level >= depth:
            return path
        if isinstance(item, Mapping):
            stack.extend((v, f"{path}.{key_shown(k)}" if path else key_shown(k), level + 1)
                         for k, v in item.items() if isinstance(v, (dict, list, tuple)))
        elif isinstance(item, (list, tuple)):
            stack.extend((v, f"{path}[{i + 1}]", level + 1) for i, v in enumerate(item) if isinstance(v, (dict, list, tuple)))
    return ""


def run(name: str, payload: object, policy: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run calculator ``name`` on ``payload``; never raises.

    ``policy`` is the course's effective policy (section -> values), read by
    the caller from playbook_src/policy/ and the course file; a calculator
    with a ``policy_section`` receives its section as ``compute(values, lang,
    policy=...)`` (the payload may carry its own overrides in a field).

    Returns ``{"ok": True, "result": {...}}`` or ``{"ok": False, "errors":
    [{"field", "code", "message"}, ...]}`` with messages in ``payload["lang"]``
    (``zh`` by default, ``en`` also).
    """
    lang, lang_ok = _lang_of(payload)
    calc = REGISTRY.get(name)
    if calc is None:
        known = ", ".join(sorted(REGISTRY))
        return {"ok": False, "errors": [_error(None, "name", "unknown_calculator", {"name": name, "known": known}, lang)]}
    if not isinstance(payload, Mapping):
        return {"ok": False, "errors": [_error(calc, "", "not_an_object", {"got": shown(payload)}, lang)]}
    if not lang_ok:
        return {"ok": False, "errors": [_error(calc, "lang", "bad_lang", {"value": key_shown(payload["lang"])}, lang)]}
    deep = too_deep(payload)
    if deep is not None:
        return {"ok": False, "errors": [_error(calc, deep, "too_deep", {"max": MAX_DEPTH}, lang)]}
    try:
        values = calc.parse(payload)
        if calc.policy_section:
            section = (policy or {}).get(calc.policy_section)
            if section is None:
                raise InputErrors([("policy", "no_policy", {"section": calc.policy_section})])
            result = calc.compute(values, lang, policy=section)
        else:
            result = calc.compute(values, lang)
    except InputErrors as errs:
        return {"ok": False, "errors": [_error(calc, f, c, p, lang) for f, c, p in errs.problems]}
    except Exception as exc:  # a bug must still not reach the reader as a traceback
        detail = f"{type(exc).__name__}: {exc}"
        return {"ok": False, "errors": [_error(calc, "", "internal_error", {"detail": detail}, lang)]}
    return {"ok": True, "result": result}
