"""The company policy: values in playbook_src/policy/<section>.yaml, checked by the rules.

Each YAML file is one section (``attribution.yaml`` -> ``policy["attribution"]``).
A course may override any value; the merged section is checked by the check
function the rules package registered for it (``calculators.POLICY_CHECKS``),
and a problem is reported with the file and line it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import calculators
from calculators.base import InputErrors
from calculators.i18n import message

from . import paths
from .scorecards import load_scorecards
from .yamlfile import Located, SourceError, load


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return over


def _unknown_keys(base: Any, over: Any, prefix: tuple) -> list[tuple]:
    """Key paths in ``over`` that ``base`` does not have (misspelt overrides)."""
    if not isinstance(over, dict):
        return []
    if not isinstance(base, dict):
        return []
    out = []
    for key, value in over.items():
        if key not in base:
            out.append(prefix + (key,))
        else:
            out.extend(_unknown_keys(base[key], value, prefix + (key,)))
    return out


def _problem_keys(path: str) -> tuple:
    """``"policy.fines.not_asking"`` -> ``("fines", "not_asking")``."""
    parts = path.split(".")
    if parts and parts[0] == "policy":
        parts = parts[1:]
    return tuple(p for p in parts if p)


def load_policy(
    overrides: Mapping[str, Any] | None = None,
    overrides_file: Located | None = None,
    overrides_at: tuple = ("policy",),
    policy_dir: Path | None = None,
    lang: str = "en",
    scorecards_dir: Path | None = None,
) -> dict[str, dict[str, Any]]:
    """The effective policy: every section file, with ``overrides`` merged in.

    ``overrides`` maps section -> values, as written under ``policy:`` in a
    course file (``overrides_file``, whose keys start at ``overrides_at``, is
    used to name the line of a bad override). The section ``scorecards``
    comes from ``scorecards_dir`` (playbook_src/scorecards/), switched by
    ``overrides["scorecards"]``. Raises SourceError.
    """
    policy_dir = policy_dir or paths.POLICY
    sections: dict[str, dict[str, Any]] = {}
    files: dict[str, Located] = {}
    for path in sorted(policy_dir.glob("*.yaml")):
        doc = load(path)
        if not isinstance(doc.data, dict):
            raise SourceError(path, 1, "expected a mapping of policy values")
        sections[path.stem] = doc.data
        files[path.stem] = doc
    overrides = dict(overrides or {})
    # Scorecards come from their own folder, with their own switches (playbook.scorecards).
    scorecards = load_scorecards(overrides.pop("scorecards", None), overrides_file, (*overrides_at, "scorecards"),
                                 scorecards_dir, lang)
    for section, values in overrides.items():
        where = overrides_file.line(*overrides_at, section) if overrides_file else None
        src = overrides_file.path if overrides_file else "policy overrides"
        if section not in sections:
            raise SourceError(src, where, f"unknown policy section {section!r}; expected one of: {', '.join(sorted(sections))}")
        bad = _unknown_keys(sections[section], values, ())
        if bad:
            line = overrides_file.line(*overrides_at, section, *bad[0]) if overrides_file else None
            known = ", ".join(sorted(sections[section]))
            raise SourceError(src, line, f"unknown policy key {section}.{'.'.join(map(str, bad[0]))}; known keys: {known}")
        sections[section] = _merge(sections[section], values)
    for section, values in sections.items():
        check = calculators.POLICY_CHECKS.get(section)
        if check is None:
            raise SourceError(files[section].path, 1, f"no rules declare a policy section {section!r}")
        try:
            sections[section] = check(values)
        except InputErrors as errs:
            field, code, params = errs.problems[0]
            keys = _problem_keys(field)
            text = message(code, lang, label=".".join(keys) or section, **params)
            if overrides_file and section in overrides and keys and _has(overrides[section], keys):
                raise SourceError(overrides_file.path, overrides_file.line(*overrides_at, section, *keys), text) from None
            raise SourceError(files[section].path, files[section].line(*keys), text) from None
    sections["scorecards"] = scorecards
    return sections


def _has(tree: Any, keys: tuple) -> bool:
    for key in keys:
        if not isinstance(tree, dict) or key not in tree:
            return False
        tree = tree[key]
    return True
