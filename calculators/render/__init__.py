"""The answer's HTML: one renderer for the answer pre-rendered at build time and the live one.

``result_html(outputs, outcome, lang)`` is the whole answer block a page
carries; ``outputs_html(outputs, result, lang)`` is its inside, which the
browser worker returns after every recalculation and the page paints as it
is. Both come from the same functions, in CPython at build time and under
Pyodide in the browser, so the two answers are identical by construction.

Each output kind has one small renderer, registered by kind
(``render.outputs``: badge, code, text, list, table, mapping, and the number
kinds; ``render.chart``: the chart). Numbers are written by
``calculators.numbers``. Every text is escaped: typed text stays text.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..fields import Output
from ..i18n import pick
from ..numbers import number_text
from . import (
    chart as _chart,  # noqa: F401  (registers the chart kind)
    outputs as _outputs,  # noqa: F401  (registers the other kinds)
)
from .outputs import NUMBER_KINDS
from .registry import RENDERERS, render_kind

SENTENCE = 24  # characters: a summary value longer than this is a sentence, shown without its label

__all__ = ["RENDERERS", "output_html", "outputs_html", "result_html", "summary_text"]


def output_html(output: Output, value: Any, lang: str) -> str:
    """One result key: its label and its value as ``output.kind`` shows it (hidden when empty)."""
    empty = value is None or value == [] or value == "" or value == {} or (isinstance(value, str) and value in output.omit)
    hidden = " hidden" if empty else ""
    head = (f'<div class="pb-out pb-out--{output.kind}" data-field="{escape(output.key)}"{hidden}>'
            f'<span class="pb-out__label">{escape(pick(output.label, lang))}</span>')
    body = "" if empty else render_kind(output, value, lang)
    note = f'<p class="pb-out__note">{escape(pick(output.note, lang))}</p>' if output.note and not empty else ""
    return head + body + note + "</div>"


def summary_text(outputs: Sequence[Output], result: Mapping[str, Any], lang: str) -> str:
    """The answer in one line: the outputs marked ``summary``, joined by " · ". A badge reads as its label, a
    sentence as itself, anything shorter (a name, an amount) after its label: "业绩归属：B"."""
    parts = []
    sep = "：" if lang == "zh" else ": "
    for o in outputs:
        value = result.get(o.key)
        if not o.summary or value in (None, "", [], {}):
            continue
        if o.kind == "badge":
            label = o.labels.get(str(value))
            parts.append(pick(label, lang) if label else str(value))
            continue
        text = number_text(o.kind, value) if o.kind in NUMBER_KINDS else str(value[0] if isinstance(value, list) else value)
        parts.append(text if len(text) > SENTENCE else pick(o.label, lang) + sep + text)
    return " · ".join(parts)


def outputs_html(outputs: Sequence[Output], result: Mapping[str, Any], lang: str) -> str:
    """Every output of a calculator, in its declared order, and the answer's one-line summary (hidden, for the page)."""
    summary = summary_text(outputs, result, lang)
    return ("".join(output_html(o, result.get(o.key), lang) for o in outputs)
            + f'<p class="pb-summary-src" data-role="summary-source" hidden>{escape(summary)}</p>')


def result_html(outputs: Sequence[Output], outcome: Mapping[str, Any], lang: str) -> str:
    """The answer block for a ``run()`` outcome: its state line (for the page to fill), errors (if any), then the outputs."""
    errors = [] if outcome.get("ok") else outcome.get("errors", [])
    items = "".join(f"<li>{escape(e['message'])}</li>" for e in errors)
    result = outcome.get("result", {}) if outcome.get("ok") else {}
    return (
        '<div class="pb-result" data-role="result">'
        '<div class="pb-answer-state" data-role="answer-state" hidden></div>'
        f'<div class="pb-errors" data-role="errors"{"" if errors else " hidden"}><ul>{items}</ul></div>'
        f'<div class="pb-outputs" data-role="outputs">{outputs_html(outputs, result, lang)}</div>'
        "</div>"
    )
