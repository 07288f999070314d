"""Self-check questions: ``playbook_src/modules/<m>/checks.yaml``, read, checked and graded.

A module's checks file holds a list of questions, each in Chinese and English
side by side. Two kinds (see ``SCHEMA``):

* ``concept``: plain multiple choice; the trainer marks the right choice
  (``right: true``) and writes the explanation.
* ``scenario``: a short story and a calculator payload. The choices each name
  a ``value``; the rules package runs the payload under the course's policy at
  build time, and the choice whose value equals the answer's ``answer`` part
  (``owner``, ``verdict``, ``ranking.0.name``) is the right one; when that part
  is a list (``clauses``, the rules that applied), the choice whose value is in
  it. Answers that name a rule rather than an amount keep their choices right
  when a course changes the figures.
  The explanation is the reasons the calculator gives (its ``why`` outputs),
  plus the trainer's optional ``explain``. A trainer may mark the choice they
  expect with ``right: true``; when the rules disagree, that is an error.

Text may use the same Jinja2 expressions and filters as the module pages
(``{{ policy.attribution.follow_up_days }}``, ``{{ x | yuan }}``; in a
scenario's ``explain`` also ``{{ result.shares.A }}``), so a course's policy
flows into the words too.

This module needs no site engine. ``load_checks`` reads one file,
``grade_course`` runs every question of a course, and ``validate_course``
returns every problem (file and line) without raising, for a checking command.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

import calculators
from calculators.i18n import localised

from . import paths
from .prose import FILTERS
from .yamlfile import Located, SourceError, SourceErrors, load

LANGS = ("zh", "en")
KINDS = ("scenario", "concept")
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")
MIN_CHOICES, MAX_CHOICES = 2, 6
LETTERS = "ABCDEF"

# key -> (the kinds of question it belongs to, the kinds that require it, what is expected)
SCHEMA: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "id": (KINDS, KINDS, "a short name, unique in the file: lower-case letters, digits and '-'"),
    "kind": (KINDS, KINDS, "scenario or concept"),
    "ask": (KINDS, KINDS, "the question, with zh and en text"),
    "story": (KINDS, ("scenario",), "the case, with zh and en text (blank lines separate paragraphs)"),
    "choices": (KINDS, KINDS, f"a list of {MIN_CHOICES} to {MAX_CHOICES} choices, each with zh and en text"),
    "explain": (KINDS, ("concept",), "the explanation, with zh and en text"),
    "calculator": (("scenario",), ("scenario",), "the name of a calculator"),
    "payload": (("scenario",), ("scenario",), "the calculator's inputs, as a mapping"),
    "answer": (("scenario",), ("scenario",), "which part of the calculator's answer the choices are about, e.g. owner, verdict or clauses"),
    "why": (("scenario",), (), "the outputs whose text explains the answer, e.g. [trail]"),
}
# key of a choice -> (the kinds of question it belongs to, what is expected)
CHOICE_SCHEMA: dict[str, tuple[tuple[str, ...], str]] = {
    "zh": (KINDS, "the choice in Chinese"),
    "en": (KINDS, "the choice in English"),
    "value": (("scenario",), "what the calculator's answer is when this choice is right (per language, {zh: …, en: …}, "
                             "when the payload's names differ by language)"),
    "right": (KINDS, "true on the one right choice (in a scenario: the choice you expect the rules to give)"),
}

# The outputs that explain a scenario's answer, by calculator, unless it says ``why``.
WHY: dict[str, tuple[str, ...]] = {
    "commission-split": ("trail",),
    "qualification": ("reasons", "action"),
    "rotation": ("trail",),
    "scorecard": ("decision", "knocked_out", "known_note", "notes"),
    "trade-show-leads": ("summary",),
    "forecast": ("headline",),
    "funnel": ("headline",),
}


class CheckErrors(SourceErrors):
    """Several problems in checks files, reported together; ``problems`` lists them."""


@dataclass(frozen=True)
class Choice:
    text: dict[str, str]
    value: Any = None
    right: bool = False
    line: int | None = None  # of its 'right: true' when it has one, else of the choice


@dataclass(frozen=True)
class Question:
    module: str
    id: str
    kind: str
    ask: dict[str, str]
    choices: tuple[Choice, ...]
    story: dict[str, str] | None = None
    explain: dict[str, str] | None = None
    calculator: str | None = None
    payload: Mapping[str, Any] | None = None
    answer: str | None = None
    why: tuple[str, ...] = ()
    path: Path = Path()
    line: int | None = None
    lines: Mapping[str, int | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def key(self) -> str:
        """``module/id``: what the page and the browser's record call the question."""
        return f"{self.module}/{self.id}"

    def error(self, key: str | None, what: str) -> SourceError:
        line = self.lines.get(key) if key else None
        return SourceError(self.path, line or self.line, f"question '{self.id}': {what}")


