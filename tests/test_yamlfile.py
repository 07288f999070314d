"""The one YAML loader: duplicate keys, reused lists and mappings, and bad bytes are refused with file and line, in every kind of file."""

import shutil

import pytest

from playbook import paths
from playbook.course import load_course
from playbook.policy import load_policy
from playbook.render import load_module
from playbook.scorecards import load_scorecards
from playbook.yamlfile import SourceError, _Loader, load, loads

COURSE = "title: {zh: 测试, en: Test}\nmodules: [qualification]\n"


def test_a_key_written_twice_is_refused_with_both_lines():
    """A second `title:` no longer silently wins: the error names the line of each."""
    with pytest.raises(SourceError) as err:
        loads("title: a\nmodules: [x]\ntitle: b\n", "c.yaml")
    assert err.value.line == 3 and "'title' is written twice" in err.value.what and "line 1" in err.value.what


def test_a_broken_file_is_described_in_the_readers_language(monkeypatch):
    """With PLAYBOOK_LANG=zh the loader's own problems (a key twice, bad YAML) read in Chinese, with the same line."""
    monkeypatch.setenv("PLAYBOOK_LANG", "zh")
    with pytest.raises(SourceError) as err:
        loads("title: a\nmodules: [x]\ntitle: b\n", "c.yaml")
    assert err.value.line == 3 and err.value.what == "键 'title' 在同一个映射里写了两次（第一次在第 1 行）；只留一个"
    with pytest.raises(SourceError) as err:
        loads("title: a\nmodules: [x\n", "c.yaml")
    assert err.value.what.startswith("不是有效的 YAML：")


def test_alias_bomb_is_refused_at_its_first_anchor_before_anything_is_built(tmp_path, monkeypatch):
    """Seven nested alias levels under policy: (minutes and 9.8 GB before) stop at line 4, before a value is constructed."""
    levels = ["  a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdef", "bcdefg"):
        levels.append(f"  {name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    course = tmp_path / "bomb.yaml"
    course.write_text(COURSE + "policy:\n" + "\n".join(levels) + "\n", encoding="utf-8")
    monkeypatch.setattr(_Loader, "construct_document", lambda *_: pytest.fail("the document was constructed"))
    with pytest.raises(SourceError) as err:
        load_course(course)
    assert err.value.line == 4 and "anchors a list or mapping" in err.value.what


@pytest.mark.parametrize("text,line,words", [
    ("a: 1\nb: *x\n", 2, "alias"),
    ("a: {x: 1}\nb:\n  <<: {x: 2}\n", 3, "merge keys"),
    ("? [a, b]\n: 1\n", 1, "plain word"),
    ("a: " + "[" * 100 + "]" * 100 + "\n", 1, "nested more than"),
    ("a: b\nc: \x07\n", 2, "U+0007"),
    ("a: !!python/object:os.system x\n", 1, "not valid YAML"),
])
def test_what_yaml_would_expand_or_guess_is_refused_with_its_line(text, line, words):
    """Aliases, merge keys, complex keys, deep nesting, control characters and tags: refused, with the line."""
    with pytest.raises(SourceError) as err:
        loads(text, "f.yaml")
    assert err.value.line == line and words in err.value.what


def test_invalid_utf8_is_reported_with_the_byte_offset_and_line(tmp_path):
    """A byte that is not UTF-8 names its offset in the file and its line."""
    f = tmp_path / "c.yaml"
    f.write_bytes(COURSE.encode() + b"audience: caf\xe9\n")
    with pytest.raises(SourceError) as err:
        load(f)
    offset = len(COURSE.encode()) + len("audience: caf")
    assert err.value.line == 3 and f"byte {offset} (0xe9)" in err.value.what


def test_a_single_value_may_be_anchored_and_reused():
    """A figure written once and reused (`&target "600000"` ... `*target`) cannot expand: it is allowed."""
    assert loads('a: &target "600000"\nb: {target: *target}\n', "f.yaml").data == {"a": "600000", "b": {"target": "600000"}}


def test_lines_are_known_for_every_key_path():
    """`Located.line` finds keys, list items and nested keys; checks use it to name the line later."""
    doc = loads("a: 1\nb:\n  - x\n  - {c: 2}\n1: one\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}], 1: "one"}
    assert (doc.line("b", 1, "c"), doc.line(1), doc.line("b", 7)) == (4, 5, 2)


@pytest.fixture()
def sources(tmp_path, monkeypatch):
    """Copies of the policy, scorecard and module folders the loaders read."""
    for name in ("POLICY", "SCORECARDS", "MODULES"):
        copy = tmp_path / name.lower()
        shutil.copytree(getattr(paths, name), copy)
        monkeypatch.setattr(paths, name, copy)
    return tmp_path


@pytest.mark.parametrize("kind", ["course", "policy", "scorecard", "module"])
def test_every_kind_of_file_refuses_duplicates_aliases_and_bad_bytes(kind, sources):
    """Course, policy, scorecard and module.yaml files all go through the one loader."""
    target = {"course": sources / "course.yaml", "policy": paths.POLICY / "rotation.yaml",
              "scorecard": paths.SCORECARDS / "key-account.yaml", "module": paths.MODULES / "qualification" / "module.yaml"}[kind]
    original = COURSE.encode() if kind == "course" else target.read_bytes()

    def load_it():
        if kind == "course":
            load_course(target)
        elif kind == "module":
            load_module("qualification")
        else:
            load_policy()

    for extra, words in ((b"title: again\n", "written twice"), (b"zzz: &a [1]\n", "anchors a list or mapping"), (b"zzz: \xff\n", "not valid UTF-8")):
        if kind == "policy":
            extra = extra.replace(b"title", b"opens")
        target.write_bytes(original + extra)
        with pytest.raises(SourceError) as err:
            load_it()
        assert err.value.path == target and err.value.line == original.count(b"\n") + 1, (kind, extra, err.value)
        assert words in err.value.what
    if kind == "scorecard":
        target.write_bytes(original)
        assert "key-account" in load_scorecards()
