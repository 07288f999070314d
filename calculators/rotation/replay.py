"""The day replayed: who is away, who lost a turn, who is owed a make-up turn, where the list stands (R1-R5).

Replaying records the trail's steps as data (``Step``: the clause, what happened and its details);
``prose`` words them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .check import Day

TAKES = ("R1", "R5")  # the clauses under which an agent takes a turn (by the list, or a make-up turn)


@dataclass(frozen=True)
class Step:
    """One line of the trail: the clause behind it, what happened (a key of ``prose.TRAIL``) and its details."""

    clause: str
    what: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Floor:
    """The walk-in state after replaying the day's events."""

    order: tuple[str, ...]
    pointer: int = 0
    away: frozenset[str] = frozenset()
    lost: Mapping[str, int] = field(default_factory=dict)   # agent -> turns still to lose
    makeup: tuple[str, ...] = ()                             # agents owed a make-up turn, first owed first

    def upcoming(self) -> list[tuple[str, str]]:
        """The next turns as (agent, clause); agents passed over appear with R2/R4 marks."""
        out: list[tuple[str, str]] = []
        out.extend((a, "R5") for a in self.makeup if a not in self.away)
        lost = dict(self.lost)
        n = len(self.order)
        i, seen = self.pointer, 0
        while seen < 2 * n and len([a for a in out if a[1] in TAKES]) < n:
            agent = self.order[i % n]
            i += 1
            seen += 1
            if agent in self.away:
                out.append((agent, "R2"))
            elif lost.get(agent):
                lost[agent] -= 1
                out.append((agent, "R4"))
            elif not any(a == agent and c in TAKES for a, c in out):
                out.append((agent, "R1"))
        return out


@dataclass(frozen=True)
class Replay:
    """The floor at the moment asked about, the last call each agency's agents took, and the steps worth a trail line."""

    floor: Floor
    phone_last: Mapping[str, str]    # agency ("" without agencies) -> the agent who took its last call
    steps: tuple[Step, ...]


def replay(day: Day) -> Replay:
    """Replay ``day``'s events in order (they are checked: in time order, agents on the list)."""
    names = day.names
    pointer, away, lost, makeup = 0, set(), {}, []
    phone_last: dict[str, str] = {}
    steps: list[Step] = []
    for event in day.events:
        who, kind, at = event["agent"], event["type"], event["at"].strftime("%H:%M")
        if kind == "away":
            away.add(who)
        elif kind == "back":
            away.discard(who)
        elif kind == "lost_turn":
            lost[who] = lost.get(who, 0) + 1
            steps.append(Step("R4", "loses_next_turn", {"at": at, "who": who}))
        elif kind == "handed_back":
            makeup.append(who)
            steps.append(Step("R5", "owed_makeup", {"at": at, "who": who}))
        elif kind == "designated":
            steps.append(Step("R3", "asked_for", {"at": at, "who": who}))
        elif kind == "phone":
            phone_last[day.agency_of[who]] = who
        elif kind == "reception":
            if who in makeup:
                makeup.remove(who)
                continue
            floor = Floor(names, pointer, frozenset(away), dict(lost), tuple(makeup))
            expected = next((a for a, c in floor.upcoming() if c == "R1"), None)
            n = len(names)
            i = pointer
            while names[i % n] != who:
                passed = names[i % n]
                if lost.get(passed):
                    lost[passed] -= 1
                elif passed not in away and passed == expected:
                    steps.append(Step("R1", "out_of_turn", {"at": at, "who": who, "passed": passed}))
                i += 1
            pointer = (names.index(who) + 1) % n
    return Replay(Floor(names, pointer, frozenset(away), lost, tuple(makeup)), phone_last, tuple(steps))


@dataclass(frozen=True)
class Turns:
    """Who takes the next walk-in and who follows, with the steps that explain who is skipped on the way."""

    next: tuple[str, str] | None     # (agent, clause R1 or R5); None when nobody is on the floor
    queue: tuple[str, ...]
    steps: tuple[Step, ...]


def next_turns(floor: Floor) -> Turns:
    """The walk-in turns from ``floor`` on: the next taker, the queue after, the away and sitting-out agents before."""
    upcoming = floor.upcoming()
    takers = [(a, c) for a, c in upcoming if c in TAKES]
    first_taker = upcoming.index(takers[0]) if takers else len(upcoming)
    steps = [Step("R2", "away", {"who": agent}) for agent in sorted(floor.away, key=floor.order.index)]
    steps += [Step("R4", "sits_out", {"who": agent}) for agent, clause in upcoming[:first_taker] if clause == "R4"]
    return Turns(takers[0] if takers else None, tuple(a for a, _ in takers[1:]), tuple(steps))
