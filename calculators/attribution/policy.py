"""The ``attribution`` policy section: its check, payload overrides, and a typed view.

The values live only in ``playbook_src/policy/attribution.yaml``. ``check``
takes a complete section (straight from YAML, or already cleaned, e.g. after
a trip through JSON to the browser) and returns it cleaned and JSON-ready:
shares as decimal strings (``"0.20"``), money as decimal strings
(``"20.00"``), plus two derived keys recomputed on every check, never read
from input: ``figures`` (display strings such as ``helper_percent: "20"``)
and ``rules`` (each clause's title, source and statement with its figures
filled in, by id, in chapter order). Problems are raised together as
``InputErrors`` with paths such as ``policy.follow_up_days``.

Two switches choose where the source texts disagree:
``named_agent_ignores_validity`` (§S9, true, or §S12 rule 4, false) and
``absent_agent`` (``helper_share``, §S12 rule 7, or ``on_duty_receives``,
§S20).

Time zone: ``name`` is one of the zones shipped with the rules
(``calculators.zones``, the same data under CPython and Pyodide), so dates are
counted on the showroom's wall clock, summer time included (China kept it
1986-1991); ``utc_offset`` is the zone's usual offset, shown to people and
checked against the zone.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from .. import zones
from ..base import InputErrors
from ..dates import offset as _offset
from ..money import Money, MoneyError
from .rules import CLAUSE_IDS

SECTION = "attribution"
DERIVED = ("figures", "rules")
# key -> sub-keys (for nested mappings) or None (a plain value); the clauses
# mapping is checked against CLAUSE_IDS.
SCHEMA: dict[str, Any] = {
    "time_zone": {"name": None, "utc_offset": None, "label": None},
    "follow_up_days": None,
    "helper_share": None,
    "unrecognised_split": {"second_agent": None, "first_agent": None},
    "group_purchase_units": None,
    "fines": {"not_asking": None, "dumping": {"min": None, "max": None}},
    "dismissal_after": None,
    "named_agent_ignores_validity": None,
    "absent_agent": None,
    "clauses": "clauses",
}
ABSENT_AGENT = ("helper_share", "on_duty_receives")
LANGS = ("zh", "en")
CLAUSE_KEYS = ("source", "title", "zh", "en")
PLACEHOLDERS = (
    "follow_up_days", "helper_percent", "owner_percent", "second_percent", "first_percent",
    "group_units", "fine_not_asking", "fine_dumping_min", "fine_dumping_max", "dismissal_after", "time_zone",
)
_CENT = Decimal("0.01")

Problems = list[tuple[str, str, dict[str, object]]]


@dataclass(frozen=True)
class Policy:
    """The checked section as the engine uses it: Decimals, Money and a tzinfo."""

    tz_name: str
    tz: tzinfo
    follow_up_days: int
    helper_share: Decimal
    second_share: Decimal
    first_share: Decimal
    group_units: int
    fine_not_asking: Money
    fine_dumping_min: Money
    fine_dumping_max: Money
    dismissal_after: int
    named_agent_ignores_validity: bool
    absent_agent: str
    titles: dict[str, dict[str, str]]


def _decimal(value: object) -> Decimal | None:
    """A number from YAML or JSON (int, float, str, Decimal); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)  # YAML 0.2 is the float 0.2: read it back as written
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            return None
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return None


def _share_text(d: Decimal) -> str:
    return str(d if d.as_tuple().exponent < -2 else d.quantize(_CENT))


def percent(d: Decimal) -> str:
    """``Decimal("0.20")`` -> ``"20"``; ``Decimal("0.125")`` -> ``"12.5"``."""
    text = f"{d * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def yuan(m: Money) -> str:
    """An amount for running text: ``20`` or ``20.50`` (no sign, no separators)."""
    text = str(m)
    return text[:-3] if text.endswith(".00") else text


def _shown(value: object) -> str:
    from ..fields import shown

    return shown(value)[:80]


def _name(path: str, key: object) -> str:
    """``("policy.fines", "dumping")`` -> ``"fines.dumping"``: the key as a trainer writes it."""
    return f"{path}.{key}".partition(".")[2]


def _unknown_keys(given: Mapping[str, Any], known: Mapping[str, Any] | tuple, path: str, problems: Problems) -> None:
    names = list(known)
    for key in given:
        if key not in names:
            problems.append((f"{path}.{key}", "unknown_policy_key", {"key": _name(path, key), "known": ", ".join(map(str, names))}))


