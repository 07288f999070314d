"""Every glossary term a page names (``term("撞单")``) is one the glossary defines."""

from __future__ import annotations

from .. import glossary
from ..yamlfile import SourceError, read_text
from .pages import Course


def run(course: Course) -> list:
    from . import Problem

    try:
        terms = course.renderer.glossary_terms()
    except SourceError as err:
        return [Problem(err.path, err.line, err.what)]
    problems = []
    templates = sorted({page.template.parent for page in course.pages.values() if page.module})
    for folder in templates:
        for path in sorted(folder.glob("*.md")):
            for n, line in enumerate(read_text(path).splitlines(), start=1):
                for m in glossary.CALL.finditer(line):
                    if m.group("term") not in terms:
                        problems.append(Problem(path, n, f"the glossary term {m.group('term')!r} is used here but "
                                                         "the glossary does not define it"))
    return problems
