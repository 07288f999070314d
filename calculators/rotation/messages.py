"""The rotation's own messages (code -> zh and en): the list, the shift times, the moment and the events."""

from __future__ import annotations

from ..i18n import L

MESSAGES = {
    "shifts_overlap": L(
        "班次时间重叠或顺序不对：开门 {opens}、切换 {switch}、下班 {closes} 必须一个比一个晚。",
        "The shift times overlap or are out of order: opening {opens}, switch {switch} and closing {closes} must each be later than the one before.",
    ),
    "outside_hours": L(
        "{got} 不在营业时间内（{opens}–{closes}），这时没有人轮值。",
        "{got} is outside working hours ({opens}–{closes}); nobody is on duty then.",
    ),
    "out_of_order": L(
        "“{label}”的时间 {got} 早于上一条记录（{previous}），请按时间先后排列。",
        "'{label}' at {got} is earlier than the record before it ({previous}); list the events in time order.",
    ),
    "after_moment": L(
        "“{label}”发生在 {got}，晚于要查询的时刻 {moment}。",
        "'{label}' happens at {got}, after the moment asked about ({moment}).",
    ),
    "agent_not_on_list": L(
        "“{label}”里的 {got} 不在今天的排轮表上。排轮表上有：{known}。",
        "In '{label}', {got} is not on today's rotation list. The list has: {known}.",
    ),
    "duplicate_agent": L(
        "“{label}”：{got} 在排轮表上出现了两次。",
        "'{label}': {got} appears twice on the rotation list.",
    ),
    "unknown_agency": L(
        "“{label}”：公司 {got} 不在政策规定的公司里（{known}）。",
        "'{label}': agency {got} is not one of the policy's agencies ({known}).",
    ),
    "agency_missing": L(
        "“{label}”：有的顾问填了所属公司，有的没填；要么都填，要么都不填。",
        "'{label}': some agents have an agency and some do not; fill it for all or for none.",
    ),
    "needs_date": L(
        "只给了时刻 {got}，还需要填写日期（电话轮换看日期）。",
        "Only a time ({got}) was given; the date is needed too (phone duty depends on it).",
    ),
    "bad_policy": L(
        "公司政策“{label}”有误：{detail}",
        "The company policy value '{label}' is wrong: {detail}",
    ),
}
