"""Calculator blocks in Markdown, and the HTML that replaces them.

A page embeds a calculator with a fenced block whose info string is
``calculator NAME``; its body is empty or a JSON object that presets the form::

    ```calculator qualification
    {"money": "yes", "authority": "unknown", "need": "yes"}
    ```

This module needs no site engine: ``find_blocks`` returns the blocks with
their problems (unknown name, bad preset), and ``calculator_html`` returns the
finished HTML, with the preset's answer computed now, by the same rules and
the same renderer (``calculators.render``) the browser runs later, so a reader
sees an answer before Python starts, and the live answer looks the same.

``embed_page`` does a whole page for any site engine: it swaps each block
for a placeholder the engine's Markdown leaves alone, and returns an
``Embedding`` whose ``content`` puts the calculators (and their scripts) in
the rendered page body and whose ``page`` starts Python from the page's
``<head>``. The MkDocs plugin only calls these.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import calculators
from calculators.render import summary_text
from calculators.render.form import form_html

from .form_html import script_json, slip_head_html, slip_html, t

# The page's calculator scripts (docs/assets/playbook/calc/): ES modules, main.js first, and a
# classic one that explains, opened from disk, why nothing calculates (browsers load no module there).
MODULES = ("main", "state", "form", "table", "tools", "answer", "status", "text", "when")
FILE_NOTE = "file-note.js"

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
                preset = calculators.loads(body)  # a key written twice is a problem, as in any payload
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
        spec = calculators.page_spec(block.name, block.preset, policy, "en", page_lang=lang)
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
    summary = summary_text(calculators.REGISTRY[block.name].outputs, outcome.get("result") or {}, lang) if outcome["ok"] else ""
    html = (
        f'<div class="pb-calc" id="{uid}" data-calculator="{escape(block.name, quote=True)}"{card_attr} data-state="loading" lang="{lang}">'
        f'<script type="application/json" data-role="config">{script_json(config)}</script>'
        f'<div class="pb-calc__head"><p class="pb-calc__title" id="{uid}-title">{escape(spec["title"].get(lang, spec["title"]["zh"]))}</p>'
        f'<p class="pb-calc__summary">{escape(spec["summary"].get(lang, spec["summary"]["zh"]))}</p>'
        f'<p class="pb-status" data-role="status">{escape(t("loading", lang))}</p></div>'
        f'<p class="pb-file-note" data-role="file-note" hidden>{t("file", lang)}</p>'
        f'<noscript><p class="pb-file-note">{escape(t("noscript", lang))}</p></noscript>'
        f'{slip_head_html(block.name, lang)}'
        '<div class="pb-calc__body">'
        f'<div class="pb-calc__inputs">{form_html(spec, values, lang, uid, config["policy"])}'
        # the answer in one line, kept in view at the foot of the screen while the form scrolls by (phones)
        f'<div class="pb-summary" data-role="summary"><span class="pb-summary__text" data-role="summary-text">{escape(summary)}</span>'
        f'<a class="pb-summary__jump" href="#{uid}-answer">{escape(t("to_answer", lang))}</a></div></div>'
        f'<div class="pb-answer" id="{uid}-answer" role="region" aria-label="{escape(t("answer", lang), quote=True)}" tabindex="-1">'
        f'{calculators.answer_html(block.name, outcome, lang)}</div>'
        "</div>"
        # what a screen reader hears when the answer changes: the summary, or why the answer is not up to date
        '<p class="pb-sr" data-role="announce" aria-live="polite"></p>'
        '<div data-role="tools"></div>'
        f'<div class="pb-slip">{slip_html(lang)}</div>'
        "</div>"
    )
    return html, problems


def calc_title(spec: Mapping[str, Any], lang: str) -> str:
    """A calculator's title on a page in ``lang`` (a scorecard's is its card's)."""
    return spec["title"].get(lang) or spec["title"]["zh"]


JUMP = {"zh": ("本章的计算器", "跳到计算器："), "en": ("This chapter's calculators", "Go to the calculator: ")}


def jump_html(calcs: list[tuple[str, str]], lang: str) -> str:
    """The links at the top of a chapter to each of its calculators (``(id, title)``): a phone reader need not scroll six screens."""
    name, lead = JUMP.get(lang, JUMP["zh"])
    links = "".join(f'<a class="pb-jump__link" href="#{escape(uid, quote=True)}">{escape(title)} ↓</a>' for uid, title in calcs)
    return f'<nav class="pb-jump" aria-label="{escape(name, quote=True)}"><span class="pb-jump__lead">{escape(lead)}</span>{links}</nav>'


