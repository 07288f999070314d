"""The vendored runtime: the small standard library, and what the worker is told to choose its start."""

import _imp
import json
import zipfile

from conftest import ROOT


def _runtime(site):
    html = (site / "qualification" / "index.html").read_text(encoding="utf-8")
    return json.loads(html.split('data-role="config">', 1)[1].split("</script>", 1)[0])["runtime"]


def test_small_stdlib_holds_what_the_rules_import_as_bytecode(built_site):
    """The site ships, instead of Pyodide's whole standard library, an archive of bytecode for every standard
    module the rules package imports anywhere (and what those import), stored so that it compresses whole."""
    from playbook.stdlib import imported_names
    from playbook.wheel import build_wheel

    site = built_site.site
    runtime = _runtime(site)
    assert not (site / "pyodide" / "python_stdlib.zip").exists()
    archive = site / runtime["stdlib"]
    with zipfile.ZipFile(archive) as zf:
        members = set(zf.namelist())
        assert {info.compress_type for info in zf.infolist()} == {zipfile.ZIP_STORED}
    assert not any(m.endswith(".py") for m in members)
    with zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip") as full:
        stdlib = set(full.namelist())
    wanted = set()
    for name in imported_names(build_wheel()):
        path = name.replace(".", "/")
        if not _imp.is_frozen(name):  # frozen into the interpreter (CPython's usual set, Pyodide's too)
            wanted |= {f"{path}.py", f"{path}/__init__.py"} & stdlib
    assert wanted and {name + "c" for name in wanted} <= members
    assert {"json/__init__.pyc", "decimal.pyc", "zoneinfo/__init__.pyc", "encodings/utf_8.pyc"} <= members
    full_size = (ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").stat().st_size
    assert (archive.parent / (archive.name + ".br")).stat().st_size < full_size / 2


def test_worker_is_told_the_size_of_every_download(built_site):
    """The runtime config gives each file a start may download, plain and on the wire (its brotli twin), for
    the progress shown and for choosing between the snapshot and a normal start."""
    site = built_site.site
    runtime = _runtime(site)
    for name in ("pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.mjs", runtime["stdlib"], runtime["wheel"], runtime["snapshot"]):
        size, wire = runtime["sizes"][name]
        assert size == (site / name).stat().st_size
        assert wire == (site / (name + ".br")).stat().st_size < size
