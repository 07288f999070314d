"""Course -> plain Markdown pages: each module's zh/en template rendered by Jinja2.

Templates are rendered with ``StrictUndefined``: a missing variable fails the
build with the template's file and line. The output is plain Markdown, with
calculator blocks left as fenced blocks for the site engine's plugin.

A template sees ``policy`` (every figure a page states comes from it),
``calc(name, payload)`` (a calculator's answer now), ``example(name)`` (its
module's worked example, ``playbook.examples``), ``term(name)`` (a glossary
term, ``playbook.glossary``), ``policy_reference()`` (the trainers' table of
every policy value, ``playbook.policy_table``) and the filters of
``playbook.prose`` (``yuan``, ``amount``, ``pct``, ``day``).
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

import calculators

from . import glossary, paths
from .calc_index import PAGE as CALC_PAGE, TITLE as CALC_TITLE, calculators_markdown, entries as calc_entries
from .chapter import frame
from .checks import checks_file, enabled, grade_course
from .course import Course
from .examples import Examples, load_examples
from .progress_page import PAGE as PROGRESS_PAGE, TITLE as PROGRESS_TITLE, progress_markdown
from .prose import FILTERS
from .scorecard_md import card_link, card_markdown
from .yamlfile import Located, SourceError, load, read_text


@dataclass(frozen=True)
class Module:
    name: str
    title: dict[str, str]
    summary: dict[str, str]
    sources: tuple[str, ...]
    calculators: tuple[str, ...]
    # What a reader can do after the chapter (opens it) and its summary (closes it): lang -> points.
    objectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    recap: dict[str, tuple[str, ...]] = field(default_factory=dict)


# key -> (fewest, most points) for the lists a chapter opens and closes with
POINTS = {"objectives": (2, 4), "recap": (2, 5)}


def _points(doc: Located, key: str, value: Any) -> dict[str, tuple[str, ...]]:
    low, high = POINTS[key]
    ok = isinstance(value, dict) and set(value) == {"zh", "en"} and all(
        isinstance(value[lang], list) and low <= len(value[lang]) <= high
        and all(isinstance(p, str) and p.strip() for p in value[lang]) for lang in ("zh", "en"))
    if not ok or len(value["zh"]) != len(value["en"]):
        raise doc.error((key,), f"'{key}' must be a mapping with zh and en lists of {low} to {high} points, "
                                f"the same number in each; found {value!r}")
    return {lang: tuple(p.strip() for p in value[lang]) for lang in ("zh", "en")}


def load_module(name: str, modules_dir: Path | None = None) -> Module:
    doc = load((modules_dir or paths.MODULES) / name / "module.yaml")
    data = doc.data if isinstance(doc.data, dict) else {}
    for key in ("title", "summary"):
        value = data.get(key)
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) for lang in ("zh", "en")):
            raise doc.error((key,), f"'{key}' must be a mapping with zh and en text; found {value!r}")
    known = calculators.catalog()
    calcs = data.get("calculators") or []
    if not isinstance(calcs, list):
        raise doc.error(("calculators",), f"'calculators' must be a list of calculator names ({', '.join(known)}); found {calcs!r}")
    for i, calc in enumerate(calcs):
        if calc not in known:
            raise doc.error(("calculators", i), f"unknown calculator {calc!r}; known: {', '.join(known)}")
    sources = data.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(x, str) for x in sources):
        raise doc.error(("sources",), f"'sources' must be a list of source references such as S12; found {sources!r}")
    lists = {key: _points(doc, key, data[key]) for key in POINTS if key in data}
    return Module(name, data["title"], data["summary"], tuple(sources), tuple(calcs), **lists)


class _SourceLoader(jinja2.FileSystemLoader):
    """Templates read like every other source file: UTF-8, or a SourceError naming the byte."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for base in self.searchpath:
            path = Path(base, *template.split("/"))
            if path.is_file():
                text = read_text(path)
                mtime = path.stat().st_mtime
                return text, str(path), lambda path=path, mtime=mtime: path.is_file() and path.stat().st_mtime == mtime
        raise jinja2.TemplateNotFound(template)


