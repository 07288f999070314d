"""Each chapter says the same in Chinese and English: headings, list items, table rows, numbers,
calculator blocks and checklist items, section by section."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..embed import FENCE
from ..locate import nearest_line
from .pages import Course, Page

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
CHECKLIST = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\S")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
# A number as a reader sees it: 1,234.50 is one number; the 2 of "S2" and "H2" counts too.
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
CODE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{[#.][^}]*\}|<[^>]+>")  # link targets, attribute lists and HTML tags hold no reader's numbers


@dataclass
class Section:
    heading: str
    level: int
    line: int  # 1-based line in the rendered page
    items: int = 0
    checklist: int = 0
    rows: int = 0
    calculators: list[str] = field(default_factory=list)
    numbers: Counter = field(default_factory=Counter)
    number_lines: dict[str, int] = field(default_factory=dict)

    def signature(self) -> tuple:
        return self.level, self.items, self.checklist, self.rows, tuple(self.calculators)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# "13 April" / "April 13" states the month as "4 月 13 日" does; "3 万" is 30,000
_MONTH_NAMES = "|".join(MONTHS)
EN_DATE = re.compile(rf"(?<=\d )({_MONTH_NAMES})\b|\b({_MONTH_NAMES})(?= \d)")
WAN = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")


def _numbers(text: str) -> list[str]:
    text = LINK_TARGET.sub(" ", text)
    text = EN_DATE.sub(lambda m: f" {MONTHS.index(m.group(1) or m.group(2)) + 1} ", text)
    text = WAN.sub(lambda m: format(Decimal(m.group(1)) * (10_000 if m.group(2) == "万" else 100_000_000), "f"), text)
    return [n.replace(",", "") for n in NUMBER.findall(text)]


def sections(lines: list[str]) -> list[Section]:
    """The page cut at its headings (the text before the first heading is a section without one)."""
    out = [Section("", 0, 1)]
    calculators = {m.start(): m.group("name") for m in FENCE.finditer("\n".join(lines))}
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    fence = None
    for n, line in enumerate(lines, start=1):
        current = out[-1]
        m = CODE_FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            if offsets[n - 1] in calculators:
                current.calculators.append(calculators[offsets[n - 1]])
            continue
        h = HEADING.match(line)
        if h:
            out.append(Section(h.group(2).strip(), len(h.group(1)), n))
            current = out[-1]
        elif CHECKLIST.match(line):
            current.checklist += 1
        elif LIST_ITEM.match(line):
            current.items += 1
        elif line.lstrip().startswith("|") and not TABLE_RULE.match(line):
            current.rows += 1
        for number in _numbers(line):
            current.numbers[number] += 1
            current.number_lines.setdefault(number, n)
    return out


def _where(page: Page, line: int) -> int:
    return nearest_line(page.rendered, line, page.source)


KINDS = (("items", "list items"), ("checklist", "checklist items"), ("rows", "table rows"))


def _compare(zh: Page, en: Page, a: Section, b: Section, problems: list, Problem) -> None:
    title = f"section '{b.heading}'" if b.heading else "the text before the first heading"
    for attr, words in KINDS:
        x, y = getattr(a, attr), getattr(b, attr)
        if x != y:
            problems.append(Problem(en.template, _where(en, b.line),
                                    f"{title} has {y} {words}, the Chinese page ({zh.template.name}:{_where(zh, a.line)}) {x}"))
    if a.calculators != b.calculators:
        problems.append(Problem(en.template, _where(en, b.line),
                                f"{title} has calculators {b.calculators or 'none'}, the Chinese page {a.calculators or 'none'}"))
    only_zh, only_en = a.numbers - b.numbers, b.numbers - a.numbers
    if only_zh or only_en:
        first = min([b.number_lines[n] for n in only_en] or [b.line])
        parts = []
        if only_en:
            parts.append(f"only in English: {', '.join(sorted(only_en.elements()))}")
        if only_zh:
            parts.append(f"only in Chinese: {', '.join(sorted(only_zh.elements()))}"
                         f" ({zh.template.name}:{_where(zh, min(a.number_lines[n] for n in only_zh))})")
        problems.append(Problem(en.template, _where(en, first), f"{title}: the numbers differ; " + "; ".join(parts)))


def run(course: Course) -> list:
    from . import Problem

    problems: list = []
    for module in course.course.modules:
        zh, en = course.pages.get((module, "zh")), course.pages.get((module, "en"))
        if zh is None or en is None:
            continue
        a, b = sections(zh.rendered), sections(en.rendered)
        if [s.level for s in a] == [s.level for s in b]:
            pairs = list(zip(a, b))
        else:
            matcher = difflib.SequenceMatcher(None, [s.signature() for s in a], [s.signature() for s in b], autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    continue
                extra_zh = [s for s in a[i1:i2] if s.level]
                extra_en = [s for s in b[j1:j2] if s.level]
                if len(extra_zh) != len(extra_en) or [s.level for s in extra_zh] != [s.level for s in extra_en]:
                    if extra_zh and len(extra_zh) > len(extra_en):
                        s = extra_zh[len(extra_en)]
                        problems.append(Problem(zh.template, _where(zh, s.line), f"heading '{s.heading}' has no English "
                                                f"counterpart ({len(a) - 1} headings in Chinese, {len(b) - 1} in English)"))
                    else:
                        s = extra_en[len(extra_zh)]
                        problems.append(Problem(en.template, _where(en, s.line), f"heading '{s.heading}' has no Chinese "
                                                f"counterpart ({len(a) - 1} headings in Chinese, {len(b) - 1} in English)"))
                    break
            else:
                problems.append(Problem(en.template, 1, "the headings' levels differ from the Chinese page's"))
            continue
        for x, y in pairs:
            _compare(zh, en, x, y, problems, Problem)
    return problems
