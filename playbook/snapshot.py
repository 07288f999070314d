"""A Pyodide memory snapshot made at build time: the interpreter with the rules package imported.

Restoring it in the browser replaces Pyodide's start-up (booting CPython,
importing its core, installing and importing the wheel) with one copy into
WebAssembly memory. It uses Pyodide's private snapshot API, which is tied to
the exact Pyodide build, so:

- the snapshot is made in Node by ``playbook/snapshot.mjs`` from the very files
  the site vendors (pinned by package-lock.json), on the site's own
  standard-library archive (``stdlib.py``);
- its file name carries a key over the Pyodide files, that archive, the
  wheel's sha256, the lock file and the script, so a stale snapshot is never
  taken for a fresh one; the worker checks the key again inside the restored
  interpreter;
- the worker falls back to a normal start whenever the snapshot fails to load
  (missing, truncated, another build, wrong key), and the calculator answers
  anyway;
- snapshots are cached under ``build/snapshot-cache/`` by key: rebuilding
  without changing the rules package costs nothing; the CACHE_KEEP most
  recently used are kept.

The worker takes the snapshot only where it pays (see worker.js): it is most of
a cold start's bytes. No Node (or a Pyodide that cannot snapshot) means no
snapshot: the build logs why and the site starts the normal way;
``PLAYBOOK_NO_SNAPSHOT=1`` builds without one on purpose.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .cachedir import prune, store, used

log = logging.getLogger("playbook")

SCRIPT = Path(__file__).resolve().parent / "snapshot.mjs"
# The Pyodide files whose bytes the snapshot depends on (BUILD_ID lives in pyodide.mjs).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
CACHE = paths.ROOT / "build" / "snapshot-cache"
CACHE_KEEP = 3  # images (31 MB each): the current one and a couple to switch back to


# The shipped file leaves out every page of WebAssembly memory that a fresh
# instance of the same wasm already holds: the all-zero pages and the pages of
# its data segments that Python never wrote (about two thirds of the image in
# all). The worker copies those from the instance it has just made. Layout,
# little-endian:
#   MAGIC, u32 image size, u32 head size, u32 page size, u32 fresh end, u32 page count,
#   u32 page index * count, head bytes, page bytes * count
# where the head is Pyodide's own header before the memory, page k is memory
# bytes [k * page, (k + 1) * page), and below "fresh end" a left-out page is
# the fresh instance's (above it, zeros).
MAGIC = b"PBSNAP2\0"
PAGE = 4096


def fresh_memory(wasm: bytes) -> bytes:
    """The linear memory of a fresh instance of ``wasm`` (its active data segments), trailing zeros cut."""
    def leb(at: int, signed: bool = False) -> tuple[int, int]:  # a LEB128 number at ``at``, and what follows
        value = shift = 0
        while True:
            byte = wasm[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return (value - (1 << shift) if signed and byte & 0x40 else value), at

    memory = bytearray()
    at = 8
    while at < len(wasm):
        section, at = wasm[at], at + 1
        size, at = leb(at)
        if section == 11:  # data
            count, pos = leb(at)
            for _ in range(count):
                flags, pos = leb(pos)
                if flags == 1:  # passive: not in memory until the code says so
                    length, pos = leb(pos)
                    pos += length
                    continue
                if flags == 2:
                    _, pos = leb(pos)
                if wasm[pos] != 0x41:  # not i32.const: an offset known only at run time
                    raise ValueError("data segment with a computed offset")
                offset, pos = leb(pos + 1, signed=True)
                if wasm[pos] != 0x0B:
                    raise ValueError("data segment offset is not a constant expression")
                length, pos = leb(pos + 1)
                if len(memory) < offset + length:
                    memory.extend(bytes(offset + length - len(memory)))
                memory[offset:offset + length] = wasm[pos:pos + length]
                pos += length
        at += size
    return bytes(memory).rstrip(b"\0")


def pack_pages(image: bytes, fresh: bytes = b"") -> bytes:
    """The snapshot without the memory pages a fresh instance already holds (see MAGIC)."""
    head = struct.unpack_from("<I", image, 4)[0]  # Pyodide's header size
    memory = memoryview(image)[head:]
    pages = (len(memory) + PAGE - 1) // PAGE
    fresh_end = min(len(memory), (len(fresh) + PAGE - 1) // PAGE * PAGE)
    padded = fresh + bytes(fresh_end - len(fresh))

    def kept(k: int) -> bool:
        chunk = memory[k * PAGE:(k + 1) * PAGE]
        if k * PAGE < fresh_end:
            return chunk != padded[k * PAGE:(k + 1) * PAGE]
        return bytes(chunk).strip(b"\0") != b""

    keep = [k for k in range(pages) if kept(k)]
    out = [MAGIC, struct.pack(f"<5I{len(keep)}I", len(image), head, PAGE, fresh_end, len(keep), *keep), image[:head]]
    out.extend(bytes(memory[k * PAGE:(k + 1) * PAGE]) for k in keep)
    return b"".join(out)


def unpack_pages(data: bytes, fresh: bytes = b"") -> bytes:
    """The full snapshot again (what the worker does in JavaScript, with the instance's memory as ``fresh``)."""
    if data[:8] != MAGIC:
        raise ValueError("not a packed snapshot")
    size, head, page, fresh_end, count = struct.unpack_from("<5I", data, 8)
    pages = struct.unpack_from(f"<{count}I", data, 28)
    at = 28 + 4 * count
    image = bytearray(size)
    image[:head] = data[at:at + head]
    at += head
    image[head:head + fresh_end] = (fresh + bytes(fresh_end))[:fresh_end]
    for k in pages:
        start = head + k * page
        chunk = data[at:at + min(page, size - start)]
        image[start:start + len(chunk)] = chunk
        at += len(chunk)
    return bytes(image)


@dataclass(frozen=True)
class Snapshot:
    file_name: str  # relative to the pyodide folder
    key: str
    size: int  # of the memory image, once unpacked


def content_key(pyodide_dir: Path, files: tuple[str, ...], *extra: str) -> str:
    """A key over the bytes of ``files`` in ``pyodide_dir``, ``extra`` texts and the Node script."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256((pyodide_dir / name).read_bytes()).digest())
    for text in extra:
        digest.update(text.encode() + b"\0")
    digest.update(SCRIPT.read_bytes())
    return digest.hexdigest()[:20]


def run_node(mode: str, *args: str | Path, what: str) -> bool:
    """Run snapshot.mjs in ``mode``; False (with a warning saying that ``what`` is skipped) when it cannot run."""
    node = shutil.which("node")
    if not node:
        log.warning("no %s (node not found)", what)
        return False
    proc = subprocess.run([node, str(SCRIPT), mode, *map(str, args)], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        log.warning("no %s (node failed): %s", what, (proc.stderr or proc.stdout).strip()[-2000:])
        return False
    return True


def make_snapshot(pyodide_dir: Path, stdlib: str, lock_path: Path, wheel: bytes, modules: list[str], key: str,
                  cache: Path | None = CACHE) -> bytes | None:
    """The snapshot's bytes (from the cache when this key was made before); None when it cannot be made."""
    cached = cache / f"{key}.bin" if cache else None
    if cached and cached.is_file():
        data = used(cached).read_bytes()
    else:
        data = _run_node(pyodide_dir, stdlib, lock_path, wheel, modules, key)
        if data is None:
            return None
        if cached:
            store(cached, data)
    if cache:
        prune(cache, "*.bin", keep=CACHE_KEEP)
    return data


def _run_node(pyodide_dir: Path, stdlib: str, lock_path: Path, wheel: bytes, modules: list[str], key: str) -> bytes | None:
    import json

    with tempfile.TemporaryDirectory(prefix="playbook-snapshot-") as tmp:
        package, names, out = Path(tmp) / "package", Path(tmp) / "names.json", Path(tmp) / "snapshot.bin"
        with zipfile.ZipFile(io.BytesIO(wheel)) as zf:
            zf.extractall(package)  # the build's own wheel
        names.write_text(json.dumps(modules), encoding="utf-8")
        what = "Pyodide snapshot: calculators start the normal way"
        if not run_node("snapshot", pyodide_dir, pyodide_dir / stdlib, lock_path, package, names, key, out, what=what):
            return None
        return out.read_bytes() if out.is_file() else None


def write_snapshot(pyodide_dir: Path, stdlib: str, lock_name: str, wheel: bytes, wheel_sha256: str, modules: list[str],
                   cache: Path | None = CACHE) -> Snapshot | None:
    """Write ``snapshot-<key>.bin`` into the vendored ``pyodide_dir``; None when there is none.

    ``stdlib`` is the standard-library archive the site ships (in ``pyodide_dir``), ``modules``
    what to import before saving."""
    if os.environ.get("PLAYBOOK_NO_SNAPSHOT"):  # to compare, or to rule the snapshot out
        return None
    lock_text = (pyodide_dir / lock_name).read_text(encoding="utf-8")
    key = content_key(pyodide_dir, (*PYODIDE_FILES, stdlib), wheel_sha256, lock_text, " ".join(modules))
    data = make_snapshot(pyodide_dir, stdlib, pyodide_dir / lock_name, wheel, modules, key, cache)
    if data is None:
        return None
    name = f"snapshot-{key}.bin"
    try:
        fresh = fresh_memory((pyodide_dir / "pyodide.asm.wasm").read_bytes())
    except ValueError:  # a wasm whose memory is laid out at run time: leave out the zero pages only
        fresh = b""
    (pyodide_dir / name).write_bytes(pack_pages(data, fresh))
    return Snapshot(name, key, len(data))
