"""Declared shapes of trainer-written data: policy sections, scorecards, course files.

A shape is a tree whose leaves are the calculators' own fields (``fields.py``),
so a policy value, a scorecard weight and a calculator input are read by the
same parsers, bounded the same way and labelled in zh and en alike:

* ``Keys``: a mapping with declared keys (each a shape with its ``name``),
  optional cross-key ``rules`` run once every key is valid;
* ``Table``: a mapping of ids (read by a field) to one shape, in file order;
* ``Items``: a list of one shape, with a minimum, a maximum, and an optional
  key that must not repeat;
* ``Either``: the first of several shapes that takes the value's type;
* ``Bilingual``: ``{zh: …, en: …}``, both non-empty;
* ``Value``: a field with what a reader of the policy needs besides (its unit,
  its JSON form), or any bare ``Field``.

``check(shape, data)`` returns the cleaned, JSON-ready value (None when any
problem was found) and **every** problem at once: each a ``Problem`` with the
key path (``("fines", "dumping", "min")``, ``("criteria", 2, "weight")``, items
counted from 0 as in ``yamlfile.Located``), a message code, its parameters and
the label of the value concerned, so the generator can name the file and line
of each, in the reader's language. ``describe(shape, …)`` lists the values a
shape declares, for ``policy_catalog()``.

Values read from YAML keep what the trainer wrote: a number with a fraction
(``0.20``, which YAML reads as a float) is taken as the decimal written, and a
date YAML recognised (``2012-05-01``) as its ISO text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from .fields import _MISSING, Field, FieldError, FieldErrors, shown
from .i18n import LANGS, L, Text, message, pick, register_messages
from .money import Money

INVALID = object()  # a subtree with problems: its parent's rules are not run
MISSING = _MISSING  # "no data given" for ``describe`` (None is data: a value left unset)


@dataclass(frozen=True)
class Problem:
    """One mistake: where (a key path), what (a message code and its parameters), about which value (its label)."""

    path: tuple
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    label: Text | None = None
    # for a problem a rule found: the mapping (or list) the rule checked, whose values together caused it
    scope: tuple | None = None

    def where(self) -> str:
        """The key path as a trainer reads it: ``fines.dumping.min``, ``criteria[3].weight`` (items from 1)."""
        return path_text(self.path)

    def message(self, lang: str) -> str:
        """The problem in ``lang``, with the value's label (or its key path when it has none)."""
        label = pick(self.label, lang) if self.label else (self.where() or "—")
        return message(self.code, lang, **{**self.params, "label": label})

    def line_text(self, lang: str) -> str:
        """``where: message``: the line a build prints after the file and line."""
        where = self.where()
        return f"{where}: {self.message(lang)}" if where else self.message(lang)

    def at(self, prefix: tuple) -> Problem:
        scope = None if self.scope is None else prefix + self.scope
        return Problem(prefix + self.path, self.code, self.params, self.label, scope)


Problems = list[Problem]


