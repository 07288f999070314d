"""HTML for a module's self-check questions (graded by ``playbook.checks``).

Each question is an element with ``data-question="<module>/<id>"``, the right
letter and a version in data attributes, radio inputs inside labels, an empty
``aria-live`` feedback line and its explanation (hidden until answered).
``docs/assets/playbook/checks.js`` wires them up; everything else is here,
computed at build time, so answering needs no Python. All text is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode

import calculators

from .checks import LETTERS, Graded

UI = {
    "heading": {"zh": "自测题", "en": "Check yourself"},
    "intro": {
        "zh": "选一个答案，马上就能看到对错和解释。答题记录只保存在这台设备的浏览器里，汇总在“我的进度”页。",
        "en": "Pick an answer to see straight away whether it is right, and why. Your answers stay in this browser on this device; My progress sums them up.",
    },
    "number": {"zh": "第 {n} 题", "en": "Question {n}"},
    "case": {"zh": "案例", "en": "Case"},
    "rules": {"zh": "按本课程的规则，答案是", "en": "Under this course's rules the answer is"},
    "computed": {"zh": "计算器算出的答案是", "en": "The calculator's answer is"},
    "right_answer": {"zh": "正确答案是", "en": "The right answer is"},
    "why": {"zh": "计算器给出的依据", "en": "Why, as the calculator gives it"},
    "try": {"zh": "在计算器里打开这个案例", "en": "Open this case in the calculator"},
    "noscript": {"zh": "答题需要开启 JavaScript。", "en": "Answering needs JavaScript."},
}


def t(key: str, lang: str) -> str:
    return UI[key][lang]


def section_heading(lang: str) -> str:
    """The Markdown heading above the questions (a real heading, so it is in the page's contents)."""
    return f"## {t('heading', lang)} {{: #self-check }}"


def share_href(share: Mapping[str, Any], here: str, page: str, lang: str) -> str:
    """A link that opens the calculator on ``page`` with the case's inputs in ``lang`` (the calculators' share-link hash)."""
    query = urlencode({"calc": share["key"], "v": json.dumps(share["values"][lang], ensure_ascii=False, separators=(",", ":"))})
    return f"#{query}" if page == here else f"../{page}/#{query}"


def question_html(g: Graded, n: int, lang: str, calc_pages: Mapping[str, Sequence[str]], here: str) -> str:
    q = g.question
    name = f"pb-q-{q.module}-{q.id}"
    kind = t("case", lang) if q.kind == "scenario" else ""
    label = t("number", lang).format(n=n) + (f" · {kind}" if kind else "")
    out = [
        f'<div class="pb-check" id="check-{escape(q.id, quote=True)}" data-question="{escape(q.key, quote=True)}" '
        f'data-kind="{q.kind}" data-right="{g.letter}" data-version="{g.version}">'
    ]
    out.append(f'<p class="pb-check__n">{escape(label)}</p>')
    if g.story[lang]:
        out.append('<div class="pb-check__story">' + "".join(f"<p>{escape(p)}</p>" for p in g.story[lang]) + "</div>")
    out.append(f'<fieldset class="pb-check__set"><legend class="pb-check__ask">{escape(g.ask[lang])}</legend>')
    out.append('<div class="pb-check__choices">')
    for i, text in enumerate(g.choices[lang]):
        letter = LETTERS[i]
        out.append(
            f'<label class="pb-choice"><input type="radio" name="{escape(name, quote=True)}" value="{letter}">'
            f'<span class="pb-choice__letter" aria-hidden="true">{letter}</span>'
            f'<span class="pb-choice__text"><span class="pb-sr">{letter}. </span>{escape(text)}</span></label>'
        )
    out.append("</div></fieldset>")
    out.append('<p class="pb-check__feedback" data-role="feedback" aria-live="polite"></p>')
    out.append('<div class="pb-check__explain" data-role="explain" hidden>')
    if q.kind == "concept":
        lead = t("right_answer", lang)
    else:  # a calculator that reads the course's policy answers under that policy
        lead = t("rules", lang) if calculators.REGISTRY[q.calculator].policy_section else t("computed", lang)
    out.append(f'<p class="pb-check__answer">{escape(lead)} <strong>{g.letter}. {escape(g.choices[lang][g.right])}</strong></p>')
    if g.why[lang]:
        out.append(f'<p class="pb-check__why-title">{escape(t("why", lang))}</p><ul class="pb-check__why">')
        out.extend(f"<li>{escape(line)}</li>" for line in g.why[lang])
        out.append("</ul>")
    if g.explain[lang]:
        out.append("".join(f"<p>{escape(p)}</p>" for p in g.explain[lang]))
    pages = calc_pages.get(str(g.share["key"]), ()) if g.share else ()
    if pages:  # the calculator on this page if it has it, else the first page of the course that does
        href = share_href(g.share, here, here if here in pages else pages[0], lang)
        out.append(f'<p><a class="pb-check__try" data-role="try" data-calc-key="{escape(str(g.share["key"]), quote=True)}" '
                   f'href="{escape(href, quote=True)}">{escape(t("try", lang))} →</a></p>')
    out.append("</div></div>")
    return "".join(out)


def checks_html(module: str, course_id: str, graded: list[Graded], lang: str, calc_pages: Mapping[str, Sequence[str]]) -> str:
    """The questions block that ends a module page (raw HTML inside the Markdown)."""
    parts = [
        f'<div class="pb-checks" data-pb-checks data-course="{escape(course_id, quote=True)}" '
        f'data-module="{escape(module, quote=True)}" lang="{lang}">',
        f'<p class="pb-checks__intro">{escape(t("intro", lang))}</p>',
        '<p class="pb-checks__score" data-role="score" aria-live="polite"></p>',
        f'<noscript><p class="pb-file-note">{escape(t("noscript", lang))}</p></noscript>',
    ]
    parts.extend(question_html(g, n, lang, calc_pages, module) for n, g in enumerate(graded, start=1))
    parts.append("</div>")
    return "".join(parts)