@dataclass(frozen=True)
class Graded:
    """One question as a reader meets it in one course: texts per language, the right choice, why."""

    question: Question
    ask: dict[str, str]
    story: dict[str, list[str]]  # paragraphs
    choices: dict[str, list[str]]
    right: int
    why: dict[str, list[str]]  # the calculator's reasons (scenario) or empty
    explain: dict[str, list[str]]  # the trainer's words, as paragraphs (none: [])
    share: dict[str, Any] | None  # scenario: {"key", "values": {lang: inputs}} for the calculator's share link
    version: str  # changes whenever the case, the question, its choices or its right answer change

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def letter(self) -> str:
        return LETTERS[self.right]


# ---- reading a checks file ---------------------------------------------------


def _text_pair(doc: Located, keys: tuple, value: Any, what: str, problems: list[SourceError]) -> dict[str, str] | None:
    if isinstance(value, dict) and set(value) <= set(LANGS) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS):
        return {lang: value[lang].strip() for lang in LANGS}
    problems.append(doc.error(keys, f"{what}: expected zh and en text, e.g. {{zh: …, en: …}}; found {_shown(value)}"))
    return None


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _choice(doc: Located, keys: tuple, raw: Any, kind: str, problems: list[SourceError]) -> Choice | None:
    where = f"choice {keys[-1] + 1}"
    if not isinstance(raw, dict):
        problems.append(doc.error(keys, f"{where}: expected a mapping with zh and en text; found {_shown(raw)}"))
        return None
    ok = True
    for key in raw:
        if key not in CHOICE_SCHEMA or kind not in CHOICE_SCHEMA[key][0]:
            known = ", ".join(k for k, (kinds, _) in CHOICE_SCHEMA.items() if kind in kinds)
            problems.append(doc.error((*keys, key), f"{where}: unknown key {key!r} in a {kind} choice; expected {known}"))
            ok = False
    text = _text_pair(doc, keys, {k: raw.get(k) for k in LANGS}, where, problems)
    right = raw.get("right", False)
    if not isinstance(right, bool):
        problems.append(doc.error((*keys, "right"), f"{where}: 'right' must be true or false; found {_shown(right)}"))
        ok = False
    if kind == "scenario":
        if "value" not in raw:
            problems.append(doc.error(keys, f"{where}: a scenario's choice needs 'value': {CHOICE_SCHEMA['value'][1]}"))
            ok = False
        elif isinstance(raw["value"], list) or (isinstance(raw["value"], dict) and not _bilingual(raw["value"])):
            problems.append(doc.error((*keys, "value"), f"{where}: 'value' must be a single value (text or number), or one "
                                                        f"per language {{zh: …, en: …}}; found {_shown(raw['value'])}"))
            ok = False
    if text is None or not ok:
        return None
    return Choice(text, raw.get("value"), bool(right), doc.line(*keys, "right") if right else doc.line(*keys))


