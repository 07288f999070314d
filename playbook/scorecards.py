"""Scorecard files (playbook_src/scorecards/<id>.yaml) and a course's switches.

Every card file is on in every course unless the course switches it off; a
course may also override weights or ``min_known``::

    policy:
      scorecards:
        value-tier: false                 # off in this course
        key-account:
          weights: {credit: 30, attitude: 5}
          min_known: 70

The rules package checks each card (``calculators.scorecard.check_card``);
a problem is reported with the file and line it came from: the course file
when an override caused it, the card file otherwise. The result is the
policy section ``scorecards``: card id -> cleaned definition, in card order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from calculators.i18n import message
from calculators.scorecard import CardError, check_card

from . import paths
from .yamlfile import Located, SourceError, load

SWITCH_KEYS = ("weights", "min_known")


def _label(path: tuple) -> str:
    """``("criteria", 2, "weight")`` -> ``criteria[3].weight`` (items counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _override(card_id: str, data: dict, switch: Any, where: tuple, course: Located | None, lang: str) -> dict | None:
    """``data`` with the course's switch applied; None when switched off."""
    src = course.path if course else "scorecard overrides"

    def line(*keys: object) -> int | None:
        return course.line(*where, card_id, *keys) if course else None

    if switch is False:
        return None
    if switch is True or switch is None:
        return data
    if not isinstance(switch, Mapping) or any(k not in SWITCH_KEYS for k in switch):
        raise SourceError(src, line(), message("scorecard_switch", lang, label=f"scorecards.{card_id}", got=repr(switch)))
    out = dict(data)
    if "min_known" in switch:
        out["min_known"] = switch["min_known"]
    weights = switch.get("weights") or {}
    if not isinstance(weights, Mapping):
        raise SourceError(src, line("weights"), message("scorecard_switch", lang, label=f"scorecards.{card_id}.weights", got=repr(weights)))
    criteria = [dict(c) if isinstance(c, Mapping) else c for c in data.get("criteria") or []]
    ids = [c.get("id") for c in criteria if isinstance(c, Mapping)]
    for cid, weight in weights.items():
        if cid not in ids:
            raise SourceError(src, line("weights", cid),
                              f"the scorecard {card_id!r} has no criterion {cid!r}; its criteria: {', '.join(map(str, ids))}")
        criteria[ids.index(cid)]["weight"] = weight
    out["criteria"] = criteria
    return out


def load_scorecards(
    overrides: Any = None,
    overrides_file: Located | None = None,
    overrides_at: tuple = ("policy", "scorecards"),
    directory: Path | None = None,
    lang: str = "en",
) -> dict[str, dict[str, Any]]:
    """Every card of ``directory`` with the course's switches applied, checked, in card order."""
    directory = directory or paths.SCORECARDS
    files: dict[str, Located] = {}
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        files[path.stem] = load(path)
    src = overrides_file.path if overrides_file else "scorecard overrides"
    if overrides is None:
        overrides = {}
    if not isinstance(overrides, Mapping):
        raise SourceError(src, overrides_file.line(*overrides_at) if overrides_file else None,
                          "policy.scorecards must map card ids to false, true or {weights: ..., min_known: ...}")
    for card_id in overrides:
        if card_id not in files:
            raise SourceError(src, overrides_file.line(*overrides_at, card_id) if overrides_file else None,
                              f"unknown scorecard {card_id!r}; the cards in {directory.name}/ are: {', '.join(files) or '(none)'}")
    cards: list[tuple[int, str, dict]] = []
    for card_id, doc in files.items():
        switch = overrides.get(card_id)
        data = doc.data
        if isinstance(data, Mapping):
            data = _override(card_id, dict(data), switch, overrides_at, overrides_file, lang)
            if data is None:
                continue
        try:
            card = check_card(card_id, data)
        except CardError as err:
            text = message(err.code, lang, label=_label(err.path) if err.path else card_id, **err.params)
            if overrides_file and isinstance(switch, Mapping) and _caused_by_switch(err.path, switch):
                key = "min_known" if err.path == ("min_known",) else "weights"
                raise SourceError(src, overrides_file.line(*overrides_at, card_id, key), f"scorecard {card_id!r}: {text}") from None
            raise SourceError(doc.path, doc.line(*err.path) if err.path else 1, text) from None
        cards.append((card.order, card_id, card.to_json()))
    return {card_id: data for _, card_id, data in sorted(cards)}


def _caused_by_switch(path: tuple, switch: Mapping) -> bool:
    if path == ("min_known",):
        return "min_known" in switch
    return bool(switch.get("weights")) and (path == ("criteria",) or (len(path) == 3 and path[2] == "weight"))
