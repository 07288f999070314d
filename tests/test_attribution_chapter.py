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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_prints_every_rule_from_the_policy(policy, lang):
    """Every clause statement, filled from the policy, appears on the page, with the worked 80/20 example."""
    text = render(policy, lang)
    for rule in policy["attribution"]["rules"].values():
        assert rule[lang] in text
    assert "| B | 9876.54 |" in text and "| A | 2469.13 |" in text
    assert "{{" not in text and "{%" not in text


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
    """One empty `calculator commission-split` block, whose build-time answer has no problems."""
    text = render(policy, lang)
    blocks, problems = find_blocks(text)
    assert problems == [] and [b.name for b in blocks] == ["commission-split"] and blocks[0].preset == {}
    assert "```calculator commission-split\n```\n" in text
    html, problems = calculator_html(blocks[0], lang=lang, policy=policy, root="../", runtime={}, course_id="t", uid="c1")
    assert problems == [] and 'data-calculator="commission-split"' in html
