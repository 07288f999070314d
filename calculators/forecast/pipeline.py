"""The pipeline: the opportunities read from the typed table or the paste, each with its probability."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..base import InputErrors
from ..fields import shown
from ..i18n import pick
from ..money import Money
from .stages import Stage, stage_key


@dataclass(frozen=True)
class Opportunity:
    """One deal as the forecast counts it: amount, probability (given or the stage's), stage and close date."""

    name: str
    amount: Money
    p: Decimal
    stage: str | None          # stage id
    close: date | None
    row: int
    stated: bool               # the probability was given (not taken from the stage)


def read_opportunities(values: dict[str, Any], table: dict[str, Stage], lookup: dict[str, str],
                       lang: str) -> tuple[list[Opportunity], str, int]:
    """The opportunities from the table or the paste; problems name row and column.

    Returns the opportunities, the field they came from and how many rows gave
    a probability that differs from their stage's.
    """
    pasted = values.get("paste")
    rows = values.get("opportunities") or []
    if pasted and rows:
        raise InputErrors([("paste", "paste_and_rows", {})])
    source = "paste" if pasted else "opportunities"
    rows = pasted or rows
    if not rows:
        raise InputErrors([(source, "empty_pipeline", {})])
    known = ("、" if lang == "zh" else ", ").join(pick(s.label, lang) for s in table.values())
    out: list[Opportunity] = []
    problems: list[tuple[str, str, dict[str, object]]] = []
    differ = 0
    for n, row in enumerate(rows, start=1):
        number = row.get("_row", n)
        stage_id = None
        if row.get("stage"):
            stage_id = lookup.get(stage_key(row["stage"]))
            if stage_id is None:
                problems.append((f"{source}[{number}].stage", "unknown_stage", {"got": shown(row["stage"]), "known": known}))
                continue
        p = row.get("probability")
        if p is None:
            if stage_id is None:
                problems.append((f"{source}[{number}].probability", "probability_or_stage", {}))
                continue
            p, stated = table[stage_id].p, False
        else:
            stated = True
            if stage_id is not None and p != table[stage_id].p:
                differ += 1
        out.append(Opportunity(row.get("name") or "", row["amount"], p, stage_id, row.get("close_date"), number, stated))
    if problems:
        raise InputErrors(problems)
    return out, source, differ
