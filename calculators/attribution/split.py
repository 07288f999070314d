"""Splitting a commission between agents, exactly to the fen.

``shares`` uses ``Money.split``: largest remainder on whole fen. Tie-break,
as documented there: among equal remainders the larger weight gets the spare
fen first, then the earlier position. Positions are always given in a fixed,
documented order: the agent credited with the sale first (the owner before a
helper; the second agent before the first under the 80/20 rule), and a group
purchase's agents in the order they registered, so replaying the same events
always gives the same fen to the same agent.
"""

from __future__ import annotations

from decimal import Decimal

from ..money import Money


def shares(commission: Money, parts: list[tuple[str, Decimal]]) -> list[tuple[str, Money]]:
    """``[(agent, weight), ...]`` -> ``[(agent, amount), ...]`` adding up to ``commission``."""
    amounts = commission.split([w for _, w in parts])
    return [(agent, amount) for (agent, _), amount in zip(parts, amounts)]


def as_json(parts: list[tuple[str, Money]]) -> dict[str, str]:
    """Agent -> decimal string (``"9876.54"``), in split order."""
    out: dict[str, Money] = {}
    for agent, amount in parts:
        out[agent] = out.get(agent, Money(0)) + amount
    return {agent: str(amount) for agent, amount in out.items()}
