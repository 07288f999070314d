"""Wording the issue pinned: the glossary's terms, the §S2 lists, one English word for 老客户, no zone id in Chinese."""

from __future__ import annotations

import json
import re

import pytest

import calculators
from playbook import paths
from playbook.course import load_course
from playbook.render import Renderer

TERMS = ("充公", "甩客", "无效客户", "补接", "乐捐", "加权预测", "覆盖率", "评分卡", "一票否决", "负值客户", "喊控", "老客户")


@pytest.fixture(scope="module")
def pages(policy):
    """Every page of the default course (which has every module), both languages."""
    course = load_course(paths.COURSES / "new-hire.yaml")
    return Renderer(course, policy).pages()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_defines_every_term_the_chapters_use(pages, policy, lang):
    """Each term has its own row with pinyin, English and a meaning in both languages; 乐捐 states its amount."""
    text = pages[f"glossary.{lang}.md"]
    rows = {r.split("|")[1].strip(): [c.strip() for c in r.split("|")[2:-1]] for r in text.splitlines() if r.startswith("| ")}
    for term in TERMS:
        assert term in rows and all(rows[term]), term
    fine = policy["attribution"]["figures"]["fine_not_asking"]
    assert f"{fine} 元" in rows["乐捐"][2] and f"{fine} yuan" in rows["乐捐"][3]
    assert rows["老客户"][1] == "returning customer"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_headings_have_their_lists(pages, lang):
    """§S2 gives two headings without lists: the playbook's lists have ten points and 15 danger signals."""
    text = pages[f"keeping-customers.{lang}.md"]
    sections = {s.split("\n", 1)[0]: s for s in text.split("\n## ")}
    ten = next(s for h, s in sections.items() if h in ("接待客户的十项注意", "Ten points when receiving customers"))
    signals = next(s for h, s in sections.items() if h in ("关系变冷的 15 个信号", "15 signs a relationship is cooling"))
    assert len(re.findall(r"^\d+\. ", ten, re.M)) == 10
    assert len(re.findall(r"^- \[ \] ", signals, re.M)) == 15


def test_english_says_returning_customer(pages, policy):
    """No English page, rule or calculator text calls 老客户 an "old customer"."""
    english = [t for name, t in pages.items() if name.endswith(".en.md")]
    english += [r["en"] for r in policy["attribution"]["rules"].values()]
    english.append(json.dumps(calculators.catalog()["commission-split"]))
    from calculators.attribution.rules import REASONS

    english += [r["en"] for r in REASONS.values()]
    assert not [t for t in english if re.search(r"\bold customers?\b", t, re.I)]


def test_chinese_prose_names_no_zone_id(pages):
    """Chinese pages name the time zone in Chinese (北京时间), never as Asia/Shanghai (UTC+08:00)."""
    for name, text in pages.items():
        if name.endswith(".zh.md"):
            prose = re.sub(r"```calculator.*?```", "", text, flags=re.S)
            assert "Asia/Shanghai" not in prose and "UTC+08:00" not in prose, name


def test_no_label_help_or_choice_cites_the_source_material():
    """What a form shows (every calculator's and policy value's label, help and choices, zh and en) has no "§S" citation."""
    shown = [calculators.catalog("zh"), calculators.catalog("en"), calculators.policy_catalog()]
    cited = re.findall(r".{0,40}§S\d+.{0,20}", json.dumps(shown, ensure_ascii=False))
    assert not cited, cited
