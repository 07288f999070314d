"""Output kind -> the function that draws a value of that kind as HTML."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from ..fields import Output

Renderer = Callable[[Output, Any, str], str]
RENDERERS: dict[str, Renderer] = {}


def renders(*kinds: str) -> Callable[[Renderer], Renderer]:
    """Register the decorated function as the renderer of ``kinds`` (each kind once)."""

    def register(fn: Renderer) -> Renderer:
        for kind in kinds:
            if kind in RENDERERS:
                raise ValueError(f"output kind {kind!r} rendered twice")
            RENDERERS[kind] = fn
        return fn

    return register


def render_kind(output: Output, value: Any, lang: str) -> str:
    """``value`` drawn by its kind's renderer; an unknown kind is shown as text."""
    fn = RENDERERS.get(output.kind)
    if fn is None:
        return f'<p class="pb-out__text">{escape(str(value))}</p>'
    return fn(output, value, lang)
