"""The calculators page: every calculator of a course, in each of its languages, with a link to it.

A rep on a showroom floor wants the commission split, not the chapter that
explains it: this page lists each calculator the course's chapters embed
(a scorecard once per card), in chapter order, with its summary and a link
straight to it on its chapter's page. Generated from the rendered chapters,
so it lists what the pages really hold. Needs no site engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import calculators

from .embed import calc_id, find_blocks

PAGE = "calculators"
TITLE = {"zh": "计算器一览", "en": "All calculators"}
INTRO = {
    "zh": "本课程的所有计算器。每个都在讲解它的那一章里，打开链接直接到计算器；输入只保存在这台设备的浏览器里，离线也能用。",
    "en": "Every calculator of this course. Each sits in the chapter that explains it; a link takes you straight to the "
          "calculator. What you type stays in this browser on this device, and they work offline.",
}
IN_CHAPTER = {"zh": "在“{chapter}”一章", "en": "In the chapter “{chapter}”"}


@dataclass(frozen=True)
class Entry:
    module: str
    chapter: str
    uid: str
    title: str
    summary: str


def entries(modules: Sequence[Any], texts: Mapping[tuple[str, str], str], policy: Mapping[str, Any], lang: str) -> list[Entry]:
    """The calculators of the rendered chapters ``texts[(module, lang)]``, in course order."""
    found = []
    for module in modules:
        blocks, _ = find_blocks(texts[module.name, lang])
        for n, block in enumerate(blocks):
            try:
                spec = calculators.page_spec(block.name, block.preset, policy, "en", page_lang=lang)
            except ValueError:
                continue  # the site build reports a bad preset with its page and line
            found.append(Entry(module.name, module.title[lang], calc_id(n, block.name),
                               spec["title"].get(lang) or spec["title"]["zh"], spec["summary"].get(lang) or spec["summary"]["zh"]))
    return found


def calculators_markdown(found: Sequence[Entry], lang: str) -> str:
    """The page: a list of links, each with the calculator's summary and its chapter."""
    items = "".join(
        f'<li class="pb-calc-index__item"><a class="pb-calc-index__link" href="../{escape(e.module, quote=True)}/#{escape(e.uid, quote=True)}">'
        f"{escape(e.title)}</a><p>{escape(e.summary)}</p>"
        f'<p class="pb-calc-index__where">{escape(IN_CHAPTER[lang].format(chapter=e.chapter))}</p></li>'
        for e in found
    )
    return f'# {TITLE[lang]}\n\n{INTRO[lang]}\n\n<ul class="pb-calc-index">{items}</ul>\n'
