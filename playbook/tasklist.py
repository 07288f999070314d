"""Checklists whose whole item is the checkbox's label: a Markdown extension in place of pymdownx.tasklist.

pymdownx.tasklist puts a label around the checkbox alone, so the box has no
name for a screen reader and only its 17 px square toggles it. Here the
label also holds the item's text (up to a nested list), so the text names the
box and a tap anywhere on it ticks it. Same Markdown (``- [ ]`` / ``- [x]``),
same classes, so Material's styles and checklist.js apply unchanged.
"""

from __future__ import annotations

from markdown import Markdown
from pymdownx.tasklist import RE_CHECKBOX, TasklistExtension, TasklistTreeprocessor


class LabelledTasklistTreeprocessor(TasklistTreeprocessor):
    """Finds ``[ ]`` items like pymdownx's, and labels the box with the item's text."""

    def _labelled(self, text: str | None) -> str | None:
        m = RE_CHECKBOX.match(text or "")
        if m is None:
            return None
        checked = " checked" if m.group("state").lower() == "x" else ""
        disabled = "" if self.clickable_checkbox else " disabled"
        opening = (f'<label class="task-list-control"><input type="checkbox"{disabled}{checked}/>'
                   '<span class="task-list-indicator"></span>')
        # The item's text stays Markdown between the two stashed halves, so its inline markup still renders.
        return self.md.htmlStash.store(opening) + m.group("line").rstrip() + self.md.htmlStash.store("</label>")

    def inline(self, li) -> bool:
        text = self._labelled(li.text)
        if text is not None:
            li.text = text
        return text is not None

    def sub_paragraph(self, li) -> bool:
        first = next(iter(li), None)
        if first is None or first.tag != "p":
            return False
        text = self._labelled(first.text)
        if text is not None:
            first.text = text
        return text is not None


class LabelledTasklistExtension(TasklistExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        tasklist = LabelledTasklistTreeprocessor(md)
        tasklist.config = self.getConfigs()
        md.treeprocessors.register(tasklist, "task-list", 25)
        md.registerExtension(self)


def makeExtension(**kwargs: object) -> LabelledTasklistExtension:
    return LabelledTasklistExtension(**kwargs)
