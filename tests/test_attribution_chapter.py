"""The showroom-rules chapter: rendered from the policy, so the page and the calculator agree."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from playbook import paths
from playbook.embed import calculator_html, find_blocks
from playbook.policy import load_policy
from playbook.render import Renderer, load_module

MODULE = "showroom-rules"


def render(policy, lang):
    course = SimpleNamespace(id="t", title={"zh": "课程", "en": "Course"}, audience={"zh": "", "en": ""},
                             languages=("zh", "en"), modules=(MODULE,), default_lang="zh")
    return Renderer(course, policy).render(f"{MODULE}/{lang}.md", lang, paths.MODULES / MODULE / f"{lang}.md")


def test_module_yaml_declares_sources_and_calculator():
    """module.yaml has zh/en title and summary, the five sources and the commission-split calculator."""
    m = load_module(MODULE)
    assert m.sources == ("S9", "S11", "S12", "S14", "S20")
    assert m.calculators == ("commission-split",)
    assert all(m.title[lang] and m.summary[lang] for lang in ("zh", "en"))


def in_force(policy):
    """The clause ids the page states: every clause but the switch positions the course did not choose."""
    from calculators.attribution.rules import SWITCH_CLAUSES

    a = policy["attribution"]
    unused = {clause for switch, positions in SWITCH_CLAUSES.items() for pos, clause in positions.items() if pos != a[switch]}
    return [cid for cid in a["rules"] if cid not in unused], unused


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_prints_every_rule_in_force_once_with_its_title(policy, lang):
    """Each clause in force appears once, as its title and statement filled from the policy; the other switch positions do not."""
    text = render(policy, lang)
    rules = policy["attribution"]["rules"]
    shown, unused = in_force(policy)
    sep = "：" if lang == "zh" else ": "
    for cid in shown:
        assert text.count(f"**{rules[cid]['title'][lang]}**{sep}{rules[cid][lang]}") == 1, cid
    for cid in unused:
        assert rules[cid][lang] not in text, cid
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_worked_example_is_computed_from_the_payload_the_calculator_starts_from(policy, lang):
    """The 80/20 example's table is the calculator's answer to the example payload, which is also the block's preset."""
    from playbook.examples import load_examples

    ex = load_examples(MODULE, paths.MODULES).get("unrecognised", lang, policy)
    text = render(policy, lang)
    assert ex["result"]["shares"] == {"B": "7111.10", "A": "1777.78"}
    assert "| B | 7,111.10 |" in text and "| A | 1,777.78 |" in text
    blocks, problems = find_blocks(text)
    assert problems == [] and blocks[0].preset == ex["payload"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_clause_id_or_zone_id_in_the_prose(policy, lang):
    """Readers see titles, never clause ids or the tz database name; Chinese prose carries no English words."""
    import re

    text = render(policy, lang)
    prose = re.sub(r"```calculator.*?```", "", text, flags=re.S)
    prose = re.sub(r"^!!! \w+", "", prose, flags=re.M)  # admonition markers are markup, not words
    for cid in policy["attribution"]["rules"]:
        assert f"**{cid}**" not in prose and f"`{cid}`" not in prose, cid
        if "-" in cid:
            assert cid not in prose, cid
    assert "Asia/Shanghai" not in prose
    if lang == "zh":
        words = set(re.findall(r"[A-Za-z][A-Za-z_-]{2,}", prose.split("\n---\n")[0]))
        assert words <= {"MAN"}, words


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("switches", [
    {"named_agent_ignores_validity": True, "absent_agent": "on_duty_receives"},
    {"named_agent_ignores_validity": False, "absent_agent": "helper_share"},
])
def test_page_says_which_rule_the_course_follows(lang, switches):
    """Each switch position puts its own clause and its own reason on the page, and only that one."""
    policy = load_policy({"attribution": switches})
    text = render(policy, lang)
    rules = policy["attribution"]["rules"]
    shown, unused = in_force(policy)
    assert all(rules[c][lang] in text for c in shown) and not any(rules[c][lang] in text for c in unused)
    named = "点名找人不看期限" if lang == "zh" else "asking for an agent works at any time"
    absent = "本课程的规定：义务接待" if lang == "zh" else "the agent on duty stands in as a duty"
    assert (named in text) == switches["named_agent_ignores_validity"]
    assert (absent in text) == (switches["absent_agent"] == "on_duty_receives")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_follows_a_course_override(lang):
    """A course that sets a 10-day window and a 30% helper share gets a page that says so."""
    policy = load_policy({"attribution": {"follow_up_days": 10, "helper_share": 0.3}})
    text = render(policy, lang)
    assert "30%" in text and "70%" in text and " 10 " in text
    busy = next(s for s in text.split("\n## ") if policy["attribution"]["rules"]["busy-owner"][lang] in s)
    assert "20%" not in busy and "| 70%" not in busy and "70%" in busy


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_embeds_the_calculator_once_and_it_renders(policy, lang):
    """One `calculator commission-split` block, preset with the worked example, whose build-time answer has no problems."""
    text = render(policy, lang)
    blocks, problems = find_blocks(text)
    assert problems == [] and [b.name for b in blocks] == ["commission-split"] and blocks[0].preset["commission"] == "8888.88"
    html, problems = calculator_html(blocks[0], lang=lang, policy=policy, root="../", runtime={}, course_id="t", uid="c1")
    assert problems == [] and 'data-calculator="commission-split"' in html
