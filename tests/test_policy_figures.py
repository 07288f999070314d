"""Every figure a page states comes from the policy, in every shipped course.

Each course is rendered once (Markdown through ``playbook.render.Renderer``,
each calculator block through ``playbook.embed.calculator_html``, as a build
does, without MkDocs) with distinctive overrides of every policy figure a
page states. No page may then state a default figure, and every override must
be stated where its rule is explained.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from playbook import paths
from playbook.course import load_course
from playbook.embed import calculator_html, find_blocks
from playbook.policy import load_policy
from playbook.render import Renderer

COURSES = sorted(paths.COURSES.glob("*.yaml"))

# Overrides that differ from every default and from each other.
OVERRIDES = {
    "attribution": {
        "follow_up_days": 11,
        "helper_share": "0.15",
        "unrecognised_split": {"second_agent": "0.70", "first_agent": "0.30"},
        "group_purchase_units": 6,
        "fines": {"not_asking": 30, "dumping": {"min": 150, "max": 650}},
        "dismissal_after": 4,
    },
    "forecast": {"stages": {
        "lead": {"probability": "0.07"}, "qualified": {"probability": "0.12"}, "meeting": {"probability": "0.22"},
        "proposal": {"probability": "0.45"}, "negotiation": {"probability": "0.65"}, "committed": {"probability": "0.85"},
    }},
    "rotation": {"opens": "08:30", "switch": "12:45", "closes": "19:15", "phone_reference_date": "2019-04-08"},
    "scorecards": {"key-account": {"weights": {"economic_strength": 30, "credit": 22, "stability": 18, "fit": 16, "attitude": 14}}},
}

N = r"(?<![\d.,:])"  # a number that does not continue a longer one
# What a page says when it states a default figure (7 days, 20 % / 80 %, 5 units, 20 yuan, 100-500 yuan,
# three strikes, the stage rates 5/10/20/40/60/90 %, the shifts and the reference date, the card's weights).
DEFAULTS = {
    "follow_up_days": [N + r"7\s*(天|days?\b|-day)", r"第\s*8\s*天", r"\bday 8\b", "七天"],
    "shares": [N + r"(20|80)\s*%"],
    "group_purchase_units": [N + r"5\s*(套|units?\b|-unit)", "五套"],
    "fine_not_asking": [N + r"20\s*(元|yuan)", r"¥20\.00"],
    "fine_dumping": [N + r"100\s*(至|to|–|-)\s*500", r"¥100\.00", r"¥500\.00"],
    "dismissal_after": [N + r"3\s*次(?!项)", "三次", r"\b3 (class-A|such)", r"\bafter 3\b", r"\(3 mean"],
    # a stage's name in a table row, then one of the default rates in a later cell of that row; the funnel quiz
    "stage_rates": [r"\| (线索|Lead|合格准客户|Qualified|需求确认|Needs confirmed|方案报价|Proposal|商务谈判|Negotiation|口头承诺|Verbal commit)"
                    r" \|(?:[^|\n]*\|)*? *(5|10|20|40|60|90)% \|", r"(只算|counts it at) (5|10|20|40|60|90)%"],
    "rotation": [r"09:00", r"13:30", r"18:00", r"2012-05-01"],
    "key_account_weights": [r"\| (经济实力|Economic strength) \| 25 \|", r"\| (信用记录|Credit record) \| 25 \|",
                            r"\| (稳定性与持续性|Stability and sustainability) \| 20 \|", r"\| (需求与匹配度|Need and fit) \| 20 \|",
                            r"\| (合作意愿与态度|Willingness and attitude) \| 10 \|"],
}
# Figures that look like defaults but are facts of the source, not company policy.
NOT_POLICY = {
    ("prospecting", "80%"),   # §S10: 80 % of first-year failures come from poor prospecting
    ("prospecting", "5%"),    # §S10: the foreign firm signed at a 5 % discount
    ("funnel", "20%"),        # the reverse funnel's sensitivity table: its example's 25 % rate lowered by the 5-point step
}
# Where each override must be stated: module -> patterns (zh and en alike).
STATED = {
    "showroom-rules": [r"11 (天|days)|11-day", "15%", "85%", "70%", "30%", r"6 (套|units)|6-unit", r"30 (元|yuan)",
                       r"150 (至|to) 650", r"累计 4 次|4 class-A faults|4 such penalties", r"第 12 天|day 12"],
    "glossary": [r"每 11 天|every 11 days", "15%", r"6 套|6 units", r"30 (元|yuan)", r"150 至 650|150 to 650", r"4 次|after 4"],
    "reception": [r"30 (元|yuan)", "08:30", "12:45", "19:15", "2019-04-08"],
    "funnel": ["7%", "12%", "22%", "45%", "65%", "85%"],
    "qualification": ["65%", "22%", "12%"],
    "scorecards": [r"\| (经济实力|Economic strength) \| 30 \|", r"\| (合作意愿与态度|Willingness and attitude) \| 14 \|"],
}


def merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = merged(base[key], value) if isinstance(base.get(key), dict) and isinstance(value, dict) else value
    return out


def visible(html: str) -> str:
    """The text a reader sees in HTML (a calculator's, a page's questions): no scripts, no tags."""
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def rendered(course_file: Path) -> dict[str, str]:
    """Page name (``showroom-rules.zh``) -> what the page states, calculators' build-time text included."""
    course = load_course(course_file)
    policy = load_policy(merged(course.policy, OVERRIDES))
    pages = {}
    for name, markdown in Renderer(course, policy).pages().items():
        stem, lang = name.rsplit(".", 2)[:2]
        blocks, problems = find_blocks(markdown)
        assert problems == [], (name, problems)
        text, at = [], 0
        for n, block in enumerate(blocks):
            html, problems = calculator_html(block, lang=lang, policy=policy, root="../", runtime={}, course_id=course.id, uid=f"c{n}")
            assert problems == [], (name, problems)
            text += [visible(markdown[at:block.start]), visible(html)]
            at = block.end
        # what a reader reads: raw HTML in a page (the questions' markup, their links' inputs) counts by its text
        pages[f"{stem}.{lang}"] = "".join([*text, visible(markdown[at:])])
    return pages


