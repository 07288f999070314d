"""The clauses of the showroom rulebook: their ids, and the reason each one gives.

The rule statements themselves (what a trainer may reword, with the figures a
company varies) live in ``playbook_src/policy/attribution.yaml`` under
``clauses``; the policy check insists that every id below has a statement
there. This module holds only what the engine says when a clause applies to a
particular case: a one-line reason, filled in with the agents, days and
amounts of that case (sources §S9 §S11 §S12 §S14 §S20).
"""

from __future__ import annotations

from ..i18n import L

# Every clause id, in the order the chapter presents them.
CLAUSE_IDS: tuple[str, ...] = (
    "first-contact",
    "register-decides",
    "late-registration",
    "face-to-face",
    "invalid-customer",
    "invalid-reclaim",
    "family-first-member",
    "ask-first",
    "unasked-deal",
    "old-customer",
    "referral",
    "follow-up-window",
    "unanswered-call",
    "dumping",
    "busy-owner",
    "off-duty-owner",
    "owner-declined",
    "unrecognised",
    "unrecognised-no-deal",
    "owner-deal",
    "unclaimed",
    "group-confirmed",
    "group-purchase",
    "one-agent",
    "conflict",
    "ruling",
    "forfeit",
)

# The clauses that decide how a deal's commission is split: exactly one of
# them applies to every deal (before any ruling).
SPLIT_CLAUSES = frozenset({
    "owner-deal", "unasked-deal", "busy-owner", "off-duty-owner", "unrecognised", "unclaimed", "group-purchase", "conflict",
})
# The helper rules (a share to the colleague who helped) and the 80/20 rule
# for an unrecognised customer: never both on one sale.
HELPER_CLAUSES = frozenset({"busy-owner", "off-duty-owner"})

