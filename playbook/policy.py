"""The company policy: values in playbook_src/policy/<section>.yaml, checked by the rules.

Each YAML file is one section (``attribution.yaml`` -> ``policy["attribution"]``),
declared by the rules that read it (``calculators.POLICY_SECTIONS``: every
value's label, help, unit and bounds). A course may override any value; the
merged section is checked against its declaration, and **every** problem is
reported at once, each with the file and line it came from: the course file
when an override caused it, the section's file otherwise.

``policy_reference(overrides)`` is ``calculators.policy_catalog()`` with the
policy files' values as defaults and a course's as its values.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import calculators
from calculators.i18n import L, message, register_messages

from . import paths
from .course import Course, load_course
from .lang import reader_lang
from .scorecards import load_scorecards
from .yamlfile import Located, SourceError, SourceErrors, load, raise_all


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            if key in base:
                out[key] = _merge(base[key], value)
        return out
    return over


def _unknown_keys(base: Any, over: Any, prefix: tuple) -> list[tuple[tuple, list[str]]]:
    """Key paths in ``over`` that ``base`` does not have (misspelt overrides), each with the keys known there."""
    if not isinstance(over, dict) or not isinstance(base, dict):
        return []
    out = []
    for key, value in over.items():
        if key not in base:
            out.append((prefix + (key,), [str(k) for k in base]))
        else:
            out.extend(_unknown_keys(base[key], value, prefix + (key,)))
    return out


def _has(tree: Any, keys: tuple) -> bool:
    for key in keys:
        if not isinstance(tree, dict) or key not in tree:
            return False
        tree = tree[key]
    return True


def _touches(tree: Any, keys: tuple) -> bool:
    """Whether the overrides at ``keys`` change anything (a non-empty mapping, or a value)."""
    for key in keys:
        tree = tree[key]
    return bool(tree) if isinstance(tree, dict) else True


def load_policy(
    overrides: Mapping[str, Any] | None = None,
    overrides_file: Located | None = None,
    overrides_at: tuple = ("policy",),
    policy_dir: Path | None = None,
    lang: str | None = None,
    scorecards_dir: Path | None = None,
) -> dict[str, dict[str, Any]]:
    """The effective policy: every section file, with ``overrides`` merged in.

    ``overrides`` maps section -> values, as written under ``policy:`` in a
    course file (``overrides_file``, whose keys start at ``overrides_at``, is
    used to name the line of a bad override). The section ``scorecards``
    comes from ``scorecards_dir`` (playbook_src/scorecards/), switched by
    ``overrides["scorecards"]``. Raises SourceError (SourceErrors when there
    are several problems), with messages in ``lang`` (by default the reader's,
    ``playbook.lang.reader_lang``).
    """
    lang = lang or reader_lang()
    policy_dir = policy_dir or paths.POLICY
    problems: list[SourceError] = []
    sections: dict[str, Any] = {}
    files: dict[str, Located] = {}
    broken: set[str] = set()  # files that could not be read: their problem is reported already
    for path in sorted(policy_dir.glob("*.yaml")):
        try:
            doc = load(path)
        except SourceError as err:
            problems.append(err)
            broken.add(path.stem)
            continue
        if path.stem not in calculators.POLICY_SECTIONS:
            problems.append(SourceError(path, 1, message("policy_undeclared_section", lang, section=path.stem,
                                                         known=", ".join(calculators.POLICY_SECTIONS))))
            continue
        sections[path.stem] = doc.data
        files[path.stem] = doc
    overrides = dict(overrides or {})
    src = overrides_file.path if overrides_file else Path("policy overrides")

    def course_line(*keys: object) -> int | None:
        return overrides_file.line(*overrides_at, *keys) if overrides_file else None

    # Scorecards come from their own folder, with their own switches (playbook.scorecards).
    try:
        scorecards = load_scorecards(overrides.pop("scorecards", None), overrides_file, (*overrides_at, "scorecards"),
                                     scorecards_dir, lang)
    except SourceError as err:
        problems.append(err)
        scorecards = {}
    for section, values in list(overrides.items()):
        if section not in sections:
            if section not in broken:
                known = ", ".join(sorted({*files, "scorecards"}))
                problems.append(SourceError(src, course_line(section), message("policy_unknown_section", lang, section=section, known=known)))
            overrides.pop(section)
            continue
        shape = calculators.POLICY_SECTIONS[section].shape
        for keys, known in _unknown_keys(sections[section], values, ()):
            text = message("schema_unknown_key", lang, key=str(keys[-1]), known=", ".join(known))
            problems.append(SourceError(src, course_line(section, *keys), f"{'.'.join(map(str, (*overrides_at, section, *keys)))}: {text}"))
        if not isinstance(values, dict):
            problems.append(SourceError(src, course_line(section), message("schema_not_mapping", lang, label=section,
                                                                           expected=shape.help, got=repr(values))))
            overrides.pop(section)
            continue
        sections[section] = _merge(sections[section], values)
    cleaned: dict[str, dict[str, Any]] = {}
    for section, values in sections.items():
        out, found = calculators.POLICY_SECTIONS[section].problems(values)
        for p in found:
            # the course caused it when it wrote the value, or changed a value the rule that found it weighs
            if overrides_file and section in overrides and (_has(overrides[section], p.path) or (
                    p.scope is not None and _has(overrides[section], p.scope) and _touches(overrides[section], p.scope))):
                problems.extend(overrides_file.problems([p], lang, (*overrides_at, section)))
            else:
                problems.extend(files[section].problems([p], lang))
        if out is not None:
            cleaned[section] = out
    raise_all(problems)
    cleaned["scorecards"] = scorecards
    return cleaned


def checked_course(path: Path | str, modules_dir: Path | None = None, lang: str | None = None) -> tuple[Course, dict[str, dict[str, Any]]]:
    """A course file and its effective policy, with every problem of both reported at once.

    A course file that has problems of its own still has its policy
    overrides checked (when they are a mapping), so one run names them all.
    """
    lang = lang or reader_lang()
    try:
        course = load_course(path, modules_dir, lang)
    except SourceError as err:
        problems: list[SourceError] = [err]
        try:
            doc = load(path)
        except SourceError:
            raise err from None
        overrides = doc.data.get("policy") if isinstance(doc.data, dict) else None
        if isinstance(overrides, dict):
            try:
                load_policy(overrides, doc, lang=lang)
            except SourceError as more:
                problems.append(more)
        raise_all(problems)
        raise
    return course, load_policy(course.policy, overrides_file=course.source, lang=lang)


def policy_reference(overrides: Mapping[str, Any] | None = None, overrides_file: Located | None = None,
                     lang: str | None = None) -> dict[str, dict[str, Any]]:
    """``calculators.policy_catalog()`` with defaults from the policy files and the values of a course's ``overrides``."""
    defaults = load_policy(lang=lang)
    course = load_policy(overrides, overrides_file, lang=lang) if overrides else defaults
    return calculators.policy_catalog(defaults, course)


register_messages({
    "policy_undeclared_section": L(
        "没有规则声明名为“{section}”的政策部分：文件名要是其中之一：{known}。",
        "no rules declare a policy section named '{section}': the file's name must be one of: {known}.",
    ),
    "policy_unknown_section": L(
        "没有名为“{section}”的政策部分（拼写对吗？）；可用的有：{known}。",
        "there is no policy section named '{section}' (is it misspelt?); the sections are: {known}.",
    ),
})

__all__ = ["SourceErrors", "checked_course", "load_policy", "policy_reference"]
