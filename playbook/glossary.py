"""The glossary's terms, and ``term()``: a page names a glossary term and links to its meaning.

The glossary module's tables define the terms: the Chinese term in the first
column, the English one(s) in the third (``prospect, prospective customer``).
A page writes ``{{ term("撞单") }}`` (or ``{{ term("clash", "ownership clash") }}``
to show other words): a link to the glossary when the course has it, plain
text when it does not. A term the glossary does not define stops the build
with the template's line, and ``playbook check`` names it too.
"""

from __future__ import annotations

import re

MODULE = "glossary"
# {{ term("撞单") }}, {{ term('clash', "ownership clash") }}: the term a page names, for playbook check
CALL = re.compile(r"""\bterm\(\s*(["'])(?P<term>.*?)\1""")


def defined(markdown: str) -> set[str]:
    """The terms the glossary's rendered Markdown defines (both languages' columns, case kept)."""
    out: set[str] = set()
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|") or len(cells) < 3 or set(cells[0]) <= set("-: "):
            continue
        out.add(cells[0])
        out.update(t.strip() for t in re.sub(r"\(.*?\)", "", cells[2]).split(",") if t.strip())
    return out


def link(term: str, shown: str | None, has_glossary: bool) -> str:
    text = shown or term
    return f"[{text}]({MODULE}.md)" if has_glossary else text
