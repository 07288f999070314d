"""Company policy sections: each declared once, by the rules that read it; the values live in YAML.

A ``PolicySection`` names a section (``attribution`` is
``playbook_src/policy/attribution.yaml``), says in zh and en what it decides,
and declares every value in it as a shape (``schema``) whose leaves are the
calculators' own fields: label, help (what the value changes), unit, bounds or
choices. The values themselves are never here: the section's file holds them,
a course may override them, and ``check`` reads and cleans them.

``policy_catalog(defaults, policy)`` describes every section's values the way
``catalog()`` describes calculator inputs, with each value's default (from
the policy files, ``defaults``) and a course's value (``policy``), for forms
that edit a policy and for a policy reference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import schema
from .base import REGISTRY, InputErrors
from .fields import Field, FieldError, shown
from .i18n import L, Text
from .jsontext import loads


@dataclass(frozen=True)
class PolicySection:
    """A policy section: its name, what it decides, the shape of its values, and what is derived from them."""

    name: str
    title: Text
    summary: Text
    shape: Any
    # cleaned values -> the same with derived keys added (attribution's figures and rule texts)
    finish: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def problems(self, data: Any) -> tuple[dict[str, Any] | None, schema.Problems]:
        """The cleaned section (None when it has problems) and every problem, with key paths inside the section."""
        cleaned, problems = schema.check(self.shape, data)
        if problems or cleaned is None:
            return None, problems
        return (self.finish(cleaned) if self.finish else cleaned), []

    def check(self, data: Any) -> dict[str, Any]:
        """The cleaned section; raises ``InputErrors`` with paths such as ``policy.follow_up_days``."""
        cleaned, problems = self.problems(data)
        if problems:
            raise InputErrors(schema.problems_as_inputs(problems))
        assert cleaned is not None
        return cleaned

    def describe(self, defaults: Any = None, value: Any = schema.MISSING) -> dict[str, Any]:
        """The section for ``policy_catalog()``: ``value`` (a course's cleaned section) fills each entry's ``value``."""
        values = schema.describe(self.shape, value, schema.MISSING if defaults is None else defaults)
        return {
            "name": self.name,
            "title": dict(self.title),
            "summary": dict(self.summary),
            "calculators": sorted(n for n, c in REGISTRY.items() if c.policy_section == self.name),
            "values": values,
        }


POLICY_SECTIONS: dict[str, PolicySection] = {}

# Section name -> a function that checks a complete section and returns it
# cleaned, raising InputErrors with field paths such as "policy.follow_up_days".
POLICY_CHECKS: dict[str, Callable[[Any], dict[str, Any]]] = {}


def register_policy(section: PolicySection) -> PolicySection:
    """Declare policy ``section`` (names are unique)."""
    if section.name in POLICY_SECTIONS:
        raise ValueError(f"policy section {section.name!r} registered twice")
    POLICY_SECTIONS[section.name] = section
    POLICY_CHECKS[section.name] = section.check
    return section


def policy_catalog(defaults: Mapping[str, Any] | None = None, policy: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Every policy section's values, JSON-ready, keyed by section.

    Each value is described like a calculator input (``Field.describe()``:
    ``kind``, ``label``, ``help``, ``min``/``max`` or ``choices``) with its
    ``path`` in the section (``fines.dumping.min``), its ``unit``, its
    ``default`` (the value in ``defaults``, the policy files' checked
    sections) and, when ``policy`` is given (a course's effective policy),
    its ``value`` (None where the course has none). Mappings, tables and
    lists come first as entries of their own; a list's entry describes one of
    its items under ``item``. Each section also lists the ``calculators``
    that read it.

    So every value has: ``path``, ``label`` and ``help`` (what it changes) in
    zh and en, ``kind``, ``unit`` (None when it is not counted in one),
    ``min``/``max`` (or ``min_items``/``max_items``) or ``choices``,
    ``default`` and, with ``policy``, ``value``.
    """
    return {name: section.describe((defaults or {}).get(name), schema.MISSING if policy is None else policy.get(name))
            for name, section in sorted(POLICY_SECTIONS.items())}


# What a policy-overrides field expects, in plain words, for the two places it is read.
_EXPECTED_IN_FILE = L("每个政策部分下面写“名称: 值”，例如 attribution: {follow_up_days: 10}",
                      "under each policy section, name: value, e.g. attribution: {follow_up_days: 10}")
_EXPECTED_ON_PAGE = L("每项政策一个数值，各写在自己的框里", "one value for each policy item, each in its own box")


@dataclass(frozen=True)
class PolicyOverridesField(Field):
    """Policy values tried instead of the company's: a course file's ``policy:``, or one calculation's values of a section.

    With ``section`` (a calculator's input) the payload gives that section's values: nested as the section
    is (``{"fines": {"dumping": {"min": "300"}}}``) or flat by path, as a form sends it
    (``{"fines.dumping.min": "300"}``), empty values left out; the same as JSON text is read too.
    ``values`` names the paths a form offers, in order; ``describe()`` gives each one from the section's
    own declaration (label, help, unit, bounds or choices) and the mappings they sit in (``groups``), for
    ``render.form``. Without ``section`` (a course file's ``policy:``) it is a mapping of section -> values
    as written, each checked later against its section's declaration (``playbook.policy.load_policy``).
    """

    section: str = ""
    values: tuple[str, ...] = ()
    kind = "policy"

    def _describe_extra(self) -> dict[str, Any]:
        if not self.section:
            return {"section": "", "values": [], "groups": {}}
        entries = {e["path"]: e for e in schema.describe(POLICY_SECTIONS[self.section].shape)}
        values, groups = [], {}
        for path in self.values:
            entry = {k: v for k, v in entries[path].items() if k not in ("default", "group", "name", "required")}
            parent = path.rpartition(".")[0]
            entry["in"] = parent
            values.append(entry)
            if parent and parent not in groups:
                groups[parent] = {"label": entries[parent]["label"], "help": entries[parent]["help"]}
        return {"section": self.section, "values": values, "groups": groups}

    def _parse(self, raw: Any) -> dict[str, Any]:
        if not self.section:  # a course file's policy: section -> values, checked section by section later
            if not isinstance(raw, dict):
                raise FieldError("field_not_object", expected=_EXPECTED_IN_FILE, got=shown(raw)[:80])
            return raw
        if isinstance(raw, str):
            try:
                raw = loads(raw)  # read like any JSON payload: not too deep, no key written twice
            except ValueError:
                raise FieldError("field_not_object", expected=_EXPECTED_ON_PAGE, got=shown(raw)[:80]) from None
        if not isinstance(raw, dict):
            raise FieldError("field_not_object", expected=_EXPECTED_ON_PAGE, got=shown(raw)[:80])
        return nested(raw)


def nested(values: Mapping[str, Any]) -> dict[str, Any]:
    """``{"fines.dumping.min": "300", "follow_up_days": ""}`` -> ``{"fines": {"dumping": {"min": "300"}}}``: paths
    opened into mappings (nested ones merged), empty values dropped (a mapping stays, even empty: checked as written)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value == "" or value is None:
            continue
        parts = str(key).split(".") if isinstance(key, str) else [key]
        if isinstance(value, Mapping):
            value = nested(value)
        at = out
        for part in parts[:-1]:
            if not isinstance(at.get(part), dict):
                at[part] = {}
            at = at[part]
        last = parts[-1]
        if isinstance(value, dict) and isinstance(at.get(last), dict):
            at[last] = {**at[last], **value}
        else:
            at[last] = value
    return out
