"""Scorecard files (playbook_src/scorecards/<id>.yaml) and a course's switches.

Every card file is on in every course unless the course switches it off; a
course may also override weights or ``min_known``::

    policy:
      scorecards:
        value-tier: false                 # off in this course
        key-account:
          weights: {credit: 30, attitude: 5}
          min_known: 70

The rules package declares and checks each card (``calculators.scorecard``);
every problem of every card is reported at once, each with the file and line
it came from: the course file when an override caused it, the card file
otherwise. The result is the
policy section ``scorecards``: card id -> cleaned definition, in card order.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calculators.i18n import L, message, register_messages
from calculators.scorecard.schema import card_problems

from . import paths
from .lang import reader_lang
from .yamlfile import Located, SourceError, load, raise_all

SWITCH_KEYS = ("weights", "min_known")


def _override(card_id: str, data: dict, switch: Any, where: tuple, course: Located | None, lang: str,
              problems: list[SourceError]) -> dict | None:
    """``data`` with the course's switch applied; None when switched off (or the switch is wrong: ``problems``)."""
    src = course.path if course else Path("scorecard overrides")

    def line(*keys: object) -> int | None:
        return course.line(*where, card_id, *keys) if course else None

    def shown(*keys: object) -> str:
        return ".".join(map(str, (*where, card_id, *keys)))

    if switch is False:
        return None
    if switch is True or switch is None:
        return data
    if not isinstance(switch, Mapping) or any(k not in SWITCH_KEYS for k in switch):
        problems.append(SourceError(src, line(), f"{shown()}: {message('scorecard_switch', lang, got=repr(switch))}"))
        return None
    out = dict(data)
    if "min_known" in switch:
        out["min_known"] = switch["min_known"]
    weights = switch.get("weights") or {}
    if not isinstance(weights, Mapping):
        problems.append(SourceError(src, line("weights"), f"{shown('weights')}: {message('scorecard_switch', lang, got=repr(weights))}"))
        return None
    criteria = [dict(c) if isinstance(c, Mapping) else c for c in data.get("criteria") or []]
    ids = [c.get("id") for c in criteria if isinstance(c, Mapping)]
    ok = True
    for cid, weight in weights.items():
        if cid not in ids:
            problems.append(SourceError(src, line("weights", cid), f"{shown('weights', cid)}: " + message(
                "scorecard_no_criterion", lang, card=card_id, criterion=str(cid), known=", ".join(map(str, ids)))))
            ok = False
            continue
        criteria[ids.index(cid)]["weight"] = weight
    out["criteria"] = criteria
    return out if ok else None


def load_scorecards(
    overrides: Any = None,
    overrides_file: Located | None = None,
    overrides_at: tuple = ("policy", "scorecards"),
    directory: Path | None = None,
    lang: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Every card of ``directory`` with the course's switches applied, checked, in card order.

    Raises SourceError (SourceErrors when there are several), every problem of
    every card at once, in ``lang`` (by default the reader's).
    """
    lang = lang or reader_lang()
    directory = directory or paths.SCORECARDS
    problems: list[SourceError] = []
    files: dict[str, Located] = {}
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        try:
            files[path.stem] = load(path)
        except SourceError as err:
            problems.append(err)
    src = overrides_file.path if overrides_file else Path("scorecard overrides")

    def course_line(*keys: object) -> int | None:
        return overrides_file.line(*overrides_at, *keys) if overrides_file else None

    if overrides is None:
        overrides = {}
    if not isinstance(overrides, Mapping):
        problems.append(SourceError(src, course_line(), f"{'.'.join(overrides_at)}: {message('scorecard_switches', lang)}"))
        overrides = {}
    for card_id in overrides:
        if card_id not in files:
            problems.append(SourceError(src, course_line(card_id), f"{'.'.join(map(str, (*overrides_at, card_id)))}: " + message(
                "scorecard_unknown", lang, card=str(card_id), folder=directory.name, known=", ".join(files) or "—")))
    cards: list[tuple[int, str, dict]] = []
    for card_id, doc in files.items():
        switch = overrides.get(card_id)
        data = doc.data
        if isinstance(data, Mapping):
            data = _override(card_id, dict(data), switch, overrides_at, overrides_file, lang, problems)
            if data is None:
                continue
        card, found = card_problems(card_id, data)
        for p in found:
            if overrides_file and isinstance(switch, Mapping) and _caused_by_switch(p.path, switch):
                key = "min_known" if p.path == ("min_known",) else "weights"
                text = f"{'.'.join(map(str, (*overrides_at, card_id)))}: " + message("scorecard_switched", lang, card=card_id,
                                                                                      problem=p.line_text(lang))
                problems.append(SourceError(src, overrides_file.line(*overrides_at, card_id, key), text))
            else:
                problems.extend(doc.problems([p], lang))
        if card is not None:
            cards.append((card.order, card_id, card.to_json()))
    raise_all(problems)
    return {card_id: data for _, card_id, data in sorted(cards)}


def _caused_by_switch(path: tuple, switch: Mapping) -> bool:
    if path == ("min_known",):
        return "min_known" in switch
    return bool(switch.get("weights")) and (path == ("criteria",) or (len(path) == 3 and path[2] == "weight"))


register_messages({
    "scorecard_switches": L(
        "应当把评分卡编号对应到 false、true 或 {{weights: …, min_known: …}}。",
        "map card ids to false, true or {{weights: ..., min_known: ...}}.",
    ),
    "scorecard_unknown": L(
        "没有名为“{card}”的评分卡；{folder}/ 里的评分卡有：{known}。",
        "unknown scorecard '{card}'; the cards in {folder}/ are: {known}.",
    ),
    "scorecard_no_criterion": L(
        "评分卡“{card}”里没有评分项“{criterion}”；它的评分项有：{known}。",
        "the scorecard '{card}' has no criterion '{criterion}'; its criteria: {known}.",
    ),
    "scorecard_switched": L(
        "按课程的改动，评分卡“{card}”出了问题：{problem}",
        "with this course's changes, the scorecard '{card}' has a problem: {problem}",
    ),
})