def environment(modules_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment pages are rendered in: templates from the modules and the site folder."""
    env = jinja2.Environment(
        loader=_SourceLoader([str(modules_dir or paths.MODULES), str(paths.SRC / "site")]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def _template_error(err: Exception, fallback: Path) -> SourceError:
    """Turn a Jinja2 error (or any error a template expression raised) into 'file:line: what' for the trainer."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        return SourceError(err.filename or fallback, err.lineno, f"template syntax: {err.message}")
    if isinstance(err, jinja2.TemplateNotFound):
        what = f"no template {err.name!r} to include (paths start at the modules folder, e.g. 'qualification/zh.md')"
    elif isinstance(err, jinja2.TemplateError):
        what = f"template error: {err}"
    else:
        what = f"template error: {type(err).__name__}: {err}"
    for entry in reversed(traceback.extract_tb(err.__traceback__)):
        if entry.filename.endswith(".md"):
            return SourceError(entry.filename, entry.lineno, what)
    return SourceError(fallback, None, what)


class Renderer:
    """Renders one course's pages, in each of its languages."""

    def __init__(self, course: Course, policy: Mapping[str, Any], modules_dir: Path | None = None,
                 env: jinja2.Environment | None = None) -> None:
        self.course = course
        self.policy = policy
        self.modules_dir = modules_dir or paths.MODULES
        # ``env``: one kept by a long-lived process (playbook serve), which compiles each template once
        self.env = env or environment(self.modules_dir)
        self.modules = [load_module(name, self.modules_dir) for name in course.modules]
        self._examples: dict[str, Examples] = {}
        self._terms: set[str] | None = None
        self._reference: list | None = None
        self.made_from_every_page = False  # the page being rendered shows what every other page uses

    def _calc(self, name: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        """``calc(name, payload)`` for templates: the rules' own answer, at build time."""
        if name not in calculators.REGISTRY:
            raise jinja2.UndefinedError(f"calc(): unknown calculator {name!r}")
        out = calculators.run(name, dict(payload), self.policy)
        if not out["ok"]:
            raise jinja2.UndefinedError(f"calc({name!r}) failed: " + "; ".join(e["message"] for e in out["errors"]))
        return out

    def _example(self, module: str, name: str, lang: str) -> dict[str, Any]:
        """``example(name)`` for templates: the module's worked example, with the calculator's answer."""
        if module not in self._examples:
            self._examples[module] = load_examples(module, self.modules_dir)
        try:
            return self._examples[module].get(name, lang, self.policy)
        except KeyError as err:
            raise jinja2.UndefinedError(str(err.args[0])) from None

    def context(self, lang: str, module: str = "") -> dict[str, Any]:
        return {
            "lang": lang,
            "policy": self.policy,
            "course": {
                "id": self.course.id,
                "title": self.course.title[lang],
                "audience": self.course.audience[lang],
                "modules": [{"name": m.name, "title": m.title[lang], "summary": m.summary[lang]} for m in self.modules],
                # whether any chapter of this course ends with self-check questions
                "checks": any(enabled(self.course, m.name) and checks_file(m.name, self.modules_dir).is_file()
                              for m in self.modules),
            },
            "calc": self._calc,
            "example": lambda name: self._example(module, name, lang),
            "scorecards": self.policy.get("scorecards", {}),
            "scorecard_md": lambda card_id: self._card_md(card_id, lang),
            "scorecard_link": lambda card_id: card_link(
                card_id, self.policy.get("scorecards", {}), "scorecards" in self.course.modules, lang),
            "term": lambda name, shown=None: self._term(name, shown),
            "policy_reference": lambda: self._policy_reference(lang),
        }

    def glossary_terms(self) -> set[str]:
        """The terms the glossary defines, in both languages (``playbook.glossary``)."""
        if self._terms is None:
            self._terms = set()
            for lang in ("zh", "en"):
                template = f"{glossary.MODULE}/{lang}.md"
                self._terms |= glossary.defined(self.render(template, lang, self.modules_dir / template))
        return self._terms

    def _term(self, name: str, shown: str | None) -> str:
        """``term(name)`` for templates: a glossary term, linked to the glossary when the course has it."""
        if name not in self.glossary_terms():
            raise jinja2.UndefinedError(f"term({name!r}): the glossary does not define this term; "
                                        f"add it to the glossary's tables or name a term it has")
        return glossary.link(name, shown, glossary.MODULE in self.course.modules)

    def _policy_reference(self, lang: str) -> str:
        """``policy_reference()`` for templates: every policy value and where this course uses it (``playbook.policy_table``)."""
        from .policy_table import MODULE, markdown, reference
        from .policy_uses import find_uses

        if self._reference is None:
            uses = find_uses(self.course, self.policy, skip=(MODULE,), modules_dir=self.modules_dir)
            self._reference = reference(self.course, uses)
        self.made_from_every_page = True
        titles = {m.name: m.title[lang] for m in self.modules}
        return markdown(self._reference, lang, titles, set(self.course.modules))

    def _card_md(self, card_id: str, lang: str) -> str:
        """``scorecard_md(id)`` for templates: the card's rules as Markdown."""
        cards = self.policy.get("scorecards", {})
        if card_id not in cards:
            raise jinja2.UndefinedError(f"scorecard_md(): no scorecard {card_id!r} in this course; on: {', '.join(cards) or '(none)'}")
        return card_markdown(cards[card_id], lang)

    def render(self, template: str, lang: str, fallback: Path) -> str:
        try:
            page = self.env.get_template(template)
        except jinja2.TemplateNotFound as err:
            raise SourceError(fallback, None, f"missing page template {err.name!r}") from None
        except jinja2.TemplateSyntaxError as err:
            raise _template_error(err, fallback) from None
        module = template.split("/")[0] if "/" in template else ""
        try:
            return page.render(self.context(lang, module))
        except SourceError:
            raise
        except Exception as err:  # {{ 1 / 0 }}, {{ [].pop() }}, a missing {% include %}: the trainer's line, not a traceback
            raise _template_error(err, fallback) from None

    def sources(self) -> dict[str, Path]:
        """Output path (``qualification.en.md``) -> the template file it is rendered from (the print view has none)."""
        out: dict[str, Path] = {}
        for lang in self.course.languages:
            out[f"index.{lang}.md"] = paths.SRC / "site" / f"index.{lang}.md"
            for module in self.modules:
                out[f"{module.name}.{lang}.md"] = self.modules_dir / module.name / f"{lang}.md"
        return out

    def pages(self) -> dict[str, str]:
        """Output path (``qualification.en.md``) -> Markdown, for every page and language."""
        out: dict[str, str] = {}
        texts: dict[tuple[str, str], str] = {}
        sources = self.sources()
        for lang in self.course.languages:
            out[f"index.{lang}.md"] = self.render(f"index.{lang}.md", lang, sources[f"index.{lang}.md"])
            for module in self.modules:
                path = sources[f"{module.name}.{lang}.md"]
                texts[module.name, lang] = self.render(f"{module.name}/{lang}.md", lang, path)
        graded = self.graded()
        calc_pages = self.calculator_pages(texts)
        for lang in self.course.languages:
            chapters = []
            for module in self.modules:
                common = {"module": module.name, "course_id": self.course.id, "lang": lang,
                          "objectives": module.objectives, "recap": module.recap}
                text = texts[module.name, lang]
                out[f"{module.name}.{lang}.md"] = (front_matter(description=module.summary[lang])
                                                   + frame(text, graded=graded[module.name], calc_pages=calc_pages, **common))
                chapters.append(frame(text, marker=False, **common))
            if self.has_calculators:
                out[f"{CALC_PAGE}.{lang}.md"] = calculators_markdown(calc_entries(self.modules, texts, self.policy, lang), lang)
            out[f"{PROGRESS_PAGE}.{lang}.md"] = progress_markdown(self.course, self.modules, graded, lang)
            out[f"{PRINT_PAGE}.{lang}.md"] = print_view(self.course.title[lang], chapters, lang)
        return out

    def graded(self) -> dict[str, list]:
        """Module -> its self-check questions, graded under this course's policy (``checks.grade_course``)."""
        return grade_course(self.course, self.policy, self.modules_dir)

    def calculator_pages(self, texts: Mapping[tuple[str, str], str]) -> dict[str, tuple[str, ...]]:
        """Calculator key (``commission-split``, ``scorecard.key-account``) -> the modules whose page embeds it."""
        from .embed import find_blocks

        found: dict[str, list[str]] = {}
        for module in self.modules:
            for block in find_blocks(texts[module.name, self.course.default_lang])[0]:
                try:
                    spec = calculators.page_spec(block.name, block.preset, self.policy, "en")
                except ValueError:
                    continue  # the site build reports a bad preset with its page and line
                key = f"{block.name}.{spec['card']}" if spec.get("card") else block.name
                if module.name not in found.setdefault(key, []):
                    found[key].append(module.name)
        return {key: tuple(pages) for key, pages in found.items()}

    @property
    def has_calculators(self) -> bool:
        """Whether any chapter of the course has a calculator (then it gets the calculators page)."""
        return any(m.calculators for m in self.modules)

    def nav(self) -> list[dict[str, str] | str]:
        lang = self.course.default_lang
        calcs = [{CALC_TITLE[lang]: f"{CALC_PAGE}.md"}] if self.has_calculators else []
        return [
            # titled here, not by the page's heading: a dirty rebuild (playbook serve) reads no other page
            {self.course.title[lang]: "index.md"},
            *[{m.title[lang]: f"{m.name}.md"} for m in self.modules],
            *calcs,
            {PROGRESS_TITLE[lang]: f"{PROGRESS_PAGE}.md"},
            {PRINT_TITLE[lang]: f"{PRINT_PAGE}.md"},
        ]

    @staticmethod
    def generated_titles(lang: str) -> dict[str, str]:
        """The generated pages' nav titles in ``lang`` -> in English (for the language switch's nav)."""
        return {PROGRESS_TITLE[lang]: PROGRESS_TITLE["en"], PRINT_TITLE[lang]: PRINT_TITLE["en"], CALC_TITLE[lang]: CALC_TITLE["en"]}


def front_matter(**meta: Any) -> str:
    """A page's YAML front matter: its search-result and link-preview ``description``, ``search`` options."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


PRINT_PAGE = "print"
PRINT_TITLE = {"zh": "打印版（整门课程）", "en": "Print view (whole course)"}
_PRINT_INTRO = {
    "zh": "这一页把本课程的所有章节放在一起，方便打印成讲义（用浏览器的“打印”即可）。计算器只在线上版本里。",
    "en": "This page puts every chapter of the course together, to print as a handout (use the browser's Print). The calculators live in the online version.",
}
_PRINT_CALC = {
    "zh": '!!! note "计算器"\n    在线版本的这个位置有一个计算器。',
    "en": '!!! note "Calculator"\n    The online version has a calculator here.',
}


def print_view(title: str, chapters: list[str], lang: str) -> str:
    """One page with every chapter, headings moved down a level, calculators noted, not embedded.

    It is left out of the search: every chapter is found on its own page.
    """
    from .embed import FENCE

    parts = [f"{front_matter(search={'exclude': True})}# {title}\n\n{_PRINT_INTRO[lang]}\n"]
    for text in chapters:
        text = FENCE.sub(lambda m: _PRINT_CALC[lang], text)
        lines, fenced = [], False
        for line in text.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if not fenced and line.startswith("#"):
                line = "#" + line
            lines.append(line)
        parts.append('<div class="pb-print-chapter" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n")
    return "\n".join(parts)
