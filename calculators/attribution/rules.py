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
    "large-group",
    "front-desk-booking",
    "phone-invitation",
    "ask-first",
    "unasked-deal",
    "crm-entry",
    "returning-customer",
    "named-agent-any-time",
    "named-agent-in-window",
    "referral",
    "follow-up-window",
    "unanswered-call",
    "dumping",
    "busy-owner",
    "off-duty-owner",
    "absent-owner-on-duty",
    "owner-declined",
    "unrecognised",
    "unrecognised-no-deal",
    "owner-deal",
    "unclaimed",
    "group-confirmed",
    "group-purchase",
    "one-agent",
    "developer-related",
    "developer-before-notice",
    "verbal-claim",
    "first-to-pay",
    "conflict",
    "ruling",
    "forfeit",
)

# The clauses that decide how a deal's commission is split: exactly one of
# them applies to every deal (before any ruling). ``verbal-claim`` comes on
# top of one of them: it holds that split back until the customer pays.
SPLIT_CLAUSES = frozenset({
    "owner-deal", "unasked-deal", "busy-owner", "off-duty-owner", "absent-owner-on-duty", "unrecognised", "unclaimed",
    "group-purchase", "first-to-pay", "conflict",
})
# The helper rules (a share to the colleague who helped) and the 80/20 rule
# for an unrecognised customer: never both on one sale.
HELPER_CLAUSES = frozenset({"busy-owner", "off-duty-owner"})
# The two positions of each policy switch, and the clause each one cites.
SWITCH_CLAUSES = {
    "named_agent_ignores_validity": {True: "named-agent-any-time", False: "named-agent-in-window"},
    "absent_agent": {"helper_share": "off-duty-owner", "on_duty_receives": "absent-owner-on-duty"},
}

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
        "{agent} 对这位客户没有有效登记，认领不算数；以登记表为准。如果 {agent} 已经把客户接了过去，要还给接待的同事，并取消当天或下一个工作日的一轮接待。",
        "{agent} holds no valid registration for this customer, so the claim does not count; the register decides. If {agent} has already taken the customer over, they hand them back to the colleague and lose one turn that day or the next working day.",
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
    "large-group": L(
        "销售经理安排的大型团队来访：{agent} 也有效登记了团里的一位成员，这位成员归 {agent}（{owner} 是最先登记的）。",
        "A large group visit arranged by the sales manager: {agent} also validly registered one of its members, who is {agent}'s ({owner} registered first).",
    ),
    "front-desk-booking": L(
        "这位客户是前台约来的：按排轮由 {receiver} 接待，预约本身不让任何人取得归属。",
        "The front desk booked this visit: {receiver} receives by rotation, and the booking itself gives nobody a claim.",
    ),
    "phone-invitation": L(
        "{agent} 事先向前台报备了这次电话邀约：客户归 {agent} 接待，不占排轮。",
        "{agent} registered this phone invitation with the front desk beforehand: the customer goes to {agent}, outside the rotation.",
    ),
    "phone-invitation/unlogged": L(
        "{agent} 的电话邀约没有事先向前台报备登记：这次邀约不算数。",
        "{agent}'s phone invitation was not registered with the front desk beforehand: it does not count.",
    ),
    "ask-first": L(
        "{agent} 接待前没有询问客户是否来过、是否有置业顾问联系过：罚款 {fine}。",
        "{agent} did not ask whether the customer had been before or been contacted by an agent: fine {fine}.",
    ),
    "unasked-deal": L(
        "{receiver} 没有询问就接待了 {owner} 的客户，客户成交：业绩和佣金全部归原置业顾问 {owner}（{amount}）。",
        "{receiver} served {owner}'s customer without asking, and the customer bought: the sale and the whole commission go to the original agent {owner} ({amount}).",
    ),
    "crm-entry": L(
        "{agent} 在 {day} 接待的是 {owner} 的客户，应当把客户领给 {owner}：按客户管理系统的录入标准，这次接待无效，{agent} 当天的登记不算数。",
        "On {day} {agent} was serving {owner}'s customer and should have taken them to {owner}: by the CRM's entry standard that reception is invalid, and {agent}'s registration that day does not count.",
    ),
    "returning-customer": L(
        "{receiver} 接待时，客户被认出是 {owner} 的老客户（归属仍有效）。",
        "While {receiver} was receiving them, the customer was recognised as {owner}'s returning customer (the claim is still valid).",
    ),
    "named-agent-any-time": L(
        "客户点名找 {agent}。{agent} 最后一次有效联系是 {last}，归属已经过了回访期限，但按公司规定，点名找原置业顾问不看期限：客户归 {agent}。",
        "The customer asked for {agent}. {agent}'s last valid contact was on {last} and the claim had passed the follow-up window, but under the company's rule a customer who asks for their agent goes to that agent at any time: the customer is {agent}'s.",
    ),
    "named-agent-any-time/taken": L(
        "客户点名找 {agent}，但 {agent} 的归属过期以后，{owner} 已经有效登记了这位客户：以登记表为准，客户归 {owner}。",
        "The customer asked for {agent}, but after {agent}'s claim lapsed {owner} validly registered the customer: the register decides, and the customer is {owner}'s.",
    ),
    "named-agent-in-window": L(
        "客户点名找 {agent}，但 {agent} 最后一次有效联系是 {last}，归属已经过了回访期限：按公司规定，点名也不能恢复归属。",
        "The customer asked for {agent}, but {agent}'s last valid contact was on {last} and the claim has passed the follow-up window: under the company's rule, asking for the agent does not revive it.",
    ),
    "referral": L(
        "{agent} 的老客户带来或报备了这位新客户：新客户归 {agent}。",
        "A returning customer of {agent} brought or announced this visitor: the new customer is {agent}'s.",
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
        "{agent} 接待中途丢下客户：罚款 {min} 至 {max}，具体数额由经理定，并记一次 A 类过失（累计 {limit} 次除名）。",
        "{agent} left the customer mid-reception: a fine of {min} to {max}, the amount set by the manager, and a class-A fault ({limit} mean dismissal).",
    ),
    "busy-owner": L(
        "{owner} 正在接待别的客户，{receiver} 代为接待并当场成交：业绩归 {owner}；佣金 {owner_pct}% 归 {owner}（{owner_amount}），{helper_pct}% 归协助的 {receiver}（{helper_amount}）。",
        "{owner} was busy with another customer and {receiver} received and closed on the spot: the sale is {owner}'s; {owner_pct}% of the commission to {owner} ({owner_amount}), {helper_pct}% to the helper {receiver} ({helper_amount}).",
    ),
    "off-duty-owner": L(
        "{owner} 休息、赶不回来，{receiver} 接待并成交：业绩归 {owner}；佣金 {owner_pct}% 归 {owner}（{owner_amount}），{helper_pct}% 归协助的 {receiver}（{helper_amount}）。",
        "{owner} was off duty and could not come back, and {receiver} served and closed: the sale is {owner}'s; {owner_pct}% of the commission to {owner} ({owner_amount}), {helper_pct}% to the helper {receiver} ({helper_amount}).",
    ),
    "absent-owner-on-duty": L(
        "{owner} 不当班、赶不回来，{receiver} 义务代为接待并成交：按公司规定，业绩和佣金全部归 {owner}（{amount}），{receiver} 负责把客户交接好。",
        "{owner} was off duty and could not come back, and {receiver} stood in and closed: under the company's rule the sale and the whole commission are {owner}'s ({amount}), and {receiver} hands the customer over.",
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
    "owner-deal/team": L(
        "大型团队来访：{closer} 成交的是自己接待并登记的成员，业绩和佣金归 {closer}（{amount}）。",
        "A large group visit: {closer} closed a member they received and registered, so the sale and the commission are {closer}'s ({amount}).",
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
    "developer-related": L(
        "开发商已书面通知：这是与开发商有关系的客户，销售负责人把他分给了 {agent}，客户归 {agent}。",
        "The developer has notified in writing that this customer is related to it, and the head of sales allotted the customer to {agent}: the customer is {agent}'s.",
    ),
    "developer-related/replaced": L(
        "开发商已书面通知：这是与开发商有关系的客户，销售负责人把他分给了 {agent}，客户归 {agent}（此前归 {previous}）。",
        "The developer has notified in writing that this customer is related to it, and the head of sales allotted the customer to {agent}: the customer is {agent}'s (until now {previous}'s).",
    ),
    "developer-before-notice": L(
        "这位客户与开发商有关系，但成交之前开发商还没有书面通知：按新客户对待，照常计佣。",
        "This customer is related to the developer, but no written notice came before the sale: the customer is treated as new and the commission is paid as usual.",
    ),
    "verbal-claim": L(
        "这套房只是喊控了，客户还没有交钱：认购以交钱为准。上面的分配要等客户交钱后才生效，在那之前佣金 {amount} 暂不分配。",
        "The unit has only been claimed aloud and the customer has not paid: the purchase is final only when paid. The split above takes effect once the customer pays; until then the commission of {amount} is held.",
    ),
    "first-to-pay": L(
        "另一组客户先交钱认购了这套房：以先交钱者为准，这位客户没有买成，没有佣金可分。",
        "Another group paid for this unit first: the first to pay wins, so this customer has not bought it and there is no commission to share.",
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
