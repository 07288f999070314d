"""Pages rendered again only when what they were rendered from changed (``playbook serve``).

A ``LiveRenderer`` is a ``Renderer`` whose templates and graded questions are
remembered between rebuilds, with what each depended on: the template files
it loaded (its includes too), its module's ``examples.yaml`` and
``checks.yaml``, and the very course and policy objects it saw. The preview
keeps those objects until the course file, the policy or a scorecard changes,
so a saved ``zh.md`` re-renders that page and nothing else.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..checks import CheckErrors, checks_file, grade_modules
from ..examples import FILE as EXAMPLES
from ..render import Renderer


def stamp(path: Path) -> tuple[int, int] | None:
    """What tells a changed file from an unchanged one: modification time and size (None: no such file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@dataclass(frozen=True)
class _Remembered:
    value: Any
    course: Any
    policy: Any
    deps: dict[Path, tuple[int, int] | None]

    def valid(self, course: Any, policy: Any) -> bool:
        return course is self.course and policy is self.policy and all(stamp(p) == s for p, s in self.deps.items())


@dataclass
class Memo:
    """What the preview remembers between rebuilds: rendered templates and graded questions."""

    renders: dict[tuple[str, str], _Remembered] = dataclasses.field(default_factory=dict)
    grades: dict[str, _Remembered] = dataclasses.field(default_factory=dict)
    rendered: list[str] = dataclasses.field(default_factory=list)  # templates rendered by the last rebuild


class LiveRenderer(Renderer):
    def __init__(self, course: Any, policy: Any, env: jinja2.Environment, memo: Memo) -> None:
        super().__init__(course, policy, env=env)
        self.memo = memo
        memo.rendered = []

    def render(self, template: str, lang: str, fallback: Path) -> str:
        hit = self.memo.renders.get((template, lang))
        if hit is not None and hit.valid(self.course, self.policy):
            return hit.value
        loaded: list[str] = [template]
        get_template = self.env.get_template

        def recording(name: Any, *args: Any, **kwargs: Any) -> jinja2.Template:
            loaded.append(str(name))
            return get_template(name, *args, **kwargs)

        self.env.get_template = recording  # includes ask the environment for their template too
        try:
            text = super().render(template, lang, fallback)
        finally:
            del self.env.get_template
        if self.made_from_every_page:  # the policy reference: rendered again on every rebuild
            self.made_from_every_page = False
            return text
        deps = {path: stamp(path) for path in self._files(loaded)}
        if "/" in template:
            examples = self.modules_dir / template.split("/")[0] / EXAMPLES
            deps[examples] = stamp(examples)
        self.memo.renders[template, lang] = _Remembered(text, self.course, self.policy, deps)
        self.memo.rendered.append(f"{template} ({lang})")
        return text

    def _files(self, names: list[str]) -> list[Path]:
        out = []
        for name in dict.fromkeys(names):
            for base in self.env.loader.searchpath:
                path = Path(base, *name.split("/"))
                if path.is_file():
                    out.append(path)
                    break
        return out

    def graded(self) -> dict[str, list]:
        """As ``Renderer.graded``, each module's questions graded again only when its checks file changed."""
        out: dict[str, list] = {}
        problems = []
        for module in self.course.modules:
            hit = self.memo.grades.get(module)
            if hit is not None and hit.valid(self.course, self.policy):
                out[module] = hit.value
                continue
            path = checks_file(module, self.modules_dir)
            graded, found = grade_modules(dataclasses.replace(self.course, modules=(module,)), self.policy, self.modules_dir)
            out[module] = graded[module]
            problems += found
            if not found:
                self.memo.grades[module] = _Remembered(graded[module], self.course, self.policy, {path: stamp(path)})
        if problems:
            raise CheckErrors(problems)
        return out
