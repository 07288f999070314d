"""What the checks read: a course's pages rendered as a build renders them, each with its template."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..course import Course as CourseFile
from ..policy import load_policy
from ..render import Renderer
from ..yamlfile import SourceError, read_text


@dataclass(frozen=True)
class Page:
    module: str  # "" for the home page
    lang: str
    template: Path
    source: list[str]  # the template's lines
    rendered: list[str]  # the page's Markdown lines, before the chapter frame


class _Renderer(Renderer):
    """A build's renderer, except that a term the glossary lacks is left as text: the glossary check names it."""

    def _term(self, name: str, shown: str | None) -> str:
        try:
            return super()._term(name, shown)
        except jinja2.UndefinedError:
            return shown or name


@dataclass
class Course:
    course: CourseFile
    policy: dict[str, Any]
    renderer: Renderer
    pages: dict[tuple[str, str], Page] = field(default_factory=dict)
    problems: list = field(default_factory=list)


def read_course(course: CourseFile) -> Course:
    """Render every page of ``course``; a page that cannot be rendered is a problem, the rest are read."""
    from . import Problem

    policy = load_policy(course.policy, overrides_file=course.source)
    renderer = _Renderer(course, policy)
    out = Course(course, policy, renderer)
    names = [("", f"index.{lang}.md", lang) for lang in course.languages]
    names += [(m, f"{m}/{lang}.md", lang) for m in course.modules for lang in course.languages]
    sources = renderer.sources()
    for module, template, lang in names:
        path = sources[f"{module or 'index'}.{lang}.md"]
        try:
            text = renderer.render(template, lang, path)
            source = read_text(path).splitlines()
        except SourceError as err:
            out.problems.append(Problem(err.path, err.line, err.what))
            continue
        out.pages[module, lang] = Page(module, lang, path, source, text.splitlines())
    return out
