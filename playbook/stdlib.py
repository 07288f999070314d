"""The standard library the calculators need, as one small archive made at build time.

Pyodide ships its whole standard library as ``python_stdlib.zip``: 2.5 MB of
source, each entry deflated on its own, so no transfer compression helps, and
every module imported is compiled from source as Python starts. A start needs a
sixth of it. At build time Pyodide runs in Node the way the worker's normal
start does (``snapshot.mjs stdlib``): the wheel through the lock file, every
module the rules package imports anywhere (found in its source), each
calculator's example in both languages. Every standard-library module it loaded
goes into ``stdlib-<hash>.zip``, compiled to bytecode by that very Python
(without docstrings and asserts, as ``-OO`` does) and stored rather than
deflated, so that the archive compresses as a whole. Measured here: the archive
is 0.95 MB on the wire instead of 2.5, and a normal start takes a third to half
of the time, most of which was compiling the standard library. The worker passes
it to ``loadPyodide({stdLibURL})``; the memory snapshot is made on it, since
zipimport keeps an archive's directory in memory.

The archive is cached under ``build/snapshot-cache/`` by a key over its inputs.
Without Node the site ships Pyodide's own archive.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import tempfile
import threading
import zipfile
from pathlib import Path

from .cachedir import prune, store, used
from .snapshot import CACHE, CACHE_KEEP, PYODIDE_FILES, content_key, run_node
from .wheel import Wheel

FULL = "python_stdlib.zip"  # Pyodide's archive, in its npm package


# CPython 3.11's parser is not safe to run in two threads at once (``build --all``
# builds courses side by side): "AST constructor recursion depth mismatch".
_parsing = threading.Lock()


def imported_names(wheel: Wheel) -> list[str]:
    """The wheel's own modules, then every absolute import in its source (``from a import b`` gives a and a.b)."""
    with _parsing:
        return _imported_names(wheel)


def _imported_names(wheel: Wheel) -> list[str]:
    own: list[str] = []
    found: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(wheel.data)) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith(".py") or ".dist-info/" in name:
                continue
            module = name[:-3].replace("/", ".").removesuffix(".__init__")
            own.append(module)
            for node in ast.walk(ast.parse(zf.read(name), name)):
                if isinstance(node, ast.Import):
                    found.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module)
                    found.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    top = {m.split(".", 1)[0] for m in own}
    return own + sorted(n for n in found if n.split(".", 1)[0] not in top | {"__future__"})


def small_stdlib(pyodide_dir: Path, full: Path, lock_name: str, wheel: Wheel, names: list[str],
                 cache: Path | None = CACHE) -> bytes | None:
    """The small archive's bytes (see the module docstring); None without Node."""
    lock_text = (pyodide_dir / lock_name).read_text(encoding="utf-8")
    key = content_key(pyodide_dir, PYODIDE_FILES, hashlib.sha256(full.read_bytes()).hexdigest(), wheel.sha256, lock_text, " ".join(names))
    cached = cache / f"{key}.stdlib.zip" if cache else None
    if cached and cached.is_file():
        return used(cached).read_bytes()
    with tempfile.TemporaryDirectory(prefix="playbook-stdlib-") as tmp:
        names_file, out = Path(tmp) / "names.json", Path(tmp) / "stdlib.zip"
        names_file.write_text(json.dumps(names), encoding="utf-8")
        what = "small standard library: the site ships Pyodide's whole archive"
        if not run_node("stdlib", pyodide_dir, full, pyodide_dir / lock_name, wheel.name, names_file, out, what=what):
            return None
        data = out.read_bytes()
    if cached:
        store(cached, data)
        prune(cache, "*.stdlib.zip", keep=CACHE_KEEP)
    return data


def write_stdlib(pyodide_dir: Path, data: bytes) -> str:
    """Write the archive as ``stdlib-<hash>.zip`` into ``pyodide_dir``; return that name."""
    name = f"stdlib-{hashlib.sha256(data).hexdigest()[:16]}.zip"
    (pyodide_dir / name).write_bytes(data)
    return name