def _policy_for(spec: Mapping[str, Any], policy: Mapping[str, Any]) -> dict[str, Any]:
    """Only what the calculator reads: its policy section (for a scorecard, its one card)."""
    section = spec.get("policy_section") or ""
    if not section:
        return {}
    values = policy.get(section, {})
    if spec.get("card"):
        values = {spec["card"]: values[spec["card"]]}
    return {section: values}


# --------------------------------------------------------------------------- whole pages


def lang_of(src_uri: str, default: str) -> str:
    """``qualification.en.md`` -> ``en``; no language suffix -> the default."""
    stem = posixpath.basename(src_uri).rsplit(".", 1)[0]
    if "." in stem:
        suffix = stem.rsplit(".", 1)[1]
        if suffix in ("zh", "en"):
            return suffix
    return default


def root_of(dest_uri: str) -> str:
    """The relative path from a built page to the site root: ``en/qualification/index.html`` -> ``../../``."""
    folder = posixpath.dirname(dest_uri)
    return "../" * (folder.count("/") + 1 if folder else 0)


def head_html(root: str, runtime: Mapping[str, Any]) -> str:
    """boot.js (it starts Python before the body is parsed) and the calculator modules, fetched at once."""
    boot = (f'<script src="{root}assets/playbook/boot.js" data-root="{escape(root)}" '
            f'data-runtime="{escape(json.dumps(dict(runtime), separators=(",", ":")))}"></script>')
    preload = "".join(f'<link rel="modulepreload" href="{root}assets/playbook/calc/{m}.js">' for m in MODULES)
    return boot + preload


def insert_boot(html: str, root: str, runtime: Mapping[str, Any]) -> str:
    """``html`` with ``head_html`` right after the viewport meta (charset stays in the first 1024 bytes)."""
    anchor = html.find('<meta name="viewport"')
    at = html.find(">", anchor) + 1 if anchor >= 0 else html.find("<head>") + len("<head>")
    return html[:at] + "\n      " + head_html(root, runtime) + html[at:]


def scripts_html(root: str) -> str:
    """The calculator scripts at the end of a page's body."""
    return (f'<script type="module" src="{root}assets/playbook/calc/main.js"></script>'
            f'<script defer src="{root}assets/playbook/calc/{FILE_NOTE}"></script>')


def _slot(n: int) -> str:
    return f'<div data-pb-slot="{n}"></div>'


@dataclass
class Embedding:
    """One page's calculators: Markdown with placeholders, their HTML, and what was wrong."""

    markdown: str
    parts: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    root: str = ""
    runtime: Mapping[str, Any] = field(default_factory=dict)
    jump: str = ""  # the links to the page's calculators, under its title

    def content(self, html: str) -> str:
        """The rendered page body with each placeholder replaced by its calculator, the links to them, and the scripts."""
        if not self.parts:
            return html
        for n, part in enumerate(self.parts):
            html = html.replace(_slot(n), part, 1)
        title_end = html.find("</h1>")
        if self.jump and title_end >= 0:
            html = html[: title_end + 5] + self.jump + html[title_end + 5:]
        return html + scripts_html(self.root)

    def page(self, output: str) -> str:
        """The finished page with Python started from its ``<head>`` (pages without calculators unchanged)."""
        return insert_boot(output, self.root, self.runtime) if self.parts else output


def embed_page(markdown: str, src_uri: str, dest_uri: str, context: Mapping[str, Any]) -> Embedding:
    """Every calculator block of a page, done: ``context`` is what ``playbook build`` writes (course, policy, runtime)."""
    blocks, problems = find_blocks(markdown)
    if not blocks:
        return Embedding(markdown, problems=problems)
    lang = lang_of(src_uri, context["default_lang"])
    root = root_of(dest_uri)
    out, parts, pos, calcs = [], [], 0, []
    for n, block in enumerate(blocks):
        uid = calc_id(n, block.name)
        html, found = calculator_html(block, lang=lang, policy=context["policy"], root=root, runtime=context["runtime"],
                                      course_id=context["course"], uid=uid)
        problems.extend(found)
        parts.append(html)
        if html:
            calcs.append((uid, calc_title(calculators.page_spec(block.name, block.preset, context["policy"], "en", page_lang=lang), lang)))
        out += [markdown[pos:block.start], f"\n{_slot(n)}\n"]
        pos = block.end
    out.append(markdown[pos:])
    return Embedding("".join(out), parts, sorted(problems, key=lambda p: p.line), root, context["runtime"],
                     jump_html(calcs, lang) if calcs else "")


def calc_id(n: int, name: str) -> str:
    """The element id of the ``n``-th (from 0) calculator block on a page: links to it use ``#calc-1-forecast``."""
    return f"calc-{n + 1}-{name}"
