"""Worked examples kept once (modules/<m>/examples.yaml): prose, tables and calculator presets read one payload."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from playbook import paths
from playbook.course import available_modules
from playbook.embed import find_blocks
from playbook.examples import load_examples
from playbook.render import Renderer
from playbook.yamlfile import SourceError


def course(*modules):
    return SimpleNamespace(id="t", title={"zh": "课", "en": "C"}, audience={"zh": "", "en": ""},
                           languages=("zh", "en"), modules=modules, default_lang="zh")


def module_dir(tmp_path, examples: str, page: str = "{{ example('a').preset }}\n"):
    d = tmp_path / "m"
    d.mkdir()
    (d / "module.yaml").write_text("title: {zh: 标题, en: Title}\nsummary: {zh: 摘要, en: Summary}\n", encoding="utf-8")
    (d / "examples.yaml").write_text(examples, encoding="utf-8")
    for lang in ("zh", "en"):
        (d / f"{lang}.md").write_text(page, encoding="utf-8")
    return tmp_path


def render(modules_dir, policy, lang="zh"):
    return Renderer(course("m"), policy, modules_dir).render(f"m/{lang}.md", lang, modules_dir / "m" / f"{lang}.md")


QUAL = "a:\n  calculator: qualification\n  payload: {money: 'yes', authority: 'no', need: {zh: 'yes', en: 'no'}}\n"


def test_text_in_both_languages_is_read_in_the_page_language(tmp_path, policy):
    """A {zh, en} value becomes the page language's text before the calculator runs; the preset is the payload, without lang."""
    d = module_dir(tmp_path, QUAL)
    zh = load_examples("m", d).get("a", "zh", policy)
    en = load_examples("m", d).get("a", "en", policy)
    assert zh["payload"]["need"] == "yes" and en["payload"]["need"] == "no"
    assert zh["result"]["cell"] == "MaN" and en["result"]["cell"] == "Man"
    assert json.loads(zh["preset"]) == zh["payload"] and "lang" not in zh["payload"]
    assert render(d, policy, "en") == en["preset"] + "\n"


def test_from_and_add_extend_another_example(tmp_path, policy):
    """`from` starts from another example's payload; `add` appends rows to its lists and replaces other values."""
    d = module_dir(tmp_path, "base:\n  calculator: funnel\n  payload:\n    target: '600000'\n    average_deal: '120000'\n"
                             "    stages: [{stage: L, rate: '0.5'}]\n"
                             "more:\n  from: base\n  add: {target: '1200000', stages: [{stage: P, rate: '0.5'}]}\n")
    ex = load_examples("m", d).get("more", "zh", policy)
    assert [s["stage"] for s in ex["payload"]["stages"]] == ["L", "P"] and ex["payload"]["target"] == "1200000"
    assert ex["result"]["top"] == 40  # 1,200,000 / 120,000 = 10 deals, / 0.5 / 0.5
    assert load_examples("m", d).get("base", "zh", policy)["payload"]["target"] == "600000"


@pytest.mark.parametrize("text,line,fragment", [
    ("a:\n  calculator: qualificaton\n  payload: {}\n", 2, "unknown calculator 'qualificaton'"),
    ("a:\n  calculator: qualification\n  paylod: {}\n", 3, "unknown key 'paylod'"),
    ("a:\n  calculator: qualification\n  payload: {money: 1.5}\n", 1, "gives errors"),
    ("a:\n  from: b\nb:\n  from: a\n", 4, "comes from itself"),
])
def test_a_bad_example_names_the_file_and_line(tmp_path, policy, text, line, fragment):
    """Mistakes in examples.yaml stop the build with the file, the line and what is wrong."""
    d = module_dir(tmp_path, text)
    with pytest.raises(SourceError) as err:
        render(d, policy)
    assert err.value.path == d / "m" / "examples.yaml" and err.value.line == line and fragment in err.value.what


def test_an_unknown_example_names_the_page_and_the_known_ones(tmp_path, policy):
    """example('nope') fails at the template's line, listing the module's examples."""
    d = module_dir(tmp_path, QUAL, "# t\n\n{{ example('nope').preset }}\n")
    with pytest.raises(SourceError) as err:
        render(d, policy)
    assert err.value.path.name == "zh.md" and err.value.line == 3 and "'nope'" in err.value.what and "a" in err.value.what


@pytest.mark.parametrize("module", [m for m in available_modules() if (paths.MODULES / m / "examples.yaml").is_file()])
def test_every_shipped_example_is_used_and_presets_its_calculator(module, policy):
    """Each example of a shipped module is read by both its pages; a block of an example's calculator starts from an example."""
    examples = load_examples(module, paths.MODULES)
    r = Renderer(course(module), policy)
    for lang in ("zh", "en"):
        source = (paths.MODULES / module / f"{lang}.md").read_text(encoding="utf-8")
        assert all(f'example("{name}")' in source for name in examples.names), (module, lang)
        blocks, problems = find_blocks(r.render(f"{module}/{lang}.md", lang, paths.MODULES / module / f"{lang}.md"))
        got = [examples.get(name, lang, policy) for name in examples.names]
        worked = [b for b in blocks if b.name in {e["calculator"] for e in got}]
        assert problems == [] and all(b.preset in [e["payload"] for e in got] for b in worked), (module, lang)


def test_story_figures_fit_the_computed_answer(policy):
    """The trade-show story books no more visits than the calculator puts on the day-one list."""
    ex = load_examples("trade-show", paths.MODULES).get("home-show", "en", policy)
    day_one = [row for row in ex["result"]["ranking"] if row["when"] == "Day one"]
    assert 0 < ex["story"]["booked"] <= len(day_one)
