"""Duty rotation: who takes the next walk-in, who answers the phone now (§S9 §S11 §S12 §S14).

Walk-ins go down the day's rotation list (R1). An agent away on their turn is
passed over and the next one takes it (R2); a visitor who asks for an agent
uses no turn (R3); an agent whose claim proved invalid loses their next turn
(R4); an agent who missed a turn while handing a returning customer back gets a
make-up turn first (R5). With two agencies, phones alternate by half day
(P1), the halves swap every day (P2), and each agency goes down its own list
(P3). Every figure (opening, switch and closing times, the reference date)
comes from the policy section ``rotation``.

The folder, by concern: ``fields`` (the form and its outputs), ``policy`` (the
policy section), ``check`` (the input checked as a whole), ``replay`` (the day's
events replayed, and the walk-in turns that follow), ``phones`` (phone duty),
``prose`` (the trail and the answer in words) and ``messages``; ``compute``
composes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import Calculator, register
from ..i18n import L, register_messages
from .check import check
from .fields import FIELDS, OUTPUTS
from .messages import MESSAGES
from .phones import phone_duty
from .policy import check_policy
from .prose import answer
from .replay import next_turns, replay

__all__ = ["ROTATION", "check_policy", "compute"]

register_messages(MESSAGES)


def compute(values: dict[str, Any], lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
    """Check the day, replay it, read off the next walk-in and the phone, and say why."""
    day = check(values, policy, lang)
    replayed = replay(day)
    return answer(replayed, next_turns(replayed.floor), phone_duty(day, replayed, policy), policy, lang)


ROTATION = register(
    Calculator(
        name="rotation",
        title=L("排轮：下一位谁接待、现在谁接电话", "Duty rotation: next walk-in and phone duty"),
        summary=L("按排轮表和今天已发生的事，算出下一位来访客户由谁接待、此刻由谁接听电话，并给出依据条款。",
                  "From the rotation list and today's events, find who takes the next walk-in and who answers the phone now, with the clause behind each."),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        policy_section="rotation",
        example={
            "agents": [
                {"name": L("张伟", "Zhang Wei"), "agency": "A"}, {"name": L("李静", "Li Jing"), "agency": "B"},
                {"name": L("王磊", "Wang Lei"), "agency": "A"}, {"name": L("刘洋", "Liu Yang"), "agency": "B"},
            ],
            "date": "2026-11-26",
            "moment": "14:05",
            "events": [
                {"at": "09:40", "type": "reception", "agent": L("张伟", "Zhang Wei")},
                {"at": "10:15", "type": "designated", "agent": L("王磊", "Wang Lei")},
                {"at": "11:00", "type": "away", "agent": L("李静", "Li Jing")},
                {"at": "11:20", "type": "reception", "agent": L("王磊", "Wang Lei")},
                {"at": "13:10", "type": "back", "agent": L("李静", "Li Jing")},
                {"at": "13:40", "type": "phone", "agent": L("刘洋", "Liu Yang")},
            ],
        },
    )
)
