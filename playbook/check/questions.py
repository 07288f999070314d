"""The self-check questions are consistent with the rules; the calculator blocks can be read."""

from __future__ import annotations

from ..checks import validate_course
from ..embed import find_blocks
from ..locate import nearest_line
from .pages import Course


def run(course: Course) -> list:
    from . import Problem

    problems = [Problem(e.path, e.line, e.what) for e in validate_course(course.course, course.policy)]
    for page in course.pages.values():
        for p in find_blocks("\n".join(page.rendered))[1]:
            problems.append(Problem(page.template, nearest_line(page.rendered, p.line, page.source), p.what))
    return problems