def _bilingual(value: Any) -> bool:
    """``{zh: …, en: …}`` with a single value in each language."""
    return isinstance(value, dict) and set(value) == set(LANGS) and not any(isinstance(v, (dict, list)) for v in value.values())


def _value_in(choice: Choice, lang: str) -> Any:
    """A scenario choice's value as the answer in ``lang`` gives it."""
    return choice.value[lang] if _bilingual(choice.value) else choice.value


def _choices(doc: Located, at: tuple, label: str, kind: str, raw: Any, problems: list[SourceError]) -> list[Choice]:
    """A question's choices; for a concept exactly one marked right, for a scenario distinct values."""
    if not isinstance(raw, list) or not MIN_CHOICES <= len(raw) <= MAX_CHOICES:
        problems.append(doc.error((*at, "choices"), f"{label}: 'choices' must be {SCHEMA['choices'][2]}; found {_shown(raw)}"))
        return []
    choices = [c for j, item in enumerate(raw) if (c := _choice(doc, (*at, "choices", j), item, kind, problems)) is not None]
    marked = sum(c.right for c in choices)
    if kind == "concept" and marked != 1 and len(choices) == len(raw):
        problems.append(doc.error((*at, "choices"), f"{label}: mark exactly one choice 'right: true' (found {marked})"))
    if kind == "scenario":
        if marked > 1:
            problems.append(doc.error((*at, "choices"), f"{label}: at most one choice may say 'right: true' (found {marked})"))
        for lang in LANGS:
            values = [_norm(_value_in(c, lang)) for c in choices]
            for j, v in enumerate(values):
                if v in values[:j]:
                    problems.append(doc.error((*at, "choices", j, "value"),
                                              f"{label}: two choices have the value {_shown(_value_in(choices[j], lang))}; each must differ"))
            if not any(_bilingual(c.value) for c in choices):
                break  # plain values read the same in both languages: checked once
    return choices


def _scenario(doc: Located, at: tuple, label: str, raw: dict, known: Mapping[str, Any], problems: list[SourceError]) -> list[str]:
    """Check a scenario's calculator, payload, answer and why; return its why outputs."""
    calc = raw.get("calculator")
    if "calculator" in raw and calc not in known:
        problems.append(doc.error((*at, "calculator"), f"{label}: unknown calculator {_shown(calc)}; known: {', '.join(known)}"))
    if "payload" in raw and not isinstance(raw["payload"], dict):
        problems.append(doc.error((*at, "payload"), f"{label}: 'payload' must be {SCHEMA['payload'][2]}; found {_shown(raw['payload'])}"))
    if "answer" in raw and not (isinstance(raw["answer"], str) and raw["answer"].strip()):
        problems.append(doc.error((*at, "answer"), f"{label}: 'answer' must be {SCHEMA['answer'][2]}; found {_shown(raw['answer'])}"))
    why = raw.get("why", list(WHY.get(calc, ())) if isinstance(calc, str) else [])
    if not isinstance(why, list) or not all(isinstance(k, str) for k in why):
        problems.append(doc.error((*at, "why"), f"{label}: 'why' must be a list of output names, e.g. [trail]; found {_shown(why)}"))
        return []
    outputs = {o["key"] for o in known[calc]["outputs"]} if calc in known else set()
    for key in why:
        if outputs and key not in outputs:
            problems.append(doc.error((*at, "why"), f"{label}: calculator {calc!r} has no output {key!r}; its outputs: {', '.join(sorted(outputs))}"))
    return why


