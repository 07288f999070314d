"""The "My progress" page: what this browser has kept of the reader's reading and answers.

The page carries, as a JSON data block, the course's chapters and their
questions (id, version, number, question text) as this build has them;
``docs/assets/playbook/progress.js`` reads the reader's record from the
browser's local storage and draws the table, the missed questions and the
printable completion slip. Nothing is sent anywhere. Needs no site engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from .checks import Graded
from .form_html import script_json

PAGE = "progress"
TITLE = {"zh": "我的进度", "en": "My progress"}
INTRO = {
    "zh": "这一页汇总你在这台设备上的学习记录：读过哪些章节，每章的自测题答对了几道，哪些题答错了。"
          "记录只保存在这个浏览器里，不会发送到任何地方；换一台设备，或清除浏览器的网站数据，记录就没有了。"
          "学完以后，可以在下面填上姓名，打印一张完成确认单交给培训负责人。",
    "en": "This page sums up what this device has kept of your learning: the chapters you have read, how many "
          "of each chapter's questions you got right, and which ones you missed. The record stays in this browser "
          "and is never sent anywhere; on another device, or once you clear this site's data, it is gone. When you "
          "are done, type your name below and print a completion slip for your trainer.",
}
NOSCRIPT = {"zh": "这一页需要开启 JavaScript。", "en": "This page needs JavaScript."}


def progress_data(course: Any, modules: Sequence[Any], graded: Mapping[str, Sequence[Graded]], lang: str) -> dict[str, Any]:
    """What progress.js needs to know about the course as built: chapters, their questions, their links."""
    return {
        "course": course.id,
        "title": course.title[lang],
        "lang": lang,
        "modules": [
            {
                "name": m.name,
                "title": m.title[lang],
                "url": f"../{m.name}/",
                "questions": [
                    {"id": g.question.id, "version": g.version, "n": n, "ask": g.ask[lang]}
                    for n, g in enumerate(graded.get(m.name, ()), start=1)
                ],
            }
            for m in modules
        ],
    }


def progress_markdown(course: Any, modules: Sequence[Any], graded: Mapping[str, Sequence[Graded]], lang: str) -> str:
    data = progress_data(course, modules, graded, lang)
    return (
        f"# {TITLE[lang]}\n\n{INTRO[lang]}\n\n"
        f'<div class="pb-progress" data-pb-progress data-course="{escape(course.id, quote=True)}" lang="{lang}">'
        f'<script type="application/json" data-role="progress-data">{script_json(data)}</script>'
        f'<noscript><p class="pb-file-note">{escape(NOSCRIPT[lang])}</p></noscript>'
        "</div>\n"
    )
