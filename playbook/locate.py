"""Which line of a template a line of its rendered page came from."""

from __future__ import annotations


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
    """``source_line``, or that of the nearest line above it that can be found (1 when none can)."""
    for n in range(line, 0, -1):
        found = source_line(rendered, n, template)
        if found is not None:
            return found
    return 1