def _question(doc: Located, module: str, i: int, raw: Any, seen: dict[str, int], known: Mapping[str, Any],
              problems: list[SourceError]) -> Question | None:
    at = ("questions", i)
    if not isinstance(raw, dict):
        problems.append(doc.error(at, f"question {i + 1}: expected a mapping (id, kind, ask, choices, …); found {_shown(raw)}"))
        return None
    before = len(problems)
    qid = raw.get("id")
    label = f"question '{qid}'" if isinstance(qid, str) else f"question {i + 1}"
    if not isinstance(qid, str) or not ID.fullmatch(qid):
        problems.append(doc.error((*at, "id"), f"{label}: 'id' must be {SCHEMA['id'][2]}; found {_shown(qid)}"))
    elif qid in seen:
        problems.append(doc.error((*at, "id"), f"{label}: the id is used twice (also on line {seen[qid]})"))
    else:
        seen[qid] = doc.line(*at, "id") or 0
    kind = raw.get("kind")
    if kind not in KINDS:
        problems.append(doc.error((*at, "kind"), f"{label}: 'kind' must be {SCHEMA['kind'][2]}; found {_shown(kind)}"))
        return None
    for key in raw:
        if key not in SCHEMA or kind not in SCHEMA[key][0]:
            expected = ", ".join(k for k, (kinds, _, _) in SCHEMA.items() if kind in kinds)
            problems.append(doc.error((*at, key), f"{label}: unknown key {key!r} in a {kind} question; expected one of: {expected}"))
    for key, (_, required, what) in SCHEMA.items():
        if kind in required and key not in raw:
            problems.append(doc.error(at, f"{label}: missing '{key}': {what}"))
    texts = {key: _text_pair(doc, (*at, key), raw[key], f"{label}: '{key}'", problems)
             for key in ("ask", "story", "explain") if key in raw}
    choices = _choices(doc, at, label, kind, raw["choices"], problems) if "choices" in raw else []
    why = _scenario(doc, at, label, raw, known, problems) if kind == "scenario" else []
    if len(problems) > before:
        return None
    lines = {key: doc.line(*at, key) for key in raw}
    lines["right"] = next((c.line for c in choices if c.right), None)
    return Question(
        module=module, id=qid, kind=kind, ask=texts["ask"], choices=tuple(choices), story=texts.get("story"),
        explain=texts.get("explain"), calculator=raw.get("calculator"), payload=raw.get("payload"),
        answer=raw["answer"].strip() if kind == "scenario" else None, why=tuple(why),
        path=doc.path, line=doc.line(*at), lines=lines,
    )


def load_checks(path: Path | str, module: str) -> tuple[list[Question], list[SourceError]]:
    """The questions of one checks file, and every problem with it (file and line)."""
    try:
        doc = load(path)
    except SourceError as err:
        return [], [err]
    data = doc.data
    if not isinstance(data, dict) or "questions" not in data:
        return [], [SourceError(doc.path, 1, "a checks file is a mapping with one key, 'questions': a list of questions")]
    problems: list[SourceError] = []
    for key in data:
        if key != "questions":
            problems.append(doc.error((key,), f"unknown key {key!r}; a checks file has only 'questions'"))
    raw = data["questions"]
    if not isinstance(raw, list) or not raw:
        return [], [*problems, doc.error(("questions",), f"'questions' must be a list of questions; found {_shown(raw)}")]
    seen: dict[str, int] = {}
    known = calculators.catalog()
    questions = [q for i, item in enumerate(raw) if (q := _question(doc, module, i, item, seen, known, problems)) is not None]
    return questions, problems


def checks_file(module: str, modules_dir: Path | None = None) -> Path:
    return (modules_dir or paths.MODULES) / module / "checks.yaml"


# ---- grading under a course's policy -----------------------------------------

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
_ENV.filters.update(FILTERS)  # the pages' own: yuan, amount, pct, day


def _render(q: Question, key: str, text: str, context: Mapping[str, Any]) -> str:
    if "{" not in text:
        return text
    try:
        return _ENV.from_string(text).render(context).strip()
    except jinja2.TemplateError as err:
        raise q.error(key, f"{key}: {err}") from None


