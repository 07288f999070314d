"""Commission-split's own messages (code -> zh and en): the event log, the replay and the policy section."""

from __future__ import annotations

from ..i18n import L

MESSAGES = {
    "reserved_agent": L(
        "“{label}”不能叫“{name}”：这个名字留给公司（充公时用）。",
        "'{label}' cannot be '{name}': that name is kept for the company (forfeits).",
    ),
    "not_for_event_type": L(
        "“{label}”不用于“{type}”事件，请清空这一格。这类事件要填的是：{known}。",
        "'{label}' is not used by a '{type}' event; clear this cell. This kind of event takes: {known}.",
    ),
    "events_out_of_order": L(
        "“{label}”是 {at}，早于上一条事件（第 {prev} 行，{prev_at}）：事件要按时间先后排列。",
        "'{label}' is {at}, earlier than the event before it (row {prev}, {prev_at}): events must be in time order.",
    ),
    "deal_before_register": L(
        "“{label}”是成交，但它之前没有任何登记：先记录客户的登记。",
        "'{label}' is a deal, but no registration comes before it: record the customer's registration first.",
    ),
    "event_after_deal": L(
        "“{label}”在成交之后：一次计算只算一单，成交后只能再记录经理裁决。",
        "'{label}' comes after the deal: one calculation covers one sale, and only a manager's ruling may follow the deal.",
    ),
    "no_deal": L(
        "“{label}”里还没有成交：加上一条成交事件，才能分配佣金。",
        "'{label}' has no deal yet: add a deal event to split a commission.",
    ),
    "ruling_without_conflict": L(
        "“{label}”：第 {row} 行是经理裁决，但它之前没有需要裁决的撞单。",
        "'{label}': row {row} is a manager's ruling, but no clash comes before it to rule on.",
    ),
    "unknown_agent": L(
        "“{label}”里的置业顾问“{agent}”没有在之前的事件里出现过。出现过的有：{known}。",
        "'{label}' names the agent '{agent}', who appears in no earlier event. Agents seen: {known}.",
    ),
    "owner_state_unidentified": L(
        "“{label}”是“{state}”，但这次来访没有人认出客户归谁：请同时填写客户点名的置业顾问、认出客户的置业顾问或带客老客户的置业顾问。",
        "'{label}' is '{state}', but nobody identified whose customer this is on this visit: also give the agent the customer named, the agent who recognised them, or the referring old customer's agent.",
    ),
    "unknown_policy_key": L(
        "政策里没有“{key}”这一项。这里可用的有：{known}。",
        "The policy has no '{key}'. Known here: {known}.",
    ),
    "offset_mismatch": L(
        "“{label}”写的是 {got}，但时区 {zone} 平时（不算夏令时）是 UTC{standard}：请改成一致。",
        "'{label}' says {got}, but the time zone {zone} is at UTC{standard} outside summer time: make them agree.",
    ),
    "shares_sum": L(
        "“{label}”的两部分加起来须等于 100%，现在是 {total}。",
        "The two parts of '{label}' must add up to 100%; they add up to {total}.",
    ),
    "fine_order": L(
        "“{label}”的下限 {min} 元高于上限 {max} 元。",
        "In '{label}' the lowest fine, {min} yuan, is above the highest, {max} yuan.",
    ),
}
