"""Phone duty (P1-P3): which agency has the phones this half day, and which of its agents answers next."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..dates import parse_date
from .check import Day
from .replay import Replay, Step


@dataclass(frozen=True)
class PhoneDuty:
    """The agency on the phones ("" without agencies), the agent who answers now (None: nobody of it on the floor), and why."""

    agency: str
    agent: str | None
    steps: tuple[Step, ...]


def phone_duty(day: Day, replayed: Replay, policy: Mapping[str, Any]) -> PhoneDuty:
    """Halves alternate by agency (P1) and swap every day from the reference date (P2); each agency goes down its list (P3)."""
    steps: list[Step] = []
    am = day.now < day.switch
    if day.with_agency:
        first, second = policy["agencies"]
        swap = (day.day - parse_date(policy["phone_reference_date"])).days % 2 == 1
        morning = second if swap else first
        agency = morning if am else (first if morning == second else second)
        steps.append(Step("P1", "morning_agency" if am else "afternoon_agency", {"day": day.day.isoformat(), "agency": agency}))
        steps.append(Step("P2", "has_the_morning", {"agency": morning}))
        pool = [a for a in day.names if day.agency_of[a] == agency]
    else:
        agency, pool = "", list(day.names)
    last = replayed.phone_last.get(agency)
    start = (pool.index(last) + 1) if last in pool else 0
    ordered = pool[start:] + pool[:start]
    on_floor = [a for a in ordered if a not in replayed.floor.away]
    if not on_floor:
        return PhoneDuty(agency, None, tuple(steps))
    agent = on_floor[0]
    steps.append(Step("P3", "agency_next" if agency else "next", {"agency": agency, "who": agent}))
    return PhoneDuty(agency, agent, tuple(steps))
