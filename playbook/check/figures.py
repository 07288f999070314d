"""A figure typed into a page that is a policy value next to its unit should be read from the policy.

``回访期限 7 天`` in a template is right today and wrong in the course whose
policy says 10: the page should say ``{{ policy.attribution.follow_up_days }} 天``.
The template's own text is read (what Jinja2 expressions produce is not: it
comes from the policy), and each number next to a unit is compared with the
course's policy values of that unit: days, percentages (shares and win
rates), yuan, units (套), times (次), clock times and dates.

A figure that only happens to equal a policy value (a fact from a source
text, "80% of failures come from poor prospecting") is marked on its line
with a comment that starts ``{# not policy``: ``{# not policy: §S10 #}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from ..yamlfile import read_text
from .pages import Course

NOT_POLICY = "{# not policy"  # a comment that starts so: {# not policy #}, {# not policy: §S10 #}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
N = r"(?<![\d.,:])(?P<n>\d+(?:\.\d+)?)"
# unit -> how a page writes a figure in it (zh and en); the number is group "n"
UNITS = {
    "days": N + r"\s*(?:天|日|days?\b|-day\b)",
    "percent": N + r"\s*%",
    "yuan": N + r"\s*(?:元|yuan\b)|¥\s*(?P<m>\d+(?:\.\d+)?)",
    "units": N + r"\s*(?:套|units?\b|-unit\b)",
    "times": N + r"\s*(?:次(?!项)|times\b)",
    "clock": r"(?<!\d)(?P<n>[0-2]\d:[0-5]\d)(?!\d)",
    "date": r"(?<!\d)(?P<n>\d{4}-\d{2}-\d{2})(?!\d)",
}
DERIVED = {"figures", "rules", "clauses", "label", "title", "summary", "subject", "sources", "criteria", "bands", "steps"}


def _unit(keys: tuple, value: Any) -> tuple[str, str] | None:
    """(unit, the figure as a page writes it) for a policy value that pages state, else None."""
    name = "_".join(str(k) for k in keys)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        if re.fullmatch(r"[0-2]\d:[0-5]\d", value):
            return "clock", value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return "date", value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if "fines" in keys:
        return "yuan", _plain(number)
    if "days" in name:
        return "days", _plain(number)
    if "units" in name:
        return "units", _plain(number)
    if "after" in name:
        return "times", _plain(number)
    if isinstance(value, str) and 0 < number < 1 and ("share" in name or "probability" in name or "agent" in name):
        return "percent", _plain(number * 100)
    return None


def _plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


def figures(policy: dict, prefix: tuple = ()) -> Iterator[tuple[str, str, str]]:
    """(unit, figure, policy key path) for every value of ``policy`` a page states."""
    for key, value in policy.items():
        if key in DERIVED or (not prefix and key == "scorecards"):
            continue
        keys = (*prefix, key)
        if isinstance(value, dict):
            yield from figures(value, keys)
        elif (found := _unit(keys, value)) is not None:
            yield found[0], found[1], ".".join(map(str, keys))


def run(course: Course) -> list:
    from . import Problem

    known: dict[tuple[str, str], list[str]] = {}
    for unit, figure, key in figures(course.policy):
        known.setdefault((unit, figure), []).append(key)
    problems = []
    files = {page.template for page in course.pages.values()}
    for page in course.pages.values():  # a module's included files too (the glossary's _terms.md)
        if page.module:
            files.update(page.template.parent.glob("*.md"))
    for path in sorted(files):
        source = read_text(path)
        # the template's own text: what its expressions, statements and comments produce comes from elsewhere
        plain = JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
        for n, (line, text) in enumerate(zip(source.splitlines(), plain.splitlines()), start=1):
            if NOT_POLICY in line:
                continue
            for unit, pattern in UNITS.items():
                for m in re.finditer(pattern, text):
                    figure = m.group("n") if m.groupdict().get("n") else m.group("m")
                    keys = known.get((unit, figure))
                    if keys:
                        expression = f"{{{{ policy.{keys[0]}{' | pct' if unit == 'percent' else ''} }}}}"
                        problems.append(Problem(path, n, f"'{m.group(0).strip()}' is typed in, but it is the policy's "
                                                         f"{' and '.join(keys)}: state it from the policy ({expression}), "
                                                         "or mark a figure that only happens to be equal with "
                                                         "{# not policy #}"))
    return problems