def _norm(value: Any) -> Any:
    """Values compared as text: ``A`` == ``"A"``, ``true`` == ``"true"``, ``2000.00`` == ``"2000.00"``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def _at(result: Any, path: str) -> tuple[bool, Any]:
    """``result`` followed along ``path`` (``shares.A``, ``ranking.0.name``); (found, value)."""
    node = result
    for part in path.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def _lines(output: Mapping[str, Any], value: Any, lang: str) -> list[str]:
    """An output's value as plain sentences, for an explanation."""
    if value in (None, "", [], {}):
        return []
    if output["kind"] == "badge":
        label = output.get("labels", {}).get(str(value))
        return [label.get(lang) or label["zh"] if label else str(value)]
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                out.append(str(item["text"]) if "text" in item else " · ".join(str(v) for v in item.values() if v not in (None, "")))
            else:
                out.append(str(item))
        return out
    if isinstance(value, dict):
        return [f"{k}: {v}" for k, v in value.items()]
    return [str(value)]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _skip(q: Question, policy: Mapping[str, Any]) -> bool:
    """A scenario about a scorecard that this course switched off is left out."""
    if q.calculator == "scorecard" and isinstance(q.payload, dict):
        return str(q.payload.get("card")) not in policy.get("scorecards", {})
    return False


def _scenario_answer(q: Question, policy: Mapping[str, Any], where: str) -> tuple[int, dict, dict, dict]:
    """Run a scenario under ``policy``: (right choice, reasons per language, results per language, share link)."""
    outputs = {o["key"]: o for o in calculators.REGISTRY[q.calculator].describe()["outputs"]}
    values, results, why, payloads, hits = {}, {}, {}, {}, {}
    for lang in LANGS:
        # names in a payload may be written per language ({zh: 王强, en: Tom Walker}), as in examples.yaml
        payloads[lang] = localised({k: v for k, v in q.payload.items() if k != "lang"}, lang)
        out = calculators.run(q.calculator, {**payloads[lang], "lang": lang}, policy)
        if not out["ok"]:
            msgs = "; ".join(e["message"] for e in out["errors"])
            raise q.error("payload", f"the calculator {q.calculator!r} refuses the payload{where}: {msgs}")
        results[lang] = out["result"]
        found, values[lang] = _at(out["result"], q.answer)
        if not found:
            raise q.error("answer", f"the answer of {q.calculator!r} has no part {q.answer!r}; its parts: {', '.join(out['result'])}")
        why[lang] = [line for key in q.why for line in _lines(outputs[key], out["result"].get(key), lang)]
        given = values[lang]
        if isinstance(given, list):  # a list (the clauses that applied): the choice whose value is in it
            hits[lang] = [i for i, c in enumerate(q.choices) if _norm(_value_in(c, lang)) in [_norm(v) for v in given]]
        else:
            hits[lang] = [i for i, c in enumerate(q.choices) if _norm(_value_in(c, lang)) == _norm(given)]
    if hits["zh"] != hits["en"]:
        raise q.error("answer", f"{q.answer!r} differs between the Chinese and English answers "
                                f"({_shown(values['zh'])} / {_shown(values['en'])}); choose a part that does not depend on the language, "
                                f"or give each choice's value per language ({{zh: …, en: …}})")
    hits = hits["en"]
    if not hits:
        listed = ", ".join(f"{LETTERS[i]} = {_shown(_value_in(c, 'en'))}" for i, c in enumerate(q.choices))
        raise q.error("choices", f"the rules give {q.answer} = {_shown(values['en'])}{where}, which none of the choices has ({listed})")
    if len(hits) > 1:  # values are checked distinct when read; this is the guarantee, stated
        raise q.error("choices", f"the rules give {q.answer} = {_shown(values['en'])}, which {len(hits)} choices have")
    right = hits[0]
    marked = next((i for i, c in enumerate(q.choices) if c.right), None)
    if marked is not None and marked != right:
        raise q.error("right", f"the rules give {LETTERS[right]} ({q.choices[right].text['en']}), "
                               f"the question says {LETTERS[marked]} ({q.choices[marked].text['en']}){where}")
    try:
        spec = calculators.page_spec(q.calculator, q.payload, policy, "en")
    except ValueError as err:
        raise q.error("payload", f"{err}{where}") from None
    # what the calculators' share link calls this calculator: its name, or for a scorecard name.card
    key = f"{q.calculator}.{spec['card']}" if spec.get("card") else q.calculator
    share = {"name": q.calculator, "key": key, "values": payloads}  # the case's inputs, per language
    return right, why, results, share


