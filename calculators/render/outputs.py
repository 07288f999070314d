"""Renderers of the plain output kinds: badge, code, text, list, table, mapping and the numbers.

A number keeps its exact value in ``data-value`` and shows it as
``calculators.numbers`` writes its kind; table columns and mapping values
declare their kind too, so a table's amounts read like the headline's.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..fields import Output
from ..i18n import pick
from ..numbers import FORMATS, number_text
from .registry import renders

NUMBER_KINDS = frozenset(FORMATS)


@renders("badge")
def badge(output: Output, value: Any, lang: str) -> str:
    label = output.labels.get(str(value))
    text = pick(label, lang) if label else str(value)
    return f'<span class="pb-badge" data-value="{escape(str(value))}">{escape(text)}</span>'


@renders("code")
def code(output: Output, value: Any, lang: str) -> str:
    return f"<code>{escape(str(value))}</code>"


@renders("text")
def text(output: Output, value: Any, lang: str) -> str:
    return f'<p class="pb-out__text">{escape(str(value))}</p>'


@renders("explanation")
def explanation(output: Output, value: Any, lang: str) -> str:
    """How the answer was worked out: a paragraph set like the notes, smaller than the answer itself."""
    return f'<p class="pb-out__text pb-out__text--fine">{escape(str(value))}</p>'


@renders("list")
def bullet_list(output: Output, value: Any, lang: str) -> str:
    return "<ul>" + "".join(f"<li>{escape(str(item))}</li>" for item in value) + "</ul>"


@renders(*sorted(NUMBER_KINDS))
def scalar(output: Output, value: Any, lang: str) -> str:
    shown = number_text(output.kind, value)
    return f'<p class="pb-out__text pb-out__num" data-value="{escape(str(value))}">{escape(shown)}</p>'


def cell_text(value: Any, kind: str = "text") -> str:
    """A table cell: a number as its kind writes it, a list joined, nothing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        return "、".join(cell_text(v, kind) for v in value)
    return number_text(kind, value) if kind in NUMBER_KINDS else str(value)


def _cell(tag: str, text: str, kind: str, label: str = "") -> str:
    """A cell (a header cell heads its column); a data cell keeps its column's ``label`` in data-label, for the
    stacked rows a phone shows."""
    cls = ' class="pb-num"' if kind in NUMBER_KINDS else ""
    extra = ' scope="col"' if tag == "th" else f' data-label="{escape(label, quote=True)}"' if label else ""
    return f"<{tag}{extra}{cls}>{escape(text)}</{tag}>"


def _row_data(output: Output, row: Any) -> str:
    """The row's ``row_data`` keys as data- attributes (ids a page keeps but does not show)."""
    return "".join(f' data-{escape(key)}="{escape(str(row[key]), quote=True)}"' for key in output.row_data
                   if row.get(key) not in (None, ""))


@renders("table")
def table(output: Output, value: Any, lang: str) -> str:
    cols = [(key, pick(label, lang), kind) for key, label, kind in output.column_kinds()]
    head = "".join(_cell("th", label, kind) for _, label, kind in cols)
    rows = "".join(
        f"<tr{_row_data(output, row)}>" + "".join(_cell("td", cell_text(row.get(key), kind), kind, label) for key, label, kind in cols)
        + "</tr>"
        for row in value
    )
    return (f'<div class="pb-table-wrap"><table class="pb-table pb-table--stack"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


@renders("mapping")
def mapping(output: Output, value: Any, lang: str) -> str:
    kind = output.value_kind
    rows = "".join(f'<tr><th scope="row">{escape(str(k))}</th>{_cell("td", cell_text(v, kind), kind)}</tr>' for k, v in value.items())
    return f'<table class="pb-table pb-table--pairs"><tbody>{rows}</tbody></table>'
