"""Where a course uses each policy value: found by rendering its pages and by asking the rules, not by reading text.

- **Pages.** Every page of the course is rendered as a build renders it, with
  ``policy`` handed to the templates as a ``Reading``: a mapping that notes
  each value a template reads, by its key path (``attribution.follow_up_days``),
  however the template reached it (``{% set a = policy.attribution %}``, a
  loop over a table, a filter). Walking a whole mapping (a loop, ``.items()``,
  printing it) reads every value under it; ``scorecard_md(id)`` reads that card.
- **Derived figures.** A section may add keys made from its values
  (attribution's ``figures`` and ``rules``). Which values each is made from is
  asked of the rules themselves: each value is changed once, within its
  declared bounds, the section checked again, and the derived keys that
  changed are the ones made from it.
- **Calculators** read their whole section (``policy_catalog``'s
  ``calculators``), on the pages that embed them or show a worked answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import calculators
from calculators.policy import POLICY_SECTIONS

from .course import Course
from .render import Renderer

Path_ = tuple  # a key path: ("fines", "dumping", "min")


class Reading(dict):
    """A policy mapping that records, in ``reads``, the key path of every value read from it."""

    def __init__(self, data: Mapping[str, Any], reads: set[Path_], at: Path_ = ()) -> None:
        super().__init__(data)
        self._reads, self._at = reads, at

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, Mapping):
            return Reading(value, self._reads, (*self._at, key))  # a mapping is not read until a value in it is
        self._reads.add((*self._at, key))
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401  (self[key] records the read)

    def _whole(self) -> None:
        self._reads.add(self._at)

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return super().__iter__()

    def items(self):  # type: ignore[override]
        self._whole()
        return super().items()

    def values(self):  # type: ignore[override]
        self._whole()
        return super().values()

    def __repr__(self) -> str:
        self._whole()
        return super().__repr__()

    __str__ = __repr__


class _Recording(Renderer):
    """A build's renderer that notes what each page reads of the policy and which calculators answer on it."""

    def __init__(self, course: Course, policy: Mapping[str, Any], modules_dir: Path | None = None) -> None:
        super().__init__(course, policy, modules_dir)
        self.reads: set[Path_] = set()
        self.calcs: set[str] = set()

    def context(self, lang: str, module: str = "") -> dict[str, Any]:
        return {**super().context(lang, module), "policy": Reading(self.policy, self.reads)}

    def _calc(self, name: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        self.calcs.add(name)
        return super()._calc(name, payload)

    def _example(self, module: str, name: str, lang: str) -> dict[str, Any]:
        out = super()._example(module, name, lang)
        self.calcs.add(self._examples[module]._entry(name)[0])
        return out

    def _card_md(self, card_id: str, lang: str) -> str:
        self.reads.add(("scorecards", card_id))
        return super()._card_md(card_id, lang)

    def _policy_reference(self, lang: str) -> str:
        """A page showing the reference (whatever its module is called) is not rendered into it again: no recursion."""
        return ""


@dataclass(frozen=True)
class Uses:
    """What a course's pages read of its policy."""

    reads: dict[str, set[Path_]]  # module ("" = the home page) -> key paths read
    calculators: dict[str, set[str]]  # calculator name -> the modules that embed it or show its answers
    derived: dict[str, dict[Path_, set[Path_]]]  # section -> derived key path -> the value paths it is made from

    def pages(self, section: str, path: Path_) -> list[str]:
        """The modules that read the value at ``section.path``, a mapping holding it, a value in it, or a figure made from it."""
        full = (section, *path)
        made = [(section, *d) for d, sources in self.derived.get(section, {}).items()
                if any(_related(s, path) for s in sources)]
        return [module for module, seen in self.reads.items()
                if any(_related(r, full) or any(_related(r, d) for d in made) for r in seen)]


def _related(a: Path_, b: Path_) -> bool:
    """One path holds the other (or they are the same)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def find_uses(course: Course, policy: Mapping[str, Any], skip: tuple[str, ...] = (),
              modules_dir: Path | None = None) -> Uses:
    """Render every page of ``course`` (but the modules in ``skip``) and note what each reads of ``policy``."""
    course = dataclasses.replace(course, modules=tuple(m for m in course.modules if m not in skip))
    renderer = _Recording(course, policy, modules_dir)
    sources = renderer.sources()
    reads: dict[str, set[Path_]] = {}
    texts: dict[tuple[str, str], str] = {}
    calcs: dict[str, set[str]] = {}
    for module in ["", *course.modules]:
        for lang in course.languages:
            renderer.reads, renderer.calcs = set(), set()
            template = f"{module}/{lang}.md" if module else f"index.{lang}.md"
            text = renderer.render(template, lang, sources[f"{module or 'index'}.{lang}.md"])
            if module:
                texts[module, lang] = text
            reads.setdefault(module, set()).update(renderer.reads)
            for name in renderer.calcs:
                calcs.setdefault(name, set()).add(module)
    for key, modules in renderer.calculator_pages(texts).items():
        calcs.setdefault(key.split(".")[0], set()).update(modules)
    derived = {name: derived_from(section, policy[name]) for name, section in POLICY_SECTIONS.items()
               if name in policy}
    return Uses(reads, calcs, derived)


# ----------------------------------------------------------------- derived keys, asked of the rules

def derived_from(section: calculators.policy.PolicySection, cleaned: Mapping[str, Any]) -> dict[Path_, set[Path_]]:
    """Derived key path (``figures.helper_percent``) -> the value paths it is made from (``helper_share``)."""
    own = {key.name for key in getattr(section.shape, "keys", ())}
    base = {k: v for k, v in cleaned.items() if k in own}
    before = {k: v for k, v in cleaned.items() if k not in own}
    if not before or section.finish is None:
        return {}
    out: dict[Path_, set[Path_]] = {}
    leaves = [e for e in section.describe(base, base)["values"] if e["kind"] not in ("mapping", "table", "list")]
    for entry in leaves:
        path = tuple(entry["path"].split("."))
        for changed in _changes(entry, path, leaves, base):
            after, _problems = section.problems(changed)
            if after is None:
                continue
            for made in _differ(before, {k: after.get(k) for k in before}):
                out.setdefault(made, set()).add(path)
            break
    return out


def _changes(entry: dict[str, Any], path: Path_, leaves: list[dict[str, Any]], base: dict[str, Any]) -> Iterator[dict]:
    """The section with the value at ``path`` changed, within its bounds; then swapped with a sibling of its kind."""
    value = entry.get("value")
    for other in _other_values(entry, value):
        yield _with(base, path, other)
    for sibling in leaves:  # shares that must add up: swapping two keeps the sum
        spath = tuple(sibling["path"].split("."))
        if spath != path and spath[:-1] == path[:-1] and sibling["kind"] == entry["kind"] and sibling.get("value") != value:
            yield _with(_with(base, path, sibling.get("value")), spath, value)


def _other_values(entry: dict[str, Any], value: Any) -> list[Any]:
    kind = entry["kind"]
    if kind == "choice":
        return [c["value"] for c in entry.get("choices", []) if c["value"] != value][:1]
    if kind == "bilingual" and isinstance(value, Mapping):
        return [{lang: f"{text}·" for lang, text in value.items()}]
    if kind == "text" and isinstance(value, str):
        return [f"{value}·"]
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return []
    step = Decimal(str(entry.get("step") or ("0.01" if kind == "probability" else "1")))
    out = []
    for candidate in (number + step, number - step):
        low, high = entry.get("min"), entry.get("max")
        if (low is None or candidate >= Decimal(str(low))) and (high is None or candidate <= Decimal(str(high))):
            out.append(int(candidate) if isinstance(value, int) else str(candidate))
    return out


def _with(tree: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    out = dict(tree)
    out[path[0]] = _with(tree.get(path[0], {}), path[1:], value)
    return out


def _differ(a: Any, b: Any, at: Path_ = ()) -> Iterator[Path_]:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for key in dict.fromkeys([*a, *b]):
            yield from _differ(a.get(key), b.get(key), (*at, key))
    elif a != b:
        yield at