def grade(q: Question, policy: Mapping[str, Any], course_id: str = "") -> Graded:
    """The question as readers of a course with ``policy`` meet it; raises SourceError."""
    where = f" (course '{course_id}')" if course_id else ""
    if q.kind == "scenario":
        right, why, results, share = _scenario_answer(q, policy, where)
    else:
        right, why, results, share = next(i for i, c in enumerate(q.choices) if c.right), {lang: [] for lang in LANGS}, {}, None
    texts: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        context = {"policy": policy, "lang": lang}
        choices = [_render(q, "choices", c.text[lang], context) for c in q.choices]
        if len(set(choices)) != len(choices):
            raise q.error("choices", f"two choices read the same in {lang}{where}")
        texts[lang] = {
            "ask": _render(q, "ask", q.ask[lang], context),
            "story": _paragraphs(_render(q, "story", q.story[lang], context)) if q.story else [],
            "choices": choices,
            "explain": _paragraphs(_render(q, "explain", q.explain[lang], {**context, "result": results.get(lang, {})}))
            if q.explain else [],
        }
    # What the reader answered: the case, the question, the choices and which one is right (a reworded
    # explanation keeps their answer; a changed answer does not).
    asked = [[texts[lang][part] for part in ("ask", "story", "choices")] for lang in LANGS]
    digest = hashlib.sha256(json.dumps([asked, right], ensure_ascii=False).encode()).hexdigest()[:12]
    return Graded(
        question=q, right=right, why=why, share=share, version=digest,
        **{part: {lang: texts[lang][part] for lang in LANGS} for part in ("ask", "story", "choices", "explain")},
    )


def enabled(course: Any, module: str) -> bool:
    """Whether ``course`` shows the questions of ``module`` (``checks: {module: false}`` switches them off)."""
    switches = getattr(course, "checks", True)
    if isinstance(switches, bool):
        return switches
    return bool(switches.get(module, True))


def grade_modules(
    course: Any, policy: Mapping[str, Any], modules_dir: Path | None = None
) -> tuple[dict[str, list[Graded]], list[SourceError]]:
    """Every question of every module ``course`` shows, graded under ``policy``; and every problem."""
    graded: dict[str, list[Graded]] = {}
    problems: list[SourceError] = []
    for module in course.modules:
        path = checks_file(module, modules_dir)
        if not enabled(course, module) or not path.is_file():
            graded[module] = []
            continue
        questions, found = load_checks(path, module)
        problems.extend(found)
        graded[module] = []
        for q in questions:
            if _skip(q, policy):
                continue
            try:
                graded[module].append(grade(q, policy, course.id))
            except SourceError as err:
                problems.append(err)
    return graded, problems


def validate_course(course: Any, policy: Mapping[str, Any], modules_dir: Path | None = None) -> list[SourceError]:
    """Every problem with the questions of ``course`` under ``policy``, file and line each; [] when all is well."""
    return grade_modules(course, policy, modules_dir)[1]


def grade_course(course: Any, policy: Mapping[str, Any], modules_dir: Path | None = None) -> dict[str, list[Graded]]:
    """Module -> its graded questions, for a build; raises CheckErrors listing every problem."""
    graded, problems = grade_modules(course, policy, modules_dir)
    if problems:
        raise CheckErrors(problems)
    return graded