# Reason templates: key is a clause id, or "clause-id/variant".
REASONS: dict[str, dict[str, str]] = {
    "first-contact": L(
        "{agent} 在 {day} 接待并当天登记了这位客户，此前没有人持有有效归属：客户归 {agent}。",
        "{agent} received the customer and registered them the same day ({day}); nobody held a valid claim before: the customer is {agent}'s.",
    ),
    "register-decides": L(
        "{owner} 已先有效登记这位客户；{agent} 的登记不改变归属。",
        "{owner} registered this customer first; {agent}'s registration does not change that.",
    ),
    "register-decides/claim": L(
        "{agent} 对这位客户没有有效登记，认领不算数；以登记表为准。",
        "{agent} holds no valid registration for this customer, so the claim does not count; the register decides.",
    ),
    "late-registration": L(
        "{agent} 上次当面接待是 {served}，却到 {day} 才登记：补登记无效。",
        "{agent} last received the customer in person on {served} but registered only on {day}: a late registration is void.",
    ),
    "face-to-face": L(
        "{agent} 还没有当面接待过这位客户就登记了：须先在售楼处当面接待一次，登记才有效。",
        "{agent} registered the customer without having received them in person: a registration counts only after a face-to-face reception.",
    ),
    "invalid-customer": L(
        "{agent} 登记时没有取得客户的真实姓名和电话：无效客户，这次登记不确立归属。",
        "{agent} did not take the customer's real name and phone number: an invalid customer; this registration gives no claim.",
    ),
    "invalid-reclaim": L(
        "客户是 {agent} 登记过的无效客户，这次来访被及时点名或认出：客户归 {agent}。",
        "The customer was {agent}'s invalid customer and was named or recognised in time on this visit: the customer is {agent}'s.",
    ),
    "family-first-member": L(
        "同一家庭的成员归最先接待这家人的 {owner}；{agent} 的登记不改变归属。",
        "Members of one family belong to {owner}, who first received the family; {agent}'s registration does not change that.",
    ),
    "ask-first": L(
        "{agent} 接待前没有询问客户是否来过、是否有置业顾问联系过：罚款 {fine}。",
        "{agent} did not ask whether the customer had been before or been contacted by an agent: fine {fine}.",
    ),
    "unasked-deal": L(
        "{receiver} 没有询问就接待了 {owner} 的客户，客户成交：业绩和佣金全部归原置业顾问 {owner}（{amount}）。",
        "{receiver} served {owner}'s customer without asking, and the customer bought: the sale and the whole commission go to the original agent {owner} ({amount}).",
    ),
    "old-customer": L(
        "{receiver} 接待时，客户被认出是 {owner} 的老客户（归属仍有效）。",
        "While {receiver} was receiving them, the customer was recognised as {owner}'s old customer (the claim is still valid).",
    ),
    "referral": L(
        "{agent} 的老客户带来或报备了这位新客户：新客户归 {agent}。",
        "An old customer of {agent} brought or announced this visitor: the new customer is {agent}'s.",
    ),
    "follow-up-window": L(
        "{agent} 上次有效联系是 {last}，到 {day} 已隔 {gap} 天，超过 {window} 天：{agent} 的归属失效，客户按新客户算。",
        "{agent}'s last valid contact was on {last}, {gap} days before {day}, more than {window}: the claim lapses and the customer counts as new.",
    ),
    "unanswered-call": L(
        "{agent} 在 {day} 的电话没有接通：不算回访。",
        "{agent}'s call on {day} was not answered: it does not count as a follow-up.",
    ),
    "dumping": L(
        "{agent} 接待中途丢下客户：罚款 {min} 至 {max}，具体数额由经理定。",
        "{agent} left the customer mid-reception: a fine of {min} to {max}, the amount set by the manager.",
    ),
    "busy-owner": L(
        "{owner} 正在接待别的客户，{receiver} 代为接待并当场成交：业绩归 {owner}；佣金 {owner_pct}% 归 {owner}（{owner_amount}），{helper_pct}% 归协助的 {receiver}（{helper_amount}）。",
        "{owner} was busy with another customer and {receiver} received and closed on the spot: the sale is {owner}'s; {owner_pct}% of the commission to {owner} ({owner_amount}), {helper_pct}% to the helper {receiver} ({helper_amount}).",
    ),
    "off-duty-owner": L(
        "{owner} 休息、赶不回来，{receiver} 接待并成交：业绩归 {owner}；佣金 {owner_pct}% 归 {owner}（{owner_amount}），{helper_pct}% 归协助的 {receiver}（{helper_amount}）。",
        "{owner} was off duty and could not come back, and {receiver} served and closed: the sale is {owner}'s; {owner_pct}% of the commission to {owner} ({owner_amount}), {helper_pct}% to the helper {receiver} ({helper_amount}).",
    ),
    "owner-declined": L(
        "{owner} 没有正当理由不接待自己的客户：视为放弃归属，客户归第二位接待的 {receiver}。",
        "{owner} declined to receive their own customer without good reason: the claim passes to {receiver}, who received them.",
    ),
    "unrecognised": L(
        "客户和 {owner} 都没有及时认出对方，{receiver} 接待并成交：业绩归 {receiver}；佣金 {second_pct}% 归 {receiver}（{second_amount}），{first_pct}% 归首次接待的 {owner}（{first_amount}）。",
        "Neither the customer nor {owner} recognised the other in time, and {receiver} served and closed: the sale is {receiver}'s; {second_pct}% of the commission to {receiver} ({second_amount}), {first_pct}% to the first agent {owner} ({first_amount}).",
    ),
    "unrecognised-no-deal": L(
        "{receiver} 在 {day} 的接待没有成交：核对后客户归还首次接待的 {owner}，由其继续跟进。",
        "{receiver}'s reception on {day} ended without a sale: once checked, the customer goes back to the first agent {owner}, who keeps following up.",
    ),
    "owner-deal": L(
        "{owner} 成交了自己的客户：佣金全部归 {owner}（{amount}）。",
        "{owner} closed their own customer: the whole commission goes to {owner} ({amount}).",
    ),
    "owner-deal/returned": L(
        "客户已被认出是 {owner} 的，应交还 {owner}：虽由 {closer} 成交，业绩和佣金全部归 {owner}（{amount}）。",
        "The customer had been recognised as {owner}'s and should have been handed back: although {closer} closed, the sale and the whole commission go to {owner} ({amount}).",
    ),
    "unclaimed": L(
        "没有人对这位客户持有有效归属，{closer} 接待并成交：业绩和佣金归 {closer}（{amount}）。",
        "Nobody held a valid claim on this customer and {closer} served and closed: the sale and the commission are {closer}'s ({amount}).",
    ),
    "group-confirmed": L(
        "公司客户：{agent} 也有效登记了这家公司的来访者，成为确认的置业顾问之一（{owner} 仍排第一）。",
        "Company customer: {agent} also validly registered a visitor from this company and becomes one of its confirmed agents ({owner} stays first).",
    ),
    "group-purchase": L(
        "公司一次购买 {units} 套，不少于 {threshold} 套：业绩由确认的置业顾问 {agents} 平分（{amounts}）。",
        "The company bought {units} units at once, at least {threshold}: the sale is shared evenly by its confirmed agents {agents} ({amounts}).",
    ),
    "one-agent/company": L(
        "公司只买了 {units} 套，少于 {threshold} 套：只算一位置业顾问，按登记顺序是 {owner}。",
        "The company bought {units} units, fewer than {threshold}: it counts for one agent, by the register {owner}, the first to register.",
    ),
    "one-agent/family": L(
        "一个家庭同一天买了 {units} 套：只算一位置业顾问。",
        "One family bought {units} units on one day: it counts for one agent.",
    ),
    "conflict/owner": L(
        "{closer} 成交了，但客户归 {owner}：撞单，先由双方协商、经理裁决；裁决前佣金 {amount} 暂不分配。",
        "{closer} closed, but the customer is {owner}'s: a clash for the agents to settle and the manager to rule on; the commission of {amount} is held until then.",
    ),
    "conflict/receiver": L(
        "{closer} 成交了，但当时接待客户的是 {receiver}：撞单，先由双方协商、经理裁决；裁决前佣金 {amount} 暂不分配。",
        "{closer} closed, but {receiver} was the one receiving the customer: a clash for the agents to settle and the manager to rule on; the commission of {amount} is held until then.",
    ),
    "conflict/group": L(
        "公司一次购买 {units} 套，但成交的 {closer} 不在确认的置业顾问（{agents}）之中：撞单，由经理裁决；裁决前佣金 {amount} 暂不分配。",
        "The company bought {units} units, but the closer {closer} is not one of its confirmed agents ({agents}): a clash for the manager to rule on; the commission of {amount} is held until then.",
    ),
    "ruling": L(
        "经理裁决：业绩和佣金归 {agent}（{amount}）。",
        "The manager ruled: the sale and the commission go to {agent} ({amount}).",
    ),
    "forfeit": L(
        "撞单经协商和裁决仍未解决：业绩充公，佣金 {amount} 归公司。",
        "The clash was not settled by agreement or ruling: the sale is forfeited and the company keeps the commission of {amount}.",
    ),
}