@pytest.fixture(scope="module", params=COURSES, ids=[p.stem for p in COURSES])
def course_pages(request):
    return request.param.stem, rendered(request.param)


def test_every_course_is_checked():
    """The three shipped courses are all here, and between them they have every module that states a figure."""
    assert {p.stem for p in COURSES} >= {"new-hire", "showroom", "trade-show"}
    modules = {m for p in COURSES for m in load_course(p).modules}
    assert set(STATED) <= modules


def test_no_page_states_a_default_figure(course_pages):
    """With every figure overridden, no page, and no calculator's build-time answer, still states a default."""
    course, pages = course_pages
    hits = []
    for page, text in pages.items():
        module = page.rsplit(".", 1)[0]
        if module == "print":  # the chapters again, each checked on its own page
            continue
        for figure, patterns in DEFAULTS.items():
            for pattern in patterns:
                for m in re.finditer(pattern, text):
                    if (module, m.group(0).replace(" ", "")) in NOT_POLICY:
                        continue
                    hits.append(f"{course}/{page}: {figure}: …{text[max(0, m.start() - 30):m.end() + 10]}…")
    assert hits == []


def test_every_override_is_stated_where_its_rule_is_explained(course_pages):
    """Each override appears on every page (both languages) that explains its rule, in every course that has the page."""
    course, pages = course_pages
    missing = []
    for module, patterns in STATED.items():
        for lang in ("zh", "en"):
            text = pages.get(f"{module}.{lang}")
            if text is None:
                continue
            missing += [f"{course}/{module}.{lang}: {p}" for p in patterns if not re.search(p, text)]
    assert missing == []
