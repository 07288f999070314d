"""Grading one case on a card: pure, exact (Decimal), and honest about unknowns.

* An answer is a level id of the criterion's scale, or ``unknown``; a missing
  answer is ``unknown``. "Unknown" is not "no": it earns nothing and costs
  nothing, it only lowers how much of the card is known.
* The score is over the known part: sum(weight x points) / sum(known weights),
  so 0-100 whatever is still open, rounded half-up to one decimal.
* Knock-outs win: any knock-out answer ends the assessment with the card's
  knock-out decision and its lowest grade, whatever the score.
* Below ``min_known`` % of the weight known, no grade is given; between that
  and 100 % (or with a knock-out question still open) the grade is provisional.
* The criteria that cost most are the known ones that lost the most points
  (weight x (100 - points) / 100), ties in card order; the next facts to
  collect are the unknown knock-outs first, then the unknown criteria by
  weight, ties in card order (none once a knock-out has decided).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..exact import quantize
from .schema import HUNDRED, UNKNOWN, Band, Card, Criterion, Level

STATUSES = ("graded", "provisional", "knocked_out", "not_enough_facts")


@dataclass(frozen=True)
class Assessment:
    card: Card
    answers: tuple[tuple[Criterion, Level | None], ...]  # card order; None = unknown
    status: str
    score: Decimal | None
    known: Decimal  # share of the weight known, 0-1
    band: Band | None
    knocked_out: tuple[tuple[Criterion, Level], ...]
    open_gates: tuple[Criterion, ...]
    costliest: tuple[tuple[Criterion, Level, Decimal], ...]
    next_facts: tuple[Criterion, ...]


def assess(card: Card, answers: Mapping[str, str]) -> Assessment:
    """Grade ``answers`` (criterion id -> level id or ``unknown``), already checked against ``card``."""
    pairs = tuple((c, None if answers.get(c.id, UNKNOWN) == UNKNOWN else c.level(answers[c.id])) for c in card.criteria)
    known_weight = sum((c.weight for c, lv in pairs if lv is not None), Decimal(0))
    earned = sum((c.weight * lv.points for c, lv in pairs if lv is not None), Decimal(0)) / HUNDRED
    score = quantize(earned * HUNDRED / known_weight, 1) if known_weight else None
    known = (known_weight / HUNDRED).quantize(Decimal("0.0001"))
    knocked = tuple((c, lv) for c, lv in pairs if lv is not None and lv.id in c.knockout)
    gates = tuple(c for c, lv in pairs if lv is None and c.knockout)
    if knocked:
        status, band = "knocked_out", card.bands[-1]
    elif score is None or known_weight < card.min_known:
        status, band = "not_enough_facts", None
    else:
        band = card.band_for(score)
        status = "graded" if known_weight == HUNDRED and not gates else "provisional"
    lost = [(i, c, lv, c.weight * (HUNDRED - lv.points) / HUNDRED) for i, (c, lv) in enumerate(pairs) if lv is not None]
    costliest = tuple((c, lv, cost) for _, c, lv, cost in sorted(lost, key=lambda t: (-t[3], t[0])) if cost > 0)[:3]
    unknown = [(i, c) for i, (c, lv) in enumerate(pairs) if lv is None]
    next_facts = () if knocked else tuple(c for _, c in sorted(unknown, key=lambda t: (not t[1].knockout, -t[1].weight, t[0])))
    return Assessment(card, pairs, status, score, known, band, knocked, gates, costliest, next_facts)
