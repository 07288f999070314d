"""Pipeline forecast (source §S8): forecast = Σ opportunity × win rate, and what it hides.

Each opportunity has an amount and a win probability, given directly or taken
from its stage in the company's stage table (policy section ``forecast``,
``playbook_src/policy/forecast.yaml``; the payload's ``stages`` rows may
override it). The result states the weighted forecast exactly (rounded to the
fen once, at the end), its breakdown by stage and by close month, the
coverage of the target next to the coverage this pipeline's own win rate
needs, and -- treating deals as independent -- the whole distribution of the
won amount: the chance of reaching the target, p10/p50/p90, the deals whose
outcome moves that chance most, and a compact chart.

The distribution is exact for small pipelines and a discretised convolution
with a stated error bound for large ones. The table can also arrive as a
pasted CSV/TSV text in ``paste`` (``table_paste``, the reader the page's
paste into the table uses).

The folder, by concern: ``fields`` (the inputs, with ``period`` and ``paste``
for the two field types only the forecast has), ``outputs``, ``stages`` (the
policy section and the effective stage table), ``pipeline`` (the deals read
from the table or the paste), ``summary`` (the sums, subtotals, coverage and
distribution), ``engine`` and ``measure`` (the won amount's distribution),
``prose`` (the headline and notes) and ``messages``; this module composes them
and registers the calculator.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import Calculator, register
from ..i18n import L, register_messages
from ..table_paste import paste_note
from . import prose
from .fields import EXAMPLE_ROWS, FIELDS, MAX_ROWS
from .messages import MESSAGES
from .outputs import OUTPUTS
from .pipeline import read_opportunities
from .stages import check_policy, stage_table
from .summary import summarise

__all__ = ["FORECAST", "MAX_ROWS", "check_policy", "compute", "read_opportunities", "stage_table", "summarise"]

register_messages(MESSAGES)


def compute(values: dict[str, Any], lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
    table, lookup = stage_table(policy, values.get("stages") or [], lang)
    opps, source, differ = read_opportunities(values, table, lookup, lang)
    result = summarise(opps, values["target"], values.get("period"), table, lang)
    if differ:
        result["notes"].append(prose.differ_note(differ, lang))
    if source == "paste":
        # The rows as the paste reader read them: the same table a paste into the page's table fills in.
        paste = values["paste"].paste
        result["pasted"] = paste.payload_rows()
        result["notes"].append(paste_note(paste, lang))
    return result


def page_form(preset: Mapping[str, Any], section: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The form on a page: a deal's stage is picked from the company's stage table, shown by its name.

    The rules still read the column as text (a code or a name in either language), so pasted and
    saved stages that the list lacks are kept and checked as they are.
    """
    stages = check_policy(section)["stages"]
    spec = FORECAST.describe(lang)
    for fld in spec["fields"]:
        if fld["name"] in ("opportunities", "paste"):
            for col in fld["columns"]:
                if col["name"] == "stage":
                    col["kind"] = "choice"
                    col["choices"] = [{"value": sid, "label": dict(st["label"])} for sid, st in stages.items()]
    return spec


FORECAST = register(
    Calculator(
        name="forecast",
        title=L("销售预测与管道覆盖", "Sales forecast and pipeline coverage"),
        summary=L(
            "把每个机会的金额乘以赢率再相加，看够不够目标；再看达到目标的把握有多大、哪几个机会最关键。",
            "Add up each deal's amount times its win probability, see whether it covers the target, how likely the "
            "target really is, and which deals matter most.",
        ),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        example={"opportunities": EXAMPLE_ROWS, "target": "800000", "period": "2025-Q3"},
        policy_section="forecast",
        specialise=page_form,
    )
)
