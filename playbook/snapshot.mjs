// Make a Pyodide memory snapshot with the rules package imported (run by
// playbook/snapshot.py at build time, in Node, with the very Pyodide files the
// site vendors):
//   node snapshot.mjs PYODIDE_DIR LOCK WHEEL KEY OUT
// The wheel is unpacked into site-packages by Python itself, not with
// loadPackage(): a snapshot may hold no JavaScript references, and
// loadPackage() leaves one. Every module of the package is imported, so the
// browser never reads the package's files. `sys._playbook_snapshot = KEY` lets
// the worker check that the snapshot it restored is the one it asked for.
// Uses Pyodide's private snapshot API (_makeSnapshot / makeMemorySnapshot),
// tied to the exact Pyodide build: pinned by package-lock.json, checked by
// tests/browser/test_startup.py, and the worker falls back to a normal start
// whenever a snapshot fails to load.
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, lock, wheel, key, out] = process.argv.slice(2);
// Emscripten takes sys.executable and $_ from argv: give it what a browser has,
// not this machine's paths.
process.argv.splice(1, Infinity, "./this.program");
const { loadPyodide } = await import(pathToFileURL(`${dir}/pyodide.mjs`).href);
const py = await loadPyodide({
  indexURL: dir.endsWith("/") ? dir : dir + "/",
  lockFileURL: lock,
  _makeSnapshot: true,
  // The snapshot is shipped: nothing of the build machine may end up in it.
  env: { HOME: "/home/pyodide" },
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
py.FS.writeFile("/tmp/package.whl", readFileSync(wheel));
py.runPython(`
def _setup():
    import importlib, os, pkgutil, site, sys, zipfile
    with zipfile.ZipFile("/tmp/package.whl") as z:
        tops = {n.split("/", 1)[0] for n in z.namelist() if not n.split("/", 1)[0].endswith(".dist-info")}
        z.extractall(site.getsitepackages()[0])
    os.remove("/tmp/package.whl")
    importlib.invalidate_caches()
    for top in sorted(tops):
        package = importlib.import_module(top)
        for info in pkgutil.walk_packages(getattr(package, "__path__", []), top + "."):
            importlib.import_module(info.name)
    for name in ("json", "decimal", "zoneinfo"):  # standard modules the rules use, some lazily
        importlib.import_module(name)
    sys._playbook_snapshot = ${JSON.stringify(key)}

_setup()
del _setup
`);
py.runPython("import gc; gc.collect()");
zeroFreeMemory(py._module);
const bytes = py.makeMemorySnapshot();
writeFileSync(out + ".part", bytes);
renameSync(out + ".part", out);

// Memory that was used and freed (the wheel's unzipping, compiling the modules'
// source) still holds its old bytes, which the snapshot would ship. Take every
// free block from the allocator without growing the heap, zero it, give it back,
// and zero what lies above the heap's top: about a tenth fewer bytes to send,
// decode and copy.
function zeroFreeMemory(m) {
  m._malloc_set_footprint_limit(m._malloc_footprint());
  const blocks = [];
  for (let size = 1 << 24; size >= 16; size >>= 1) {
    for (let p = m._malloc(size); p; p = m._malloc(size)) {
      m.HEAPU8.fill(0, p, p + size);
      blocks.push(p);
    }
  }
  for (const p of blocks) m._free(p);
  m._malloc_set_footprint_limit(0xffffffff);
  m.HEAPU8.fill(0, m._sbrk(0));
}
