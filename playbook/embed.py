"""Calculator blocks in Markdown, and the HTML that replaces them.

A page embeds a calculator with a fenced block whose info string is
``calculator NAME``; its body is empty or a JSON object that presets the form::

    ```calculator qualification
    {"money": "yes", "authority": "unknown", "need": "yes"}
    ```

This module needs no site engine: ``find_blocks`` returns the blocks with
their problems (unknown name, bad preset), and ``calculator_html`` returns the
finished HTML, with the preset's answer computed now, by the same rules the
browser runs later, so a reader sees an answer before Python starts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from typing import Any, Mapping

import calculators

from .form_html import form_html, result_html, script_json, slip_html, t

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*calculator[ \t]+(?P<name>[^\s`]+)[ \t]*\n"
    r"(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    name: str
    preset: Mapping[str, Any]
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Problem:
    line: int
    what: str


def find_blocks(markdown: str) -> tuple[list[Block], list[Problem]]:
    """Every calculator block in ``markdown``, and what is wrong with any of them."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    known = calculators.catalog()
    for m in FENCE.finditer(markdown):
        line = markdown.count("\n", 0, m.start()) + 1
        name = m.group("name")
        if name not in known:
            problems.append(Problem(line, f"unknown calculator {name!r}; known calculators: {', '.join(known)}"))
            continue
        body = m.group("body").strip()
        preset: Mapping[str, Any] = {}
        if body:
            try:
                preset = json.loads(body)
            except ValueError as err:
                problems.append(Problem(line, f"the preset of calculator {name!r} is not JSON: {err}"))
                continue
            if not isinstance(preset, dict):
                problems.append(Problem(line, f"the preset of calculator {name!r} must be a JSON object"))
                continue
        blocks.append(Block(name, preset, line, m.start(), m.end()))
    return blocks, problems


def calculator_html(
    block: Block,
    *,
    lang: str,
    policy: Mapping[str, Any],
    root: str,
    runtime: Mapping[str, str],
    course_id: str,
    uid: str,
) -> tuple[str, list[Problem]]:
    """The calculator's HTML, with the preset's answer already rendered."""
    try:
        spec = calculators.page_spec(block.name, block.preset, policy, "en")
    except ValueError as err:
        return "", [Problem(block.line, f"the preset of calculator {block.name!r}: {err}")]
    values = {**spec["example"], **block.preset}
    outcome = calculators.run(block.name, {**values, "lang": lang}, policy)
    problems = []
    if not outcome["ok"]:
        problems.append(Problem(block.line, f"the preset of calculator {block.name!r} gives errors: "
                                + "; ".join(e["message"] for e in outcome["errors"])))
    config = {
        "name": block.name,
        # what a saved form, an export or a share link belongs to: one per card for scorecards
        "key": f"{block.name}.{spec['card']}" if spec.get("card") else block.name,
        "lang": lang,
        "course": course_id,
        "root": root,
        "runtime": dict(runtime),
        "spec": spec,
        "policy": _policy_for(spec, policy),
        "defaults": values,
    }
    card_attr = f' data-card="{escape(spec["card"], quote=True)}"' if spec.get("card") else ""
    html = (
        f'<div class="pb-calc" id="{uid}" data-calculator="{escape(block.name, quote=True)}"{card_attr} data-state="loading" lang="{lang}">'
        f'<script type="application/json" data-role="config">{script_json(config)}</script>'
        f'<div class="pb-calc__head"><p class="pb-calc__title">{escape(spec["title"].get(lang, spec["title"]["zh"]))}</p>'
        f'<p class="pb-calc__summary">{escape(spec["summary"].get(lang, spec["summary"]["zh"]))}</p>'
        f'<p class="pb-status" data-role="status">{escape(t("loading", lang))}</p></div>'
        f'<p class="pb-file-note" data-role="file-note" hidden>{t("file", lang)}</p>'
        f'<noscript><p class="pb-file-note">{escape(t("noscript", lang))}</p></noscript>'
        f'<div class="pb-calc__body">{form_html(spec, values, lang, uid)}{result_html(spec, outcome, lang)}</div>'
        '<div data-role="tools"></div>'
        f'<div class="pb-slip">{slip_html(lang)}</div>'
        "</div>"
    )
    return html, problems


def _policy_for(spec: Mapping[str, Any], policy: Mapping[str, Any]) -> dict[str, Any]:
    """Only what the calculator reads: its policy section (for a scorecard, its one card)."""
    section = spec.get("policy_section") or ""
    if not section:
        return {}
    values = policy.get(section, {})
    if spec.get("card"):
        values = {spec["card"]: values[spec["card"]]}
    return {section: values}
