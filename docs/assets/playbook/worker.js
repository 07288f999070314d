// The calculators' Web Worker: one Pyodide, started once, answering
// {id, type: "run", name, payload, policy} with {id, ok, result | error}.
// Decimals cross as strings: payloads and results are JSON text.
//
// Start-up (see README, "Start-up"): the page compiles pyodide.asm.wasm and
// posts the module here; the interpreter comes from a memory snapshot made at
// build time with the rules package already imported (playbook/snapshot.py).
// If the snapshot fails to load for any reason (missing, truncated, made by
// another Pyodide build, another wheel), Python starts the normal way.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

let engine = null; // the one start-up promise

// Until the page's compiled module arrives, Pyodide's fetch of the wasm file is
// answered with a placeholder and its streaming instantiation waits for the
// module; if the page could not compile it, the real file is used.
let moduleArrived;
const pageModule = new Promise((resolve) => (moduleArrived = resolve));
const PLACEHOLDER = "x-playbook-placeholder";

function usePageModule() {
  const realFetch = self.fetch;
  const realInstantiate = WebAssembly.instantiateStreaming;
  self.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith("/pyodide.asm.wasm")) return realFetch(input, init);
    const headers = { "Content-Type": "application/wasm", [PLACEHOLDER]: url };
    return Promise.resolve(new Response(new Uint8Array(0), { headers }));
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const url = response.headers.get(PLACEHOLDER);
    if (!url) return realInstantiate.call(WebAssembly, response, imports);
    const module = await pageModule;
    if (module instanceof WebAssembly.Module) {
      try {
        return { instance: await WebAssembly.instantiate(module, imports), module };
      } catch {
        /* fall through to the real file */
      }
    }
    return realInstantiate.call(WebAssembly, realFetch(url), imports);
  };
}

// The snapshot file leaves out the memory image's all-zero pages
// (playbook/snapshot.py, pack_pages): put the others back in place.
function unpackPages(buffer, size) {
  const head = new DataView(buffer);
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 8));
  if (buffer.byteLength < 20 || magic !== "PBSNAP1\0") throw new Error("snapshot: not a packed snapshot");
  const [full, page, count] = [head.getUint32(8, true), head.getUint32(12, true), head.getUint32(16, true)];
  if (full !== size) throw new Error(`snapshot: ${full} bytes, expected ${size}`);
  const image = new Uint8Array(full);
  let at = 20 + 4 * count;
  for (let k = 0; k < count; k++) {
    const start = head.getUint32(20 + 4 * k, true) * page;
    const length = Math.min(page, full - start);
    if (length <= 0 || at + length > buffer.byteLength) throw new Error("snapshot: truncated");
    image.set(new Uint8Array(buffer, at, length), start);
    at += length;
  }
  if (at !== buffer.byteLength) throw new Error("snapshot: trailing bytes");
  return image;
}

async function fromSnapshot(runtime, options) {
  const bytes = fetch(new URL(runtime.snapshot, options.base)).then(async (response) => {
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    return unpackPages(await response.arrayBuffer(), runtime.snapshotSize);
  });
  bytes.catch(() => {}); // loadPyodide awaits it a little later
  const pyodide = await loadPyodide({ indexURL: options.indexURL, lockFileURL: options.lockFileURL, _loadSnapshot: bytes });
  const key = pyodide.runPython("import sys; getattr(sys, '_playbook_snapshot', None)");
  if (key !== runtime.snapshotKey) throw new Error(`snapshot: key ${key}, expected ${runtime.snapshotKey}`);
  return pyodide;
}

async function fullStart(runtime, options) {
  const pyodide = await loadPyodide({ indexURL: options.indexURL, lockFileURL: options.lockFileURL });
  await pyodide.loadPackage(runtime.package, { checkIntegrity: true, messageCallback: () => {} });
  return pyodide;
}

function start(runtime, precompiled) {
  if (engine) return engine;
  if (precompiled) usePageModule();
  const base = new URL("../../", import.meta.url);
  const options = {
    base,
    indexURL: new URL(runtime.pyodide, base).href,
    lockFileURL: new URL(runtime.lock, base).href,
  };
  engine = (async () => {
    let pyodide = null;
    let fallback = null; // why the snapshot was not used
    if (runtime.snapshot) {
      try {
        pyodide = await fromSnapshot(runtime, options);
      } catch (err) {
        fallback = String(err && err.message ? err.message : err).split("\n")[0];
      }
    } else fallback = "no snapshot in this build";
    if (!pyodide) pyodide = await fullStart(runtime, options);
    const runJson = pyodide.pyimport(runtime.package).run_json;
    const run = (name, payload, policy) => JSON.parse(runJson(name, JSON.stringify(payload), JSON.stringify(policy ?? null)));
    return { run, started: fallback ? "full" : "snapshot", fallback };
  })();
  return engine;
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  if (type === "module") return moduleArrived(event.data.module);
  try {
    if (type === "init") {
      const { started, fallback } = await start(event.data.runtime, event.data.precompiled);
      self.postMessage({ id, ok: true, result: { started, fallback } });
    } else if (type === "run") {
      const { run } = await engine;
      self.postMessage({ id, ok: true, result: run(event.data.name, event.data.payload, event.data.policy) });
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err && err.message ? err.message : err) });
  }
};
