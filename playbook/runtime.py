"""Vendor the browser runtime into a built site: Pyodide, the wheel, the lock file.

Pyodide comes from ``node_modules/pyodide`` (installed by npm from
package-lock.json), with the standard library cut to what the calculators need
(``stdlib.py``). The rules wheel goes under a folder named by its hash, and
a small Pyodide lock file lists it with its sha256, which Pyodide checks
before installing. The lock's ``info`` block is copied from the vendored
Pyodide's own lock so that the versions cannot drift apart. The worker is told
each file's size, plain and on the wire, to show the start's progress and to
choose between the snapshot and a normal start (worker.js).

Why we write the lock entry ourselves instead of calling ``pyodide-lock``:
its current release needs Python >= 3.12 and this project runs on 3.11; the
entry is a dozen fields, and the browser test proves Pyodide accepts it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .compress import wire_size
from .snapshot import Snapshot, write_snapshot
from .stdlib import FULL, imported_names, small_stdlib, write_stdlib
from .wheel import Wheel, build_wheel
from .yamlfile import SourceError

# The files of the npm package that a page needs at run time (no source maps,
# no consoles, no TypeScript declarations); its standard library is cut down.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
)


@dataclass(frozen=True)
class Runtime:
    """Where the runtime sits in the site, relative to the site root."""

    pyodide_dir: str
    lock_file: str
    wheel: Wheel
    stdlib: str  # the standard-library archive, relative to the pyodide folder
    sizes: dict[str, list[int]]  # file (relative to the site) -> [bytes, bytes on the wire]
    snapshot: Snapshot | None = None

    def as_config(self) -> dict:
        config: dict = {"pyodide": self.pyodide_dir, "lock": self.lock_file, "package": self.wheel.name,
                        "wheel": self.pyodide_dir + self.wheel_path, "stdlib": self.pyodide_dir + self.stdlib,
                        "sizes": self.sizes}
        if self.snapshot:
            # The worker restores this memory snapshot instead of booting Python where
            # that pays, and checks its key and size; on any failure it starts the normal way.
            config |= {"snapshot": self.pyodide_dir + self.snapshot.file_name,
                       "snapshotKey": self.snapshot.key, "snapshotSize": self.snapshot.size}
        return config

    @property
    def wheel_path(self) -> str:
        return f"pkg/{self.wheel.sha256[:16]}/{self.wheel.file_name}"


def pyodide_version(node_modules: Path | None = None) -> str:
    pkg = (node_modules or paths.NODE_MODULES) / "pyodide" / "package.json"
    return json.loads(pkg.read_text(encoding="utf-8"))["version"]


def vendor(site_dir: Path, node_modules: Path | None = None, snapshots: bool = True) -> Runtime:
    """Copy Pyodide, write the wheel, its lock file and a memory snapshot (see snapshot.py) into ``site_dir``."""
    src = (node_modules or paths.NODE_MODULES) / "pyodide"
    missing = [f for f in (*RUNTIME_FILES, "pyodide-lock.json") if not (src / f).is_file()]
    if missing:
        raise SourceError(src, None, f"Pyodide is not installed (missing {', '.join(missing)}); run 'npm ci' (./dev does it)")
    dest = site_dir / "pyodide"
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(src / name, dest / name)
    wheel = build_wheel()
    rel = f"pkg/{wheel.sha256[:16]}/{wheel.file_name}"
    (dest / rel).parent.mkdir(parents=True, exist_ok=True)
    (dest / rel).write_bytes(wheel.data)
    upstream = json.loads((src / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = {
        "info": upstream["info"],
        "packages": {
            wheel.name: {
                "name": wheel.name,
                "version": wheel.version,
                "file_name": rel,
                "install_dir": "site",
                "sha256": wheel.sha256,
                "package_type": "package",
                "imports": [wheel.name],
                "depends": [],
                "unvendored_tests": False,
            }
        },
    }
    lock_text = json.dumps(lock, indent=1, sort_keys=True)
    import hashlib

    lock_name = f"playbook-lock.{hashlib.sha256(lock_text.encode()).hexdigest()[:12]}.json"
    (dest / lock_name).write_text(lock_text, encoding="utf-8")
    names = imported_names(wheel)
    small = small_stdlib(dest, src / FULL, lock_name, wheel, names)
    if small is None:  # no Node: Pyodide's own archive
        shutil.copyfile(src / FULL, dest / FULL)
        stdlib = FULL
    else:
        stdlib = write_stdlib(dest, small)
    snapshot = write_snapshot(dest, stdlib, lock_name, wheel.data, wheel.sha256, names) if snapshots and small else None
    shipped = [*RUNTIME_FILES, stdlib, rel, *([snapshot.file_name] if snapshot else [])]
    sizes = {f"pyodide/{name}": [(dest / name).stat().st_size, wire_size(dest / name)] for name in shipped}
    return Runtime("pyodide/", f"pyodide/{lock_name}", wheel, stdlib, sizes, snapshot)