def _mapping(section: Mapping[str, Any], key: str, problems: Problems, path: str) -> Mapping[str, Any] | None:
    value = section.get(key)
    if value is None and key not in section:
        problems.append((f"{path}.{key}", "policy_missing_key", {"key": _name(path, key)}))
        return None
    if not isinstance(value, Mapping):
        problems.append((f"{path}.{key}", "policy_not_mapping", {"key": _name(path, key), "got": _shown(value)}))
        return None
    return value


def _present(section: Mapping[str, Any], key: str, path: str, problems: Problems) -> bool:
    if key not in section or section[key] is None:
        problems.append((f"{path}.{key}", "policy_missing_key", {"key": _name(path, key)}))
        return False
    return True


def _share(section: Mapping[str, Any], key: str, path: str, problems: Problems) -> Decimal | None:
    if not _present(section, key, path, problems):
        return None
    name = _name(path, key)
    d = _decimal(section[key])
    if d is None or not Decimal(0) <= d <= Decimal(1):
        problems.append((f"{path}.{key}", "policy_share_range", {"key": name, "got": _shown(section[key])}))
        return None
    return d


def _whole(section: Mapping[str, Any], key: str, path: str, low: int, problems: Problems) -> int | None:
    if not _present(section, key, path, problems):
        return None
    value = section[key]
    d = _decimal(value)
    if isinstance(value, float) or d is None or d != d.to_integral_value() or d < low or d > 100_000:
        problems.append((f"{path}.{key}", "policy_bad_integer", {"key": _name(path, key), "min": low, "got": _shown(value)}))
        return None
    return int(d)


def _money(section: Mapping[str, Any], key: str, path: str, problems: Problems) -> Money | None:
    if not _present(section, key, path, problems):
        return None
    value = section[key]
    d = _decimal(value)
    try:
        m = Money.parse(d if d is not None else value)
    except MoneyError:
        m = None
    if m is None or m.is_negative():
        problems.append((f"{path}.{key}", "policy_bad_money", {"key": _name(path, key), "got": _shown(value)}))
        return None
    return m


def _bilingual(value: object, path: str, problems: Problems) -> dict[str, str] | None:
    """``{zh: ..., en: ...}`` with text in both languages (a clause title, the zone's label)."""
    key = path.partition(".")[2]
    if not isinstance(value, Mapping):
        problems.append((path, "policy_not_mapping", {"key": key, "got": _shown(value)}))
        return None
    _unknown_keys(value, LANGS, path, problems)
    out = {}
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append((f"{path}.{lang}", "policy_bad_text", {"key": f"{key}.{lang}", "got": _shown(text)}))
            continue
        out[lang] = text.strip()
    return out if len(out) == len(LANGS) else None


def _switches(section: Mapping[str, Any], p: str, problems: Problems) -> tuple[bool | None, str | None]:
    """The two choices between disagreeing source texts."""
    named = absent = None
    if _present(section, "named_agent_ignores_validity", p, problems):
        named = section["named_agent_ignores_validity"]
        if not isinstance(named, bool):
            problems.append((f"{p}.named_agent_ignores_validity", "policy_bad_flag",
                             {"key": "named_agent_ignores_validity", "got": _shown(named)}))
            named = None
    if _present(section, "absent_agent", p, problems):
        absent = section["absent_agent"]
        if absent not in ABSENT_AGENT:
            problems.append((f"{p}.absent_agent", "policy_bad_choice",
                             {"key": "absent_agent", "choices": ", ".join(ABSENT_AGENT), "got": _shown(absent)}))
            absent = None
    return named, absent


def _statement(text: object, where: str, key: str, problems: Problems) -> str | None:
    """A clause statement: non-empty text whose placeholders are all known."""
    if not isinstance(text, str) or not text.strip():
        problems.append((where, "policy_bad_text", {"key": key, "got": _shown(text)}))
        return None
    try:
        names = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
    except ValueError:
        problems.append((where, "policy_braces", {"key": key}))
        return None
    bad = [f for f, spec, conv in names if f not in PLACEHOLDERS or spec or conv]
    if bad:
        problems.append((where, "policy_placeholder", {"key": key, "name": "{" + bad[0] + "}", "known": ", ".join(PLACEHOLDERS)}))
        return None
    return text.strip()


