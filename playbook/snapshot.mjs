// Pyodide at build time, in Node, with the very files the site vendors (run by
// playbook/stdlib.py and playbook/snapshot.py):
//
//   node snapshot.mjs stdlib PYODIDE_DIR STDLIB LOCK PACKAGE NAMES_JSON OUT
//     Start Python the way the worker's normal start does (Pyodide's whole
//     standard library, the wheel through the lock file), import NAMES_JSON
//     (every module the rules package imports anywhere), run each calculator's
//     example in both languages, and write OUT: a stored zip of the
//     standard-library files that were loaded, each module compiled to
//     bytecode (see playbook/stdlib.py).
//
//   node snapshot.mjs snapshot PYODIDE_DIR STDLIB LOCK PACKAGE_DIR NAMES_JSON KEY OUT
//     Start Python on that small archive, copy the unpacked wheel into
//     site-packages, import NAMES_JSON and save the interpreter's memory.
//     Nothing else is imported (the wheel is unpacked by the build, not by
//     zipfile in here): every module imported is memory the browser downloads.
//     A snapshot may hold no JavaScript references, which loadPackage() would
//     leave. `sys._playbook_snapshot = KEY` lets the worker check that the
//     snapshot it restored is the one it asked for.
//
// Uses Pyodide's private snapshot API (_makeSnapshot / makeMemorySnapshot),
// tied to the exact Pyodide build: pinned by package-lock.json, checked by
// tests/browser/test_startup.py, and the worker falls back to a normal start
// whenever a snapshot fails to load.
import { readFileSync, readdirSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [mode, dir, stdlib, lock, ...rest] = process.argv.slice(2);
// Emscripten takes sys.executable and $_ from argv: give it what a browser has,
// not this machine's paths.
process.argv.splice(1, Infinity, "./this.program");
const { loadPyodide } = await import(pathToFileURL(`${dir}/pyodide.mjs`).href);
const options = {
  indexURL: dir.endsWith("/") ? dir : dir + "/",
  stdLibURL: stdlib,
  lockFileURL: lock,
  // The snapshot is shipped: nothing of the build machine may end up in it.
  env: { HOME: "/home/pyodide" },
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
};

if (mode === "stdlib") {
  const [pkg, names, out] = rest;
  // Bytecode with line numbers but no column ranges (-X no_debug_ranges): a third of the
  // archive's bytes were the ranges, which only point tracebacks at columns.
  const py = await loadPyodide({ ...options, env: { ...options.env, PYTHONNODEBUGRANGES: "1" }, packages: [pkg] });
  py.globals.set("names", JSON.parse(readFileSync(names, "utf8")));
  py.runPython(`
def _small_stdlib(names, out):
    import importlib, importlib._bootstrap_external as bootstrap, json, sys, zipfile
    for name in names:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name or "." not in name:
                raise
            # from x import y, where y is not a module
    import ${pkg} as package
    for name, spec in package.catalog().items():
        for lang in ("zh", "en"):
            package.run_json(name, json.dumps({**spec["example"], "lang": lang}, ensure_ascii=False), "null")
    archive = "/lib/python%d%d.zip" % sys.version_info[:2]
    # What was read from the archive: not the modules frozen into the interpreter, whose
    # __file__ names the archive all the same.
    loaded = {m.__file__ for m in list(sys.modules.values())
              if type(getattr(m, "__loader__", None)).__name__ == "zipimporter" and getattr(m, "__file__", None)}
    files = sorted(f[len(archive) + 1:] for f in loaded if f.startswith(archive + "/"))
    with zipfile.ZipFile(archive) as full, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as small:
        for name in files:
            data = full.read(name)
            if name.endswith(".py"):  # bytecode, without docstrings and asserts (-OO)
                code = compile(data, f"{archive}/{name}", "exec", optimize=2, dont_inherit=True)
                data, name = bytes(bootstrap._code_to_hash_pyc(code, bytes(8), checked=False)), name + "c"
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            small.writestr(info, data)

_small_stdlib(names.to_py(), "/tmp/stdlib.zip")
`);
  writeFileSync(out, py.FS.readFile("/tmp/stdlib.zip"));
} else if (mode === "snapshot") {
  const [packageDir, names, key, out] = rest;
  // As the standard library: line numbers, no column ranges (2.5 % fewer bytes).
  const py = await loadPyodide({ ...options, env: { ...options.env, PYTHONNODEBUGRANGES: "1" }, _makeSnapshot: true });
  const site = py.runPython("import site; site.getsitepackages()[0]");
  copyTree(py.FS, packageDir, site);
  py.globals.set("names", JSON.parse(readFileSync(names, "utf8")));
  py.runPython(`
def _setup(names):
    import importlib, sys
    importlib.invalidate_caches()
    for name in names:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name and "." in name:
                continue  # from x import y, where y is not a module
            raise
    sys._playbook_snapshot = ${JSON.stringify(key)}

_setup(names.to_py())
del _setup
`);
  py.globals.delete("names");
  py.runPython("import gc; gc.collect()");
  zeroFreeMemory(py._module);
  const bytes = py.makeMemorySnapshot();
  writeFileSync(out + ".part", bytes);
  renameSync(out + ".part", out);
} else {
  throw new Error(`unknown mode ${mode}`);
}

function copyTree(FS, from, to) {
  FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyTree(FS, source, `${to}/${entry.name}`);
    else FS.writeFile(`${to}/${entry.name}`, readFileSync(source));
  }
}

// Memory that was used and freed (compiling the modules' source) still holds
// its old bytes, which the snapshot would ship. Take every free block from the
// allocator without growing the heap, zero it, give it back, and zero what
// lies above the heap's top.
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
