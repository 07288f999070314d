"""``playbook new-course NAME``: a commented course file to start from."""

from __future__ import annotations

import re
from pathlib import Path

from . import paths
from .course import COLOURS, available_modules
from .render import load_module
from .yamlfile import SourceError, load

TEMPLATE = """\
# Course "{name}". Build it with:
#   playbook build --course {rel} --out site/{name}
# Every key is checked at build time; a mistake is reported with its line.

title:                      # shown on the home page and in the browser tab
  zh: {name}
  en: {name}
audience:                   # who the course is for (optional)
  zh: 填写本课程的学员，例如：展厅新入职的置业顾问
  en: Who this course is for, e.g. new showroom sales consultants
languages: [zh, en]         # zh, en or both; the first is the default language

modules:                    # the chapters, in this order. Remove the ones you do not want.
{modules}
checks: true                # self-check questions at the end of each chapter (playbook_src/modules/<name>/checks.yaml);
                            # switch one module's off with  checks: {{showroom-rules: false}}  or all of them with  checks: false
policy: {{}}                  # company policy overrides; the values you can override:
{policy}
branding:
  name:                     # short name in the header and on a phone's home screen
    zh: {name}
    en: {name}
  primary: indigo           # header and links: one of {colours}, or '#rrggbb'
  accent: "#af6400"         # focused links and search matches: orange, dark enough to read as text
                            # (a colour too light for text, 4.5:1 on white, is made darker; the build says so)
"""


def new_course(name: str, courses_dir: Path | None = None) -> Path:
    """Write ``courses_dir/NAME.yaml``; refuse a bad name or an existing file."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,40}", name):
        raise SourceError(name, None, "a course name uses lower-case letters, digits and '-', e.g. 'showroom-2027'")
    target = (courses_dir or paths.COURSES) / f"{name}.yaml"
    if target.exists():
        raise SourceError(target, None, "this course file exists already; pick another name or edit it")
    from .policy_table import MODULE as TRAINERS  # a page for trainers: listed, off

    modules = "\n".join(
        f"  {'# ' if m == TRAINERS else ''}- {m:<24}# {load_module(m).title['zh']} / {load_module(m).title['en']}"
        + (" (uncomment while you prepare the course)" if m == TRAINERS else "")
        for m in available_modules()
    )
    policy_lines = []
    for path in sorted(paths.POLICY.glob("*.yaml")):
        data = load(path).data or {}
        policy_lines.append(f"#   {path.stem}:")
        for key, value in data.items():
            if not isinstance(value, (dict, list)):
                policy_lines.append(f"#     {key}: {str(value).lower() if isinstance(value, bool) else value}")
    cards = sorted(p.stem for p in paths.SCORECARDS.glob("*.yaml")) if paths.SCORECARDS.is_dir() else []
    if cards:
        policy_lines.append("#   scorecards:              # every card is on; switch one off, or change its weights:")
        policy_lines.extend(f"#     {card}: true" for card in cards)
        policy_lines.append("#     (to change weights: key-account: {weights: {credit: 30, attitude: 5}}; they must still add up to 100)")
    policy = "\n".join(policy_lines) or "#   (no policy sections yet)"
    rel = target.relative_to(paths.ROOT) if target.is_relative_to(paths.ROOT) else target
    target.write_text(
        TEMPLATE.format(name=name, rel=rel, modules=modules, policy=policy, colours=", ".join(COLOURS)), encoding="utf-8"
    )
    return target