def check(section: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a complete attribution section; return it cleaned (JSON-ready), with ``figures`` and ``rules``."""
    problems: Problems = []
    if not isinstance(section, Mapping):
        raise InputErrors([("policy", "policy_not_mapping", {"key": SECTION, "got": _shown(section)})])
    p = "policy"
    _unknown_keys({k: v for k, v in section.items() if k not in DERIVED}, SCHEMA, p, problems)

    tz_name, tz, tz_label = "", None, None
    tz_map = _mapping(section, "time_zone", problems, p)
    if tz_map is not None:
        _unknown_keys(tz_map, SCHEMA["time_zone"], f"{p}.time_zone", problems)
        if _present(tz_map, "name", f"{p}.time_zone", problems):
            tz_name = tz_map["name"]
            if not isinstance(tz_name, str) or not tz_name.strip():
                problems.append((f"{p}.time_zone.name", "policy_bad_text", {"key": "time_zone.name", "got": _shown(tz_name)}))
                tz_name = ""
            elif tz_name.strip() not in zones.names():
                problems.append((f"{p}.time_zone.name", "policy_unknown_zone", {
                    "key": "time_zone.name", "got": _shown(tz_name), "known": ", ".join(zones.names())}))
                tz_name = ""
        if _present(tz_map, "utc_offset", f"{p}.time_zone", problems):
            tz = _offset(tz_map["utc_offset"]) if isinstance(tz_map["utc_offset"], str) else None
            if tz is None:
                problems.append((f"{p}.time_zone.utc_offset", "policy_bad_offset", {"key": "time_zone.utc_offset", "got": _shown(tz_map["utc_offset"])}))
            elif tz_name and tz != _offset(zones.standard_offset(tz_name.strip())):
                problems.append((f"{p}.time_zone.utc_offset", "policy_offset_mismatch", {
                    "key": "time_zone.utc_offset", "got": _shown(tz_map["utc_offset"]), "zone": tz_name.strip(),
                    "standard": zones.standard_offset(tz_name.strip())}))
        if _present(tz_map, "label", f"{p}.time_zone", problems):
            tz_label = _bilingual(tz_map["label"], f"{p}.time_zone.label", problems)

    days = _whole(section, "follow_up_days", p, 0, problems)
    helper = _share(section, "helper_share", p, problems)
    second = first = None
    split = _mapping(section, "unrecognised_split", problems, p)
    if split is not None:
        _unknown_keys(split, SCHEMA["unrecognised_split"], f"{p}.unrecognised_split", problems)
        second = _share(split, "second_agent", f"{p}.unrecognised_split", problems)
        first = _share(split, "first_agent", f"{p}.unrecognised_split", problems)
        if second is not None and first is not None and second + first != 1:
            problems.append((f"{p}.unrecognised_split", "policy_split_sum", {"key": "unrecognised_split", "total": str(second + first)}))
    units = _whole(section, "group_purchase_units", p, 1, problems)

    not_asking = dump_min = dump_max = None
    fines = _mapping(section, "fines", problems, p)
    if fines is not None:
        _unknown_keys(fines, SCHEMA["fines"], f"{p}.fines", problems)
        not_asking = _money(fines, "not_asking", f"{p}.fines", problems)
        dumping = _mapping(fines, "dumping", problems, f"{p}.fines")
        if dumping is not None:
            _unknown_keys(dumping, SCHEMA["fines"]["dumping"], f"{p}.fines.dumping", problems)
            dump_min = _money(dumping, "min", f"{p}.fines.dumping", problems)
            dump_max = _money(dumping, "max", f"{p}.fines.dumping", problems)
            if dump_min is not None and dump_max is not None and dump_min > dump_max:
                problems.append((f"{p}.fines.dumping.min", "policy_fine_order", {"key": "fines.dumping", "min": str(dump_min), "max": str(dump_max)}))
    strikes = _whole(section, "dismissal_after", p, 1, problems)
    named, absent = _switches(section, p, problems)

    figures: dict[str, str] = {}
    if not problems:
        figures = {
            "follow_up_days": str(days),
            "helper_percent": percent(helper),
            "owner_percent": percent(1 - helper),
            "second_percent": percent(second),
            "first_percent": percent(first),
            "group_units": str(units),
            "fine_not_asking": yuan(not_asking),
            "fine_dumping_min": yuan(dump_min),
            "fine_dumping_max": yuan(dump_max),
            "dismissal_after": str(strikes),
        }

    clauses_out: dict[str, dict[str, Any]] = {}
    clauses = _mapping(section, "clauses", problems, p)
    if clauses is not None:
        _unknown_keys(clauses, CLAUSE_IDS, f"{p}.clauses", problems)
        for cid in CLAUSE_IDS:
            where = f"{p}.clauses.{cid}"
            entry = clauses.get(cid)
            if not isinstance(entry, Mapping):
                code = "policy_missing_key" if entry is None else "policy_not_mapping"
                problems.append((where, code, {"key": f"clauses.{cid}", "got": _shown(entry)}))
                continue
            _unknown_keys(entry, CLAUSE_KEYS, where, problems)
            cleaned: dict[str, Any] = {"source": str(entry.get("source") or "")}
            title = _bilingual(entry.get("title"), f"{where}.title", problems)
            if title is not None:
                cleaned["title"] = title
            for lang in LANGS:
                text = _statement(entry.get(lang), f"{where}.{lang}", f"clauses.{cid}.{lang}", problems)
                if text is not None:
                    cleaned[lang] = text
            clauses_out[cid] = cleaned
    if problems:
        raise InputErrors(problems)
    rules_out: dict[str, dict[str, Any]] = {}
    for cid, entry in clauses_out.items():
        rule = {"source": entry["source"], "title": entry["title"]}
        for lang in LANGS:
            rule[lang] = entry[lang].format(**figures, time_zone=tz_label[lang])
        rules_out[cid] = rule
    return {
        "time_zone": {"name": tz_name.strip(), "utc_offset": tz_map["utc_offset"], "label": tz_label},
        "follow_up_days": days,
        "helper_share": _share_text(helper),
        "unrecognised_split": {"second_agent": _share_text(second), "first_agent": _share_text(first)},
        "group_purchase_units": units,
        "fines": {
            "not_asking": str(not_asking),
            "dumping": {"min": str(dump_min), "max": str(dump_max)},
        },
        "dismissal_after": strikes,
        "named_agent_ignores_validity": named,
        "absent_agent": absent,
        "clauses": clauses_out,
        "figures": figures,
        "rules": rules_out,
    }


def merge_overrides(section: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """``overrides`` (the payload's ``policy`` field) merged over ``section``.

    Every key must already exist in the section (``figures`` and ``rules`` are
    derived and cannot be overridden); an unknown one is an error naming it.
    """
    problems: Problems = []

    def merge(base: Any, over: Any, path: str) -> Any:
        if isinstance(base, Mapping) and isinstance(over, Mapping):
            out = dict(base)
            known = [k for k in base if not (path == "policy" and k in DERIVED)]
            for key, value in over.items():
                if key not in known:
                    problems.append((f"{path}.{key}", "unknown_policy_key", {"key": _name(path, key), "known": ", ".join(map(str, known))}))
                    continue
                out[key] = merge(base[key], value, f"{path}.{key}")
            return out
        return over

    merged = merge(section, overrides, "policy")
    if problems:
        raise InputErrors(problems)
    return merged


def typed(cleaned: Mapping[str, Any]) -> Policy:
    """The engine's view of a section that ``check`` returned."""
    tz = zones.zone(cleaned["time_zone"]["name"])
    split = cleaned["unrecognised_split"]
    fines = cleaned["fines"]
    return Policy(
        tz_name=cleaned["time_zone"]["name"],
        tz=tz,
        follow_up_days=cleaned["follow_up_days"],
        helper_share=Decimal(cleaned["helper_share"]),
        second_share=Decimal(split["second_agent"]),
        first_share=Decimal(split["first_agent"]),
        group_units=cleaned["group_purchase_units"],
        fine_not_asking=Money.parse(fines["not_asking"]),
        fine_dumping_min=Money.parse(fines["dumping"]["min"]),
        fine_dumping_max=Money.parse(fines["dumping"]["max"]),
        dismissal_after=cleaned["dismissal_after"],
        named_agent_ignores_validity=cleaned["named_agent_ignores_validity"],
        absent_agent=cleaned["absent_agent"],
        titles={cid: dict(rule["title"]) for cid, rule in cleaned["rules"].items()},
    )
