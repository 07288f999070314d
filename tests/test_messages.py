"""Messages: each code registered once, beside its owner, and every code the sources use resolves in zh and en."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import calculators
import playbook.course
import playbook.policy
import playbook.scorecards
import playbook.yamlfile  # noqa: F401  (the generator registers its messages on import)
from calculators.i18n import LANGS, MESSAGES, message, register_messages

CODE = re.compile(r"[a-z][a-z0-9_]*")
ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("calculators/**/*.py"), *ROOT.glob("playbook/**/*.py")])

# Calls that take a message code, and where: the code is the literal at this position.
CODE_ARG = {"message": 0, "_say": 0, "_fail": 1, "FieldError": 0, "DateError": 0, "MoneyError": 0, "Problem": 1,
            "input_error": 1, "_error": 2, "_paste_error": 2, "_day": 3, "_year": 2}


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def used_codes() -> dict[str, str]:
    """Every literal message code in the sources -> where it is used (``file:line``).

    Codes are found as the code argument of the calls in ``CODE_ARG``, and in the problem tuples
    ``(path, code, {params})`` and ``(row, column, code, {params})`` that InputErrors and pasted
    tables carry (and jsontext's ``(code, field, {params})``).
    """
    found: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            codes: list[str | None] = []
            if isinstance(node, ast.Call) and _name(node.func) in CODE_ARG:
                at = CODE_ARG[_name(node.func)]
                codes = [_literal(node.args[at])] if len(node.args) > at else []
            elif isinstance(node, ast.Tuple) and 2 <= len(node.elts) <= 4 and (
                    isinstance(node.elts[-1], ast.Dict) or (len(node.elts) == 4 and isinstance(node.elts[-1], ast.Call))):
                # (code, {params}), (path, code, {params}) or (row, column, code, {params}); jsontext's
                # (code, field, {params}) is read from the front only when that is a known code
                first = _literal(node.elts[0])
                codes = [_literal(node.elts[-2]) or (first if first in MESSAGES else None)]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
                value = node.value
                codes = [_literal(value.body), _literal(value.orelse)] if isinstance(value, ast.IfExp) else [_literal(value)]
            for code in codes:
                if code and CODE.fullmatch(code):
                    found.setdefault(code, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def registered_codes() -> list[tuple[str, str]]:
    """Every code a source file registers: the keys of ``MESSAGES = {...}`` and of ``register_messages({...})``."""
    out = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            block = None
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            if any(isinstance(t, ast.Name) and t.id == "MESSAGES" for t in targets):
                block = node.value
            elif isinstance(node, ast.Call) and _name(node.func) == "register_messages" and node.args:
                block = node.args[0]
            if isinstance(block, ast.Dict):
                out += [(_literal(k), f"{path.relative_to(ROOT)}:{k.lineno}") for k in block.keys if _literal(k)]
    return out


def test_the_scan_finds_codes_of_every_kind():
    """The source scan sees codes of fields, calculators, pasted tables, the schema and the generator (it cannot pass empty)."""
    used = used_codes()
    for code in ("required", "not_a_date", "duplicate_agent", "unknown_stage", "paste_no_header", "rate_zero",
                 "no_deal", "shifts_overlap", "yaml_not_utf8", "policy_unknown_section", "scorecard_switch"):
        assert code in used, code


def test_no_message_code_is_registered_twice():
    """No code is defined by two message blocks: each has one owner, and one wording."""
    seen: dict[str, str] = {}
    twice = []
    for code, where in registered_codes():
        if code in seen:
            twice.append(f"{code}: {seen[code]} and {where}")
        seen.setdefault(code, where)
    assert twice == []
    assert set(seen) == set(MESSAGES), "every registered code is found in a message block, and nothing else is registered"


def test_registering_a_code_again_is_refused():
    """register_messages refuses a code that is already defined, and a message without both languages."""
    with pytest.raises(ValueError, match="defined twice"):
        register_messages({"required": {"zh": "再来一次", "en": "Again"}})
    with pytest.raises(ValueError, match="zh and en"):
        register_messages({"a_code_nobody_has": {"zh": "只有中文"}})
    assert "a_code_nobody_has" not in MESSAGES


@pytest.mark.parametrize("code", sorted(used_codes()))
def test_every_code_used_resolves_in_zh_and_en(code):
    """A code the sources use has a message in both languages, and each formats with the placeholders it names."""
    assert code in MESSAGES, f"{code} (used at {used_codes()[code]}) has no message"
    assert set(MESSAGES[code]) == set(LANGS) and all(MESSAGES[code][lang].strip() for lang in LANGS)
    names = {field for lang in LANGS for _, field, _, _ in string.Formatter().parse(MESSAGES[code][lang]) if field}
    params = {name: f"<{name}>" for name in names}
    for lang in LANGS:
        assert message(code, lang, **params).strip()


def test_each_calculator_keeps_its_messages_beside_it():
    """Codes that only one calculator uses are registered in that calculator's own folder or module, not in i18n.py."""
    owners = {"rotation": "calculators/rotation/", "forecast": "calculators/forecast/", "attribution": "calculators/attribution/",
              "funnel": "calculators/funnel.py", "scorecard": "calculators/scorecard/"}
    where = dict(registered_codes())
    for code, owner in (("duplicate_agent", "rotation"), ("outside_hours", "rotation"), ("unknown_stage", "forecast"),
                        ("bad_period", "forecast"), ("no_deal", "attribution"), ("unknown_policy_key", "attribution"),
                        ("rate_zero", "funnel"), ("must_be_positive", "funnel")):
        assert where[code].startswith(owners[owner]), (code, where[code])
    assert calculators.REGISTRY  # the calculators registered their messages on import
