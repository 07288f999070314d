"""Course files: which modules, for whom, in which languages, under which policy.

A course file is YAML validated against ``SCHEMA`` below; every problem names
the file, the line, what was expected and what was found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import brand, paths
from .yamlfile import Located, SourceError, load

LANGS = ("zh", "en")
COLOURS = tuple(brand.PRIMARY)  # Material's palette names; a course may also give #rrggbb

# key -> (required, description of what is expected)
SCHEMA: dict[str, tuple[bool, str]] = {
    "title": (True, "a mapping with zh and en text, e.g. {zh: 新人销售手册, en: Sales playbook}"),
    "audience": (False, "a mapping with zh and en text"),
    "languages": (False, "a list drawn from zh, en; the first is the default"),
    "modules": (True, "a list of module names from playbook_src/modules/"),
    "policy": (False, "policy overrides: section -> key -> value"),
    "branding": (False, "a mapping with name {zh, en}, primary and accent colours (a palette name or #rrggbb)"),
    "checks": (False, "true, false, or a mapping of module names to true/false: which modules end with self-check questions"),
}


@dataclass(frozen=True)
class Course:
    id: str
    path: Path
    title: dict[str, str]
    audience: dict[str, str]
    languages: tuple[str, ...]
    modules: tuple[str, ...]
    policy: dict[str, Any]
    branding: dict[str, Any]
    source: Located = field(repr=False, compare=False)
    # What the build should tell the trainer (a brand colour made darker to be readable), each "file:line: what".
    notes: tuple[str, ...] = ()
    # Which modules end with their self-check questions: a bool for all, or module -> bool (default on).
    checks: bool | dict[str, bool] = True

    @property
    def default_lang(self) -> str:
        return self.languages[0]


def available_modules(modules_dir: Path | None = None) -> list[str]:
    base = modules_dir or paths.MODULES
    return sorted(p.name for p in base.iterdir() if (p / "module.yaml").is_file()) if base.is_dir() else []


def _bilingual(doc: Located, key: str, value: Any, langs: tuple[str, ...]) -> dict[str, str]:
    if isinstance(value, str):
        return {lang: value for lang in LANGS}
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in langs):
        raise doc.error((key,), f"'{key}' must be {SCHEMA[key][1]}, with text for {', '.join(langs)}; found {value!r}")
    return {lang: value.get(lang) or value[langs[0]] for lang in LANGS}


def load_course(path: Path | str, modules_dir: Path | None = None) -> Course:
    """Read and check a course file; raises SourceError naming file and line."""
    doc = load(path)
    data = doc.data
    if not isinstance(data, dict):
        raise SourceError(doc.path, 1, "a course file must be a mapping of keys (title, modules, ...)")
    for key in data:
        if key not in SCHEMA:
            raise doc.error((key,), f"unknown key {key!r}; expected one of: {', '.join(SCHEMA)}")
    for key, (required, what) in SCHEMA.items():
        if required and key not in data:
            raise SourceError(doc.path, 1, f"missing key {key!r}: expected {what}")
    languages = data.get("languages", list(LANGS))
    if (not isinstance(languages, list) or not languages or len(set(languages)) != len(languages)
            or any(lang not in LANGS for lang in languages)):
        raise doc.error(("languages",), f"'languages' must be {SCHEMA['languages'][1]}; found {languages!r}")
    langs = tuple(languages)
    modules = data["modules"]
    known = available_modules(modules_dir)
    if not isinstance(modules, list) or not modules:
        raise doc.error(("modules",), f"'modules' must be {SCHEMA['modules'][1]}; found {modules!r}")
    for i, name in enumerate(modules):
        if name not in known:
            raise doc.error(("modules", i), f"unknown module {name!r}; available modules: {', '.join(known)}")
    if len(set(modules)) != len(modules):
        raise doc.error(("modules",), "a module is listed twice")
    policy = data.get("policy") or {}
    if not isinstance(policy, dict):
        raise doc.error(("policy",), f"'policy' must be {SCHEMA['policy'][1]}; found {policy!r}")
    branding = data.get("branding") or {}
    if not isinstance(branding, dict):
        raise doc.error(("branding",), f"'branding' must be {SCHEMA['branding'][1]}; found {branding!r}")
    for key in branding:
        if key not in ("name", "primary", "accent"):
            raise doc.error(("branding", key), f"unknown branding key {key!r}; expected name, primary, accent")
    colours = {key: brand_colour(doc, key, branding.get(key)) for key in ("primary", "accent")}
    checks = data.get("checks", True)
    if isinstance(checks, dict):
        for name, on in checks.items():
            if name not in modules:
                raise doc.error(("checks", name), f"checks: {name!r} is not one of this course's modules ({', '.join(modules)})")
            if not isinstance(on, bool):
                raise doc.error(("checks", name), f"checks.{name} must be true or false; found {on!r}")
    elif not isinstance(checks, bool):
        raise doc.error(("checks",), f"'checks' must be {SCHEMA['checks'][1]}; found {checks!r}")
    title = _bilingual(doc, "title", data["title"], langs)
    return Course(
        id=doc.path.stem,
        path=doc.path,
        title=title,
        audience=_bilingual(doc, "audience", data["audience"], langs) if "audience" in data else {"zh": "", "en": ""},
        languages=langs,
        modules=tuple(modules),
        policy=policy,
        branding={"name": _bilingual(doc, "branding", branding["name"], langs) if "name" in branding else title,
                  "primary": colours["primary"][0], "accent": colours["accent"][0],
                  "link": brand.LINK.get(branding.get("primary"), colours["primary"][0])},
        source=doc,
        checks=checks,
        notes=tuple(note for _, note in colours.values() if note),
    )


DEFAULT_COLOURS = {"primary": "indigo", "accent": "orange"}
_ROLE = {"primary": "the header's white text, and links on the white page,",
         "accent": "focused links and search matches on the white page"}


def brand_colour(doc: Located, key: str, value: Any) -> tuple[str, str | None]:
    """branding.primary or .accent as a readable #rrggbb, and a note when it had to be made darker to be readable.

    A colour the course leaves out gets the default's readable shade without a note.
    """
    table = brand.PRIMARY if key == "primary" else brand.ACCENT
    given = value is not None
    value = value if given else DEFAULT_COLOURS[key]
    if value in table:
        colour = table[value]
    elif brand.is_hex(value):
        colour = value.lower()
    else:
        raise doc.error(("branding", key), f"branding.{key} must be one of {', '.join(COLOURS)}, or a colour such as '#1a5fb4'; "
                                           f"found {value!r}")
    shade = brand.readable_shade(colour)
    if shade == colour or not given:
        return shade, None
    found, now = (f"{math.floor(brand.contrast(c, brand.WHITE) * 100) / 100:.2f}:1" for c in (colour, shade))
    named = value if value == colour else f"{value} ({colour})"
    return shade, str(doc.error(("branding", key), (
        f"branding.{key} {named} gives {_ROLE[key]} a contrast of {found}, below {brand.TEXT_RATIO}:1; "
        f"the site uses {shade} ({now}), the nearest shade of it that is readable. "
        f"Write {key}: '{shade}' to choose it yourself, or pick another colour")))
