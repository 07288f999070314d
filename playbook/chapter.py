"""What frames a chapter page: its objectives, its summary and its questions.

A module's rendered Markdown gets, right under its title, the objectives box
(``module.yaml: objectives``); at its end, before the source line, the
summary box (``recap``), a marker the browser uses to note that the chapter
was read to the end, and the self-check questions. Both boxes have the same
look on every page. Needs no site engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

from .checks import Graded
from .checks_html import checks_html, section_heading

BOX_TITLE = {
    "objectives": {"zh": "学完本章，你能够", "en": "After this chapter you can"},
    "recap": {"zh": "本章小结", "en": "In short"},
}
# The source line that ends a chapter ("来源 Source: §S8"), with the rule above it, if any;
# the questions go before it.
FOOTER = re.compile(r"(?:^-{3,}[ \t]*\n(?:[ \t]*\n)*)?^来源 Source:[^\n]*\s*\Z", re.MULTILINE)
TITLE = re.compile(r"^# .*$", re.MULTILINE)


def box_html(kind: str, points: Sequence[str], lang: str) -> str:
    """One box (objectives or recap): the same markup, and so the same look, on every chapter."""
    items = "".join(f"<li>{escape(p)}</li>" for p in points)
    return (f'<div class="admonition abstract pb-goals pb-goals--{kind}" data-role="{kind}">'
            f'<p class="admonition-title">{escape(BOX_TITLE[kind][lang])}</p><ul>{items}</ul></div>')


def end_marker(module: str, course_id: str) -> str:
    """Where the chapter's reading ends: progress.js notes the chapter read once this is on screen."""
    return (f'<div class="pb-chapter-end" data-pb-module="{escape(module, quote=True)}" '
            f'data-pb-course="{escape(course_id, quote=True)}" aria-hidden="true"></div>')


def frame(
    text: str,
    *,
    module: str,
    course_id: str,
    lang: str,
    objectives: Mapping[str, Sequence[str]],
    recap: Mapping[str, Sequence[str]],
    graded: Sequence[Graded] = (),
    calc_pages: Mapping[str, Sequence[str]] | None = None,
    marker: bool = True,
) -> str:
    """``text`` (a rendered chapter) with its boxes, its end marker (unless ``marker`` is false) and its questions."""
    if objectives:
        m = TITLE.search(text)
        box = "\n\n" + box_html("objectives", objectives[lang], lang) + "\n\n"
        text = text[: m.end()] + box + text[m.end():].lstrip("\n") if m else box.lstrip() + text
    footer = FOOTER.search(text)
    body, tail = (text[: footer.start()], text[footer.start():]) if footer else (text, "")
    parts = [body.rstrip("\n")]
    if recap:
        parts.append(box_html("recap", recap[lang], lang))
    if marker:
        parts.append(end_marker(module, course_id))
    if graded:
        parts.append(section_heading(lang))
        parts.append(checks_html(module, course_id, list(graded), lang, calc_pages or {}))
    if tail:
        parts.append(tail.rstrip("\n"))
    return "\n\n".join(parts) + "\n"
