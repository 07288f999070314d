"""Which line of a template a line of its rendered page came from."""

from __future__ import annotations

import difflib


def source_line(rendered: list[str], line: int, template: list[str]) -> int | None:
    """The template line (1-based) where rendered line ``line`` occurs once, with as many following lines as it
    takes to be unique; None when it occurs nowhere (text made by an expression) or never uniquely."""
    rendered = [s.strip() for s in rendered]
    template = [s.strip() for s in template]
    for size in range(1, 6):
        window = rendered[line - 1:line - 1 + size]
        if not window or not window[0]:
            return None
        hits = [n for n in range(len(template)) if template[n:n + size] == window]
        if len(hits) == 1:
            return hits[0] + 1
        if not hits:
            return None
    return None


def nearest_line(rendered: list[str], line: int, template: list[str]) -> int:
    """``source_line``; for a line partly made by expressions, the template line that shares the longest run of
    text with it (at least 4 characters, the first such after the nearest line found exactly above it); else
    the nearest line above that can be found (1 when none can)."""
    found = source_line(rendered, line, template)
    if found is not None:
        return found
    above = next((f for n in range(line - 1, 0, -1) if (f := source_line(rendered, n, template)) is not None), 1)
    text = rendered[line - 1].strip() if 0 < line <= len(rendered) else ""
    best, best_len = None, 3
    for n in range(above - 1, len(template)):
        size = difflib.SequenceMatcher(None, text, template[n], autojunk=False).find_longest_match().size
        if size > best_len:
            best, best_len = n + 1, size
    return best or above
