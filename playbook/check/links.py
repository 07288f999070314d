"""Links between pages go to pages the course has."""

from __future__ import annotations

import re

from ..locate import nearest_line
from ..progress_page import PAGE as PROGRESS
from ..render import PRINT_PAGE
from .pages import Course

LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def run(course: Course) -> list:
    from . import Problem

    pages = {"index", PROGRESS, PRINT_PAGE, *course.course.modules}
    problems = []
    for page in course.pages.values():
        for n, line in enumerate(page.rendered, start=1):
            for m in LINK.finditer(line):
                target = m.group("target")
                if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", target, re.I):  # another site, the site root, this page
                    continue
                name = target.split("#", 1)[0]
                if not name.endswith(".md"):
                    continue
                stem = name[: -len(".md")].removesuffix("/index")
                if stem.rsplit(".", 1)[-1] in ("zh", "en"):
                    stem = stem.rsplit(".", 1)[0]
                if stem not in pages:
                    why = "a module this course does not have" if stem in _modules() else "no page of this name"
                    typed = [k for k, text in enumerate(page.source, start=1) if f"({target}" in text]
                    where = typed[0] if len(typed) == 1 else nearest_line(page.rendered, n, page.source)
                    problems.append(Problem(page.template, where,
                                            f"the link to '{target}' is broken: {why} (this course's pages: "
                                            f"{', '.join(sorted(pages))})"))
    return problems


def _modules() -> set[str]:
    from ..course import available_modules

    return set(available_modules())
