"""The rotation's answer in words: each trail step quoted with its rule, the next walk-in, the queue and the phone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import L, pick
from .phones import PhoneDuty
from .replay import Replay, Step, Turns

# What a trail step says after its rule, by ``Step.what``; ``{…}`` are the step's details.
TRAIL = {
    "loses_next_turn": L("{at} {who} 下一轮轮空", "{at} {who} loses the next turn"),
    "owed_makeup": L("{at} {who} 可补接一次", "{at} {who} gets a make-up turn"),
    "asked_for": L("{at} {who} 点名接待，不占轮", "{at} {who} received an asked-for visitor; no turn used"),
    "out_of_turn": L("{at} {who} 接待了，但轮到的是 {passed}：请核对登记", "{at} {who} received, but it was {passed}'s turn: check the register"),
    "away": L("{who} 不在岗，轮到时跳过", "{who} is away and is passed over"),
    "sits_out": L("{who} 这一轮轮空", "{who} sits this turn out"),
    "next_walk_in": L("下一位来访由 {who} 接待", "the next walk-in goes to {who}"),
    "morning_agency": L("{day} 上午由 {agency} 公司接听", "{day} morning: agency {agency}"),
    "afternoon_agency": L("{day} 下午由 {agency} 公司接听", "{day} afternoon: agency {agency}"),
    "has_the_morning": L("这一天上午是 {agency} 公司", "that day agency {agency} has the morning"),
    "agency_next": L("{agency} 公司轮到 {who}", "agency {agency}: {who} is next"),
    "next": L("轮到 {who}", "{who} is next"),
}

NOBODY_ON_FLOOR = L("没有在岗的顾问", "nobody is on the floor")
NOBODY_OF_AGENCY = L("该公司没有在岗的顾问", "nobody from that agency is on the floor")


def say(step: Step, policy: Mapping[str, Any], lang: str) -> str:
    """``R4 · <the rule's wording> → <what happened>``."""
    return f"{step.clause} · {pick(policy['clauses'][step.clause], lang)} → {pick(TRAIL[step.what], lang).format(**step.params)}"


def answer(replayed: Replay, turns: Turns, phones: PhoneDuty, policy: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The calculator's result: the next walk-in first in the trail, then the day's steps, the skips, the phones."""
    steps = list(replayed.steps) + list(turns.steps)
    if turns.next is not None:
        steps.insert(0, Step(turns.next[1], "next_walk_in", {"who": turns.next[0]}))
    steps += phones.steps
    if phones.agent is None:
        phone_now = pick(NOBODY_OF_AGENCY, lang)
    elif phones.agency:
        phone_now = f"{phones.agent}（{phones.agency}）" if lang == "zh" else f"{phones.agent} ({phones.agency})"
    else:
        phone_now = phones.agent
    return {
        "next_walk_in": turns.next[0] if turns.next is not None else pick(NOBODY_ON_FLOOR, lang),
        "walk_in_queue": list(turns.queue),
        "phone_now": phone_now,
        "trail": [say(step, policy, lang) for step in steps],
    }