def path_text(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def yaml_native(raw: Any) -> Any:
    """A value as the trainer wrote it: floats as the decimal written, YAML dates as ISO text."""
    if isinstance(raw, float) and raw == raw and raw not in (float("inf"), float("-inf")):
        return Decimal(repr(raw))
    if isinstance(raw, datetime):
        return raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return raw


def to_json(value: Any) -> Any:
    """A parsed leaf value in the JSON form the cleaned data carries."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class Value:
    """A leaf: ``field`` reads it; ``unit`` is what a reader counts it in; ``out`` gives its cleaned JSON form."""

    field: Field
    unit: Text | None = None
    out: Callable[[Any], Any] = to_json

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def label(self) -> Text:
        return self.field.label

    @property
    def help(self) -> Text:
        return self.field.help

    @property
    def required(self) -> bool:
        return self.field.required


@dataclass(frozen=True)
class Bilingual:
    """``{zh: …, en: …}``: text in both languages (or in ``langs``, the others then copied from the first)."""

    name: str
    label: Text
    help: Text = field(default_factory=lambda: L("中英文两种文字：{zh: …, en: …}。", "Text in both languages: {zh: …, en: …}."))
    required: bool = True
    max_length: int = 2000
    langs: tuple[str, ...] = LANGS
    # plain text is taken for every language (a course title written once)
    plain: bool = False


@dataclass(frozen=True)
class Keys:
    """A mapping with declared keys; ``rules(value, problems)`` check what involves several of them."""

    name: str
    label: Text
    help: Text
    keys: tuple[Any, ...]
    required: bool = True
    rules: tuple[Callable[[dict[str, Any], Problems], None], ...] = ()
    # keys accepted and dropped: derived from the others (attribution's figures and rules)
    derived: tuple[str, ...] = ()

    def key(self, name: str) -> Any:
        return next((k for k in self.keys if k.name == name), None)


@dataclass(frozen=True)
class Table:
    """A mapping of ids to one shape (``value``), in the order written; ``key`` reads each id."""

    name: str
    label: Text
    help: Text
    key: Field
    value: Any
    min_items: int = 1
    required: bool = True
    rules: tuple[Callable[[dict[str, Any], Problems], None], ...] = ()


@dataclass(frozen=True)
class Items:
    """A list of one shape; ``unique`` names the key (or ``"."`` the item itself) that may not repeat."""

    name: str
    label: Text
    help: Text
    item: Any
    min_items: int = 0
    max_items: int = 1000
    unique: str = ""
    required: bool = True
    rules: tuple[Callable[[list[Any], Problems], None], ...] = ()


@dataclass(frozen=True)
class Either:
    """The first of ``options`` whose ``takes`` accepts the value's type (a bool or a mapping, a word or a list)."""

    name: str
    label: Text
    help: Text
    options: tuple[tuple[Callable[[Any], bool], Any], ...]
    required: bool = True


# --------------------------------------------------------------------------- checking


def check(shape: Any, data: Any, at: tuple = ()) -> tuple[Any, Problems]:
    """The cleaned value of ``data`` (None when it has problems) and every problem, with paths under ``at``."""
    problems: Problems = []
    value = _check(shape, data, at, problems)
    return (None if value is INVALID or problems else value), problems


def _missing(shape: Any) -> bool:
    return shape is None


def _check(shape: Any, raw: Any, at: tuple, out: Problems) -> Any:
    if isinstance(shape, Keys):
        return _keys(shape, raw, at, out)
    if isinstance(shape, Table):
        return _table(shape, raw, at, out)
    if isinstance(shape, Items):
        return _items(shape, raw, at, out)
    if isinstance(shape, Either):
        for takes, option in shape.options:
            if takes(raw):
                return _check(option, raw, at, out)
        out.append(Problem(at, "schema_wrong_shape", {"expected": shape.help, "got": shown(raw)}, shape.label))
        return INVALID
    if isinstance(shape, Bilingual):
        return _bilingual(shape, raw, at, out)
    value = shape if isinstance(shape, Value) else Value(shape)
    try:
        parsed = value.field.parse(yaml_native(raw)) if raw is not _MISSING else value.field.parse()
    except FieldError as err:
        out.append(Problem(at, err.code, dict(err.params), value.label))
        return INVALID
    except FieldErrors as errs:
        out.extend(Problem(at, code, dict(params), value.label) for _, code, params in errs.problems)
        return INVALID
    return value.out(parsed)


def _not_mapping(shape: Any, raw: Any, at: tuple, out: Problems) -> bool:
    if isinstance(raw, Mapping):
        return False
    out.append(Problem(at, "schema_not_mapping", {"expected": shape.help, "got": shown(raw)}, shape.label))
    return True


def _keys(shape: Keys, raw: Any, at: tuple, out: Problems) -> Any:
    if _not_mapping(shape, raw, at, out):
        return INVALID
    known = [k.name for k in shape.keys]
    for key in raw:
        if key not in known and key not in shape.derived:
            out.append(_unknown(shape, key, known, at))
    cleaned: dict[str, Any] = {}
    ok = True
    for child in shape.keys:
        if child.name not in raw or raw[child.name] is None:
            if child.required:
                out.append(Problem(at + (child.name,), "schema_missing", {"expected": child.help}, child.label))
                ok = False
                continue
            value = _check(child, _MISSING, at + (child.name,), out) if isinstance(child, (Value, Field)) else None
        else:
            value = _check(child, raw[child.name], at + (child.name,), out)
        if value is INVALID:
            ok = False
        else:
            cleaned[child.name] = value
    if not ok or any(k not in known and k not in shape.derived for k in raw):
        return INVALID
    return _rules(shape, cleaned, at, out)


def _unknown(shape: Any, key: Any, known: list[str], at: tuple) -> Problem:
    return Problem(at + (key,), "schema_unknown_key", {"key": str(key), "known": ", ".join(known)}, L(str(key), str(key)))


def _rules(shape: Any, cleaned: Any, at: tuple, out: Problems) -> Any:
    found: Problems = []
    for rule in shape.rules:
        rule(cleaned, found)
    out.extend(Problem(p.path, p.code, p.params, p.label, ()).at(at) for p in found)
    return INVALID if found else cleaned


def _table(shape: Table, raw: Any, at: tuple, out: Problems) -> Any:
    if _not_mapping(shape, raw, at, out):
        return INVALID
    if len(raw) < shape.min_items:
        out.append(Problem(at, "schema_too_few", {"min": shape.min_items, "count": len(raw), "expected": shape.help}, shape.label))
        return INVALID
    cleaned: dict[str, Any] = {}
    ok = True
    for key, item in raw.items():
        try:
            name = shape.key.parse(key if isinstance(key, str) else shown(key))
        except FieldError as err:
            out.append(Problem(at + (key,), err.code, dict(err.params), shape.key.label))
            ok = False
            continue
        value = _check(shape.value, item, at + (key,), out)
        if value is INVALID:
            ok = False
        else:
            cleaned[name] = value
    return _rules(shape, cleaned, at, out) if ok else INVALID


def _items(shape: Items, raw: Any, at: tuple, out: Problems) -> Any:
    if not isinstance(raw, list):
        out.append(Problem(at, "schema_not_list", {"expected": shape.help, "got": shown(raw)}, shape.label))
        return INVALID
    if not shape.min_items <= len(raw) <= shape.max_items:
        code = "schema_too_few" if len(raw) < shape.min_items else "schema_too_many"
        out.append(Problem(at, code, {"min": shape.min_items, "max": shape.max_items, "count": len(raw),
                                      "expected": shape.help}, shape.label))
        return INVALID
    cleaned: list[Any] = []
    ok = True
    seen: dict[Any, int] = {}
    for i, item in enumerate(raw):
        value = _check(shape.item, item, at + (i,), out)
        if value is INVALID:
            ok = False
            continue
        if shape.unique:
            key = value if shape.unique == "." else value.get(shape.unique)
            where = at + (i,) if shape.unique == "." else at + (i, shape.unique)
            if key in seen:
                out.append(Problem(where, "schema_repeated", {"got": shown(key), "first": seen[key] + 1}, shape.label))
                ok = False
            seen.setdefault(key, i)
        cleaned.append(value)
    return _rules(shape, cleaned, at, out) if ok else INVALID


def _bilingual(shape: Bilingual, raw: Any, at: tuple, out: Problems) -> Any:
    if shape.plain and isinstance(raw, str):
        raw = dict.fromkeys(LANGS, raw)
    if not isinstance(raw, Mapping):
        out.append(Problem(at, "schema_not_bilingual", {"got": shown(raw)}, shape.label))
        return INVALID
    ok = True
    for key in raw:
        if key not in LANGS:
            # {zh: …, en: Large need, good fit} reads "good fit" as a key
            out.append(Problem(at + (key,), "schema_text_comma", {"key": str(key)}, shape.label))
            ok = False
    text: dict[str, str] = {}
    for lang in LANGS:
        value = raw.get(lang)
        if value is None or (isinstance(value, str) and not value.strip()):
            if lang in shape.langs:
                out.append(Problem(at + (lang,), "schema_missing_language", {"language": lang, "got": shown(value)}, shape.label))
                ok = False
            continue
        if not isinstance(value, str):
            out.append(Problem(at + (lang,), "not_text", {"got": shown(value)}, shape.label))
            ok = False
            continue
        if len(value.strip()) > shape.max_length:
            out.append(Problem(at + (lang,), "too_long", {"max": shape.max_length, "length": len(value.strip())}, shape.label))
            ok = False
            continue
        text[lang] = value.strip()
    if not ok:
        return INVALID
    first = next(lang for lang in shape.langs if lang in text)
    return {lang: text.get(lang) or text[first] for lang in LANGS}


# --------------------------------------------------------------------------- describing


def kind_of(shape: Any) -> str:
    if isinstance(shape, Keys):
        return "mapping"
    if isinstance(shape, Table):
        return "table"
    if isinstance(shape, Items):
        return "list"
    if isinstance(shape, Either):
        return "either"
    if isinstance(shape, Bilingual):
        return "bilingual"
    return (shape.field if isinstance(shape, Value) else shape).kind


def describe(shape: Any, value: Any = _MISSING, default: Any = _MISSING, at: tuple = ()) -> list[dict[str, Any]]:
    """Every value ``shape`` declares, as ``Field.describe()``-shaped dicts with its ``path`` and ``unit``.

    ``value`` and ``default`` (cleaned data of this shape: a course's and the
    policy files') fill each entry's ``value`` and ``default`` (None where the
    data has no such key, and no ``value`` at all when ``value`` is not given:
    pass ``None`` for a course that leaves the shape empty); a table lists
    one entry per id they hold (``stages.proposal.probability``), else one
    with ``*`` for the id. Mappings, tables and lists come first as entries of
    their own (kind ``mapping``, ``table``, ``list``), then their values.
    """
    entry: dict[str, Any]
    if isinstance(shape, (Value, Field)):
        leaf = shape.field if isinstance(shape, Value) else shape
        entry = leaf.describe()
        entry["unit"] = dict(shape.unit) if isinstance(shape, Value) and shape.unit else None
    else:
        entry = {"name": shape.name, "kind": kind_of(shape), "label": dict(shape.label), "help": dict(shape.help),
                 "required": shape.required, "group": ""}
        if isinstance(shape, Either):
            entry["kinds"] = [kind_of(option) for _, option in shape.options]
        if isinstance(shape, Items):
            # what one entry of the list holds, paths relative to the entry (``weight`` of each criterion)
            entry.update(min_items=shape.min_items, max_items=shape.max_items, item=describe(shape.item))
        entry["unit"] = None
    entry["path"] = path_text(at) or shape.name
    entry["default"] = None if default is _MISSING else default
    if value is not _MISSING:
        entry["value"] = value
    out = [entry] if at or not isinstance(shape, Keys) else []
    if isinstance(shape, Keys):
        for child in shape.keys:
            out.extend(describe(child, _get(value, child.name), _get(default, child.name), at + (child.name,)))
    elif isinstance(shape, Table):
        ids = list(value if isinstance(value, Mapping) else {})
        ids += [k for k in (default if isinstance(default, Mapping) else {}) if k not in ids]
        for key in ids or ["*"]:
            out.extend(describe(shape.value, _get(value, key), _get(default, key), at + (key,)))
    return out


def _get(data: Any, key: str) -> Any:
    """``data[key]``; None when ``data`` has no such key; ``_MISSING`` when no data was given at all."""
    if data is _MISSING:
        return _MISSING
    return data.get(key) if isinstance(data, Mapping) else None


def problems_as_inputs(problems: Problems, prefix: str = "policy") -> list[tuple[str, str, dict[str, object]]]:
    """``InputErrors``-shaped problems (``policy.fines.dumping.min``), each carrying its value's label as ``_label``."""
    out = []
    for p in problems:
        where = p.where()
        path = f"{prefix}.{where}" if where and prefix else (where or prefix)
        params = dict(p.params)
        if p.label:
            params["_label"] = dict(p.label)
        out.append((path, p.code, params))
    return out


register_messages({
    "schema_not_mapping": L(
        "“{label}”应当写成一组“键: 值”（{expected}），现在是 {got}。",
        "'{label}' should be a mapping of keys to values ({expected}); found {got}.",
    ),
    "schema_not_list": L(
        "“{label}”应当是一个列表（{expected}），现在是 {got}。",
        "'{label}' should be a list ({expected}); found {got}.",
    ),
    "schema_wrong_shape": L(
        "“{label}”应当是：{expected}；现在是 {got}。",
        "'{label}' should be: {expected}; found {got}.",
    ),
    "schema_unknown_key": L(
        "没有“{key}”这一项（拼写对吗？）；这里可用的有：{known}。",
        "unknown key '{key}' (is it misspelt?); the keys here are: {known}.",
    ),
    "schema_missing": L(
        "缺少“{label}”：{expected}",
        "'{label}' is missing: {expected}",
    ),
    "schema_too_few": L(
        "“{label}”至少要有 {min} 项，现在有 {count} 项：{expected}",
        "'{label}' needs at least {min} entries; it has {count}: {expected}",
    ),
    "schema_too_many": L(
        "“{label}”最多 {max} 项，现在有 {count} 项。",
        "'{label}' takes at most {max} entries; it has {count}.",
    ),
    "schema_repeated": L(
        "“{label}”里 {got} 出现了两次（第一次在第 {first} 项）。",
        "'{label}' lists {got} twice (first as entry {first}).",
    ),
    "schema_not_bilingual": L(
        "“{label}”需要中英文两种文字，写成 {{zh: …, en: …}}；现在是 {got}。",
        "'{label}' needs text in both languages, as {{zh: …, en: …}}; found {got}.",
    ),
    "schema_missing_language": L(
        "“{label}”缺少 {language} 的文字。",
        "'{label}' has no {language} text.",
    ),
    "schema_text_comma": L(
        "“{label}”多出了一个键“{key}”。在 {{zh: …, en: …}} 里，文字中的逗号会把文字拆开：请给这段文字加上引号。",
        "'{label}' has an extra key '{key}'. Inside {{zh: …, en: …}} a comma splits the text: put the text in quotes.",
    ),
})

__all__ = ["MISSING", "Bilingual", "Either", "Items", "Keys", "Problem", "Problems", "Table", "Value", "check", "describe",
           "path_text", "problems_as_inputs", "to_json", "yaml_native"]
