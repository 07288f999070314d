"""The policy reference: every policy value, what it changes, its default, this course's value, and where it is used.

The values and their meanings are ``calculators.policy_catalog()``'s, through
``playbook.policy.policy_reference``: declared once, beside the rules that
read them. Where each is used comes from ``playbook.policy_uses``. Two
renderings of the same rows: ``text`` for ``playbook policy`` in a terminal,
``markdown`` for the trainers' page (module ``policy-reference``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .course import Course
from .policy import policy_reference
from .policy_uses import Uses

MODULE = "policy-reference"
CONTAINERS = ("mapping", "table")  # their values are listed one by one

WORDS = {
    "zh": {"value": "政策值", "meaning": "改变什么", "default": "默认", "course": "本课程", "used": "用在",
           "changed": "本课程改过", "calculators": "读取这一部分的计算器", "none": "—", "home": "首页",
           "pages": "页面", "same": "同默认", "entries": "{n} 项", "sep": "：", "open": "（", "close": "）"},
    "en": {"value": "Policy value", "meaning": "What it changes", "default": "Default", "course": "This course",
           "used": "Used on", "changed": "changed by this course", "calculators": "Calculators that read this section",
           "none": "—", "home": "home page", "pages": "pages", "same": "as the default", "entries": "{n} entries", "sep": ": ",
           "open": " (", "close": ")"},
}


@dataclass(frozen=True)
class Row:
    key: str  # "attribution.follow_up_days": where a course overrides it
    kind: str
    label: Mapping[str, str]
    help: Mapping[str, str]
    unit: Mapping[str, str] | None
    default: Any
    value: Any
    pages: tuple[str, ...]  # modules, "" for the home page

    @property
    def changed(self) -> bool:
        return self.value != self.default


@dataclass(frozen=True)
class Section:
    name: str
    title: Mapping[str, str]
    summary: Mapping[str, str]
    calculators: tuple[tuple[str, tuple[str, ...]], ...]  # (calculator, the modules that show it)
    rows: tuple[Row, ...]


def reference(course: Course, uses: Uses) -> list[Section]:
    """The course's policy, section by section, each value with where the course uses it."""
    out = []
    for name, described in policy_reference(course.policy, course.source).items():
        rows = tuple(
            Row(f"{name}.{entry['path']}", entry["kind"], entry["label"], entry["help"], entry.get("unit"),
                entry.get("default"), entry.get("value"), tuple(uses.pages(name, tuple(entry["path"].split(".")))))
            for entry in described["values"] if entry["kind"] not in CONTAINERS)
        calcs = tuple((c, tuple(m for m in course.modules if m in uses.calculators.get(c, ())))
                      for c in described["calculators"])
        out.append(Section(name, described["title"], described["summary"], calcs, rows))
    return out


def shown(value: Any, kind: str, unit: Mapping[str, str] | None, lang: str) -> str:
    """A value as a trainer writes it in YAML, in ``lang`` where it has two languages, with its unit."""
    if value is None:
        return WORDS[lang]["none"]
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, Mapping) and set(value) <= {"zh", "en"}:
        text = str(value.get(lang, ""))
    elif isinstance(value, (list, tuple)) and any(isinstance(v, Mapping) and not set(v) <= {"zh", "en"} for v in value):
        text = WORDS[lang]["entries"].format(n=len(value))  # criteria, steps: their file holds them
    elif isinstance(value, (list, tuple)):
        text = ", ".join(shown(v, "", None, lang) for v in value)
    elif isinstance(value, Mapping):
        text = WORDS[lang]["entries"].format(n=len(value))
    else:
        text = str(value)
    if not text:
        return WORDS[lang]["none"]
    return f"{text} {unit[lang]}" if unit else text


def text(sections: list[Section], lang: str, width: int = 100) -> str:
    """The reference for a terminal: a block per value, sections in order, wrapped to ``width``."""
    w = WORDS[lang]
    lines: list[str] = []

    def wrapped(words: str, indent: str) -> list[str]:
        return textwrap.wrap(" ".join(words.split()), width, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]

    for section in sections:
        lines += [f"{section.name}{w['sep']}{section.title[lang]}", *wrapped(section.summary[lang], "  ")]
        for calc, modules in section.calculators:
            where = f"{w['open']}{w['pages']}{w['sep']}{', '.join(modules)}{w['close']}" if modules else ""
            lines.append(f"  {w['calculators']}{w['sep']}{calc}{where}")
        for row in section.rows:
            course = (f"{shown(row.value, row.kind, row.unit, lang)}{w['open']}{w['changed']}{w['close']}"
                      if row.changed else w["same"])
            lines += ["", f"  {row.key}  {row.label[lang]}", *wrapped(row.help[lang], "    "),
                      *wrapped(f"{w['default']}{w['sep']}{shown(row.default, row.kind, row.unit, lang)}", "    "),
                      *wrapped(f"{w['course']}{w['sep']}{course}", "    "),
                      f"    {w['used']}{w['sep']}{', '.join(m or w['home'] for m in row.pages) or w['none']}"]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(sections: list[Section], lang: str, titles: Mapping[str, str], linked: set[str]) -> str:
    """The reference as Markdown: a heading and a table per section; pages the course has are linked."""
    w = WORDS[lang]

    def page(module: str) -> str:
        title = titles.get(module, module) if module else w["home"]
        target = f"{module}.md" if module else "index.md"
        return f"[{_cell(title)}]({target})" if not module or module in linked else _cell(title)

    out: list[str] = []
    for section in sections:
        out += [f"## {section.title[lang]}", "", section.summary[lang], ""]
        for calc, modules in section.calculators:
            where = ", ".join(page(m) for m in modules)
            out.append(f"- {w['calculators']}: `{calc}`" + (f" ({where})" if where else ""))
        out += ["", f"| {w['value']} | {w['meaning']} | {w['default']} | {w['course']} | {w['used']} |",
                "|---|---|---|---|---|"]
        for row in section.rows:
            course = (f"**{_cell(shown(row.value, row.kind, row.unit, lang))}**{w['open']}{w['changed']}{w['close']}"
                      if row.changed else w["same"])
            out.append(f"| {_cell(row.label[lang])}<br>`{row.key}` | {_cell(row.help[lang])} "
                       f"| {_cell(shown(row.default, row.kind, row.unit, lang))} | {course} "
                       f"| {', '.join(page(m) for m in row.pages) or w['none']} |")
        out.append("")
    return "\n".join(out)
