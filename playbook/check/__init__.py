"""``playbook check``: a course's mistakes found in seconds, without building a site.

Each check is a small module with one function, ``run(course: Course) -> list[Problem]``,
listed in ``CHECKS``:

- ``parity``: each chapter's Chinese and English pages have the same headings,
  list items, table rows, numbers, calculator blocks and checklist items;
- ``figures``: a figure typed in a page that is a policy value next to its
  unit (``7 天`` where the policy's follow-up window is 7 days) should be read
  from the policy, so that a course that changes it changes the page;
- ``links``: links between pages go to pages the course has;
- ``glossary``: every ``term()`` a page names is one the glossary defines;
- ``questions``: the self-check questions are consistent with the rules
  (``checks.validate_course``), and the calculator blocks can be read.

Pages are rendered (Jinja2, as a build does, under the course's policy) but
never handed to MkDocs. A problem is one line, ``file:line: what``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..course import load_course
from ..yamlfile import SourceError
from .pages import Course, read_course


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    what: str

    def __str__(self) -> str:
        path = self.path
        shown = path.relative_to(paths.ROOT) if path.is_absolute() and path.is_relative_to(paths.ROOT) else path
        return f"{shown}:{self.line}: {self.what}" if self.line else f"{shown}: {self.what}"


def _checks():
    from . import figures, glossary, links, parity, questions

    return (parity, figures, links, glossary, questions)


def check_course(course_file: Path | str) -> list[Problem]:
    """Every problem of one course, in file and line order."""
    try:
        course = read_course(load_course(course_file))
    except SourceError as err:
        return [Problem(err.path, err.line, err.what) for err in getattr(err, "problems", None) or [err]]
    found = [p for check in _checks() for p in check.run(course)]
    located = {(p.path, p.line) for p in found}
    # a page that could not be rendered, unless a check says more precisely why (an unknown glossary term)
    problems = [p for p in course.problems if (p.path, p.line) not in located] + found
    return sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line or 0))


__all__ = ["Course", "Problem", "check_course"]
