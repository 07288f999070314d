"""The rotation's input checked as a whole: one list, the shift times in order, a moment in working hours, events in order.

Every problem is reported at once, each naming its field, row and column; what comes out is a ``Day``
the replay and the phone duty read without checking again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from .. import zones
from ..base import InputErrors
from ..dates import RANGE, DateError, local, parse_clock, parse_moment
from ..fields import shown
from ..i18n import names_list


@dataclass(frozen=True)
class Day:
    """The checked day: the list in order, each agent's agency, the shift times, the moment asked about and its events."""

    names: tuple[str, ...]
    agency_of: Mapping[str, str]     # agent -> agency ("" when the list gives none)
    with_agency: bool                # the list names agencies (two agencies share the floor)
    opens: time
    switch: time
    closes: time
    day: date
    now: time
    events: tuple[Mapping[str, Any], ...]


def _policy_time(text: object, label: str) -> time:
    try:
        return parse_clock(str(text))
    except DateError:
        raise InputErrors([(f"policy.{label}", "bad_policy", {"detail": f"expected HH:MM, found {shown(text)}"})]) from None


def _hm(moment: time) -> str:
    return moment.strftime("%H:%M")


def check(values: Mapping[str, Any], policy: Mapping[str, Any], lang: str) -> Day:
    """The day ``values`` describe, or InputErrors listing every problem."""
    problems: list[tuple[str, str, dict[str, object]]] = []
    agents = values["agents"]
    names = [a["name"] for a in agents]
    for n, name in enumerate(names, start=1):
        if names.index(name) != n - 1:
            problems.append((f"agents[{n}].name", "duplicate_agent", {"got": shown(name)}))
    with_agency = [a for a in agents if a["agency"]]
    if with_agency and len(with_agency) != len(agents):
        problems.append(("agents", "agency_missing", {}))
    for n, a in enumerate(agents, start=1):
        if a["agency"] and a["agency"] not in policy["agencies"]:
            problems.append((f"agents[{n}].agency", "unknown_agency", {"got": shown(a["agency"]), "known": ", ".join(policy["agencies"])}))
    opens = values["opens"] or _policy_time(policy["opens"], "opens")
    switch = values["switch"] or _policy_time(policy["switch"], "switch")
    closes = values["closes"] or _policy_time(policy["closes"], "closes")
    if not opens < switch < closes:
        problems.append(("switch", "shifts_overlap", {"opens": _hm(opens), "switch": _hm(switch), "closes": _hm(closes)}))
    moment_text = values["moment"]
    day, now = values["date"], None
    try:  # a time of day (on the date above), or a date and time
        now = parse_clock(moment_text)
    except DateError:
        try:
            wall = local(parse_moment(moment_text, day.year if day else None), zones.zone(policy["time_zone"]))
            day, now = wall.date(), wall.time().replace(second=0, microsecond=0)
        except DateError as err:
            code = "not_a_clock_time" if err.code == "not_a_time" else err.code
            problems.append(("moment", code, {"got": shown(moment_text), **RANGE}))
    if now is not None and day is None:
        problems.append(("date", "needs_date", {"got": moment_text}))
    if now is not None and not opens <= now < closes:
        problems.append(("moment", "outside_hours", {"got": _hm(now), "opens": _hm(opens), "closes": _hm(closes)}))
    previous = None
    for n, event in enumerate(values["events"], start=1):
        if event["agent"] not in names:
            problems.append((f"events[{n}].agent", "agent_not_on_list", {"got": shown(event["agent"]), "known": names_list(names, lang)}))
        if previous is not None and event["at"] < previous:
            problems.append((f"events[{n}].at", "out_of_order", {"got": _hm(event["at"]), "previous": _hm(previous)}))
        if now is not None and event["at"] > now:
            problems.append((f"events[{n}].at", "after_moment", {"got": _hm(event["at"]), "moment": _hm(now)}))
        previous = event["at"]
    if problems:
        raise InputErrors(problems)
    assert day is not None and now is not None  # a missing moment or date is a problem above
    return Day(tuple(names), {a["name"]: a["agency"] or "" for a in agents}, bool(with_agency),
               opens, switch, closes, day, now, tuple(values["events"]))
