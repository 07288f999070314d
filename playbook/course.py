"""Course files: which modules, for whom, in which languages, under which policy.

A course file is YAML checked against its declared shape (``course_shape``,
built from the calculators' fields and ``calculators.schema``); every problem
is reported at once, each naming the file, the line, what was expected and
what was found, in the reader's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calculators.fields import Choice, ChoiceField, FieldError, FlagField, shown
from calculators.i18n import L, register_messages
from calculators.policy import PolicyOverridesField
from calculators.schema import Bilingual, Either, Items, Keys, Table, check

from . import brand, paths
from .lang import reader_lang
from .yamlfile import Located, load, raise_all

LANGS = ("zh", "en")
COLOURS = tuple(brand.PRIMARY)  # Material's palette names; a course may also give #rrggbb

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


@dataclass(frozen=True)
class _Colour(ChoiceField):
    """A brand colour: one of Material's palette names (the choices) or ``#rrggbb``."""

    kind = "colour"

    def _parse(self, raw: Any) -> str:
        if isinstance(raw, str) and (raw in self.values() or brand.is_hex(raw)):
            return raw
        raise FieldError("not_colour", choices=", ".join(self.values()), got=shown(raw))


def _words(names: list[str] | tuple[str, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(n, L(n, n)) for n in names)


def course_shape(modules: list[str], langs: tuple[str, ...] = LANGS, course_modules: tuple[str, ...] = ()) -> Keys:
    """The declared shape of a course file: ``modules`` are the ones available, ``langs`` the course's languages."""
    module = ChoiceField("module", L("模块", "Module"), L("playbook_src/modules/ 里的一个模块名。", "A module's name from playbook_src/modules/."),
                         required=True, choices=_words(modules))
    return Keys(
        "course", L("课程文件", "the course file"), L("课程文件：title、modules 等键。", "A course file: title, modules and other keys."),
        keys=(
            Bilingual("title", L("课程标题", "Course title"),
                      L("中英文标题，例如 {zh: 新人销售手册, en: Sales playbook}。", "The title in zh and en, e.g. {zh: 新人销售手册, en: Sales playbook}."),
                      langs=langs, plain=True, max_length=120),
            Bilingual("audience", L("面向的读者", "Audience"), L("这门课写给谁，中英文。", "Who the course is for, in zh and en."),
                      required=False, langs=langs, plain=True, max_length=400),
            Items("languages", L("语言", "Languages"), L("zh、en 中的一种或两种，第一种是默认语言", "zh, en or both; the first is the default"),
                  item=ChoiceField("language", L("语言", "Language"), L("zh 或 en。", "zh or en."), required=True, choices=_words(LANGS)),
                  min_items=1, max_items=len(LANGS), unique=".", required=False),
            Items("modules", L("模块", "Modules"), L("playbook_src/modules/ 里的模块名的列表，按导航顺序", "a list of module names from playbook_src/modules/, in navigation order"),
                  item=module, min_items=1, max_items=100, unique="."),
            PolicyOverridesField("policy", L("政策调整", "Policy overrides"),
                                 L("对 playbook_src/policy/*.yaml 的改动：部分 -> 键 -> 值，例如 {attribution: {follow_up_days: 10}}。",
                                   "Changes to playbook_src/policy/*.yaml: section -> key -> value, e.g. {attribution: {follow_up_days: 10}}.")),
            Keys("branding", L("品牌", "Branding"), L("name {zh, en}、primary、accent 三项。", "name {zh, en}, primary and accent."), required=False, keys=(
                Bilingual("name", L("站点名称", "Site name"), L("页眉上的名称，中英文。", "The name in the page header, in zh and en."),
                          required=False, langs=langs, plain=True, max_length=80),
                _Colour("primary", L("主色", "Primary colour"),
                        L("Material 主题的颜色名（例如 indigo）或 '#1a5fb4' 这样的颜色；页眉的白字和链接用它。",
                          "A Material theme colour name (e.g. indigo) or a colour such as '#1a5fb4'; the header's white text and links use it."),
                        choices=_words(COLOURS)),
                _Colour("accent", L("强调色", "Accent colour"),
                        L("Material 主题的颜色名（例如 orange）或 '#c2410c' 这样的颜色；获得焦点的链接和搜索命中用它。",
                          "A Material theme colour name (e.g. orange) or a colour such as '#c2410c'; focused links and search matches use it."),
                        choices=_words(COLOURS)),
            )),
            Either("checks", L("自测题", "Self-check questions"),
                   L("true、false，或“模块名: true/false”：哪些章节末尾有自测题", "true, false, or module name: true/false: which chapters end with self-check questions"),
                   required=False, options=(
                       (lambda raw: isinstance(raw, bool), FlagField("checks", L("自测题", "Self-check questions"), L("所有章节都有（true）或都没有（false）。", "Every chapter has them (true) or none does (false)."))),
                       (lambda raw: isinstance(raw, dict), Table(
                           "checks", L("自测题", "Self-check questions"), L("模块名: true 或 false", "module name: true or false"), min_items=0,
                           key=ChoiceField("module", L("本课程的模块", "A module of this course"), L("本课程 modules 里的一个模块。", "One of this course's modules."),
                                           required=True, choices=_words(course_modules)),
                           value=FlagField("on", L("有自测题", "Has questions"), L("true 或 false。", "true or false."), required=True))),
                   )),
        ),
    )


def load_course(path: Path | str, modules_dir: Path | None = None, lang: str | None = None) -> Course:
    """Read and check a course file; raises SourceError (SourceErrors: every problem at once) naming file and line.

    Messages are in ``lang``, by default the reader's (``playbook.lang.reader_lang``).
    """
    lang = lang or reader_lang()
    doc = load(path)
    data = doc.data
    raw_langs = data.get("languages") if isinstance(data, dict) else None
    langs = tuple(raw_langs) if (isinstance(raw_langs, list) and raw_langs and all(x in LANGS for x in raw_langs)
                                 and len(set(raw_langs)) == len(raw_langs)) else LANGS
    raw_modules = data.get("modules") if isinstance(data, dict) else None
    course_modules = tuple(m for m in raw_modules if isinstance(m, str)) if isinstance(raw_modules, list) else ()
    cleaned, problems = check(course_shape(available_modules(modules_dir), langs, course_modules), data)
    if problems or cleaned is None:
        raise_all(doc.problems(problems, lang))
    assert cleaned is not None
    title = cleaned["title"]
    branding = cleaned.get("branding") or {}
    colours = {key: brand_colour(doc, key, branding.get(key)) for key in ("primary", "accent")}
    return Course(
        id=doc.path.stem,
        path=doc.path,
        title=title,
        audience=cleaned.get("audience") or {"zh": "", "en": ""},
        languages=tuple(cleaned.get("languages") or LANGS),
        modules=tuple(cleaned["modules"]),
        policy=cleaned.get("policy") or {},
        branding={"name": branding.get("name") or title,
                  "primary": colours["primary"][0], "accent": colours["accent"][0],
                  "link": brand.LINK.get(branding.get("primary"), colours["primary"][0])},
        source=doc,
        checks=True if cleaned.get("checks") is None else cleaned["checks"],
        notes=tuple(note for _, note in colours.values() if note),
    )


DEFAULT_COLOURS = {"primary": "indigo", "accent": "orange"}
_ROLE = {"primary": "the header's white text, and links on the white page,",
         "accent": "focused links and search matches on the white page"}


def brand_colour(doc: Located, key: str, value: str | None) -> tuple[str, str | None]:
    """branding.primary or .accent (already checked: a palette name or #rrggbb) as a readable #rrggbb, and a note
    when it had to be made darker to be readable. A colour the course leaves out gets the default's readable shade
    without a note."""
    table = brand.PRIMARY if key == "primary" else brand.ACCENT
    given = value is not None
    value = value if given else DEFAULT_COLOURS[key]
    colour = table[value] if value in table else value.lower()
    shade = brand.readable_shade(colour)
    if shade == colour or not given:
        return shade, None
    found, now = (f"{math.floor(brand.contrast(c, brand.WHITE) * 100) / 100:.2f}:1" for c in (colour, shade))
    named = value if value == colour else f"{value} ({colour})"
    return shade, str(doc.error(("branding", key), (
        f"branding.{key} {named} gives {_ROLE[key]} a contrast of {found}, below {brand.TEXT_RATIO}:1; "
        f"the site uses {shade} ({now}), the nearest shade of it that is readable. "
        f"Write {key}: '{shade}' to choose it yourself, or pick another colour")))


register_messages({
    "not_colour": L(
        "“{label}”应当是以下颜色名之一：{choices}，或者 '#1a5fb4' 这样的颜色；现在是 {got}。",
        "'{label}' should be one of {choices}, or a colour such as '#1a5fb4'; found {got}.",
    ),
})
