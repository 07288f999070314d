// The calculators' worker: one Pyodide, started once. It runs as a shared
// worker that outlives its pages where the browser allows it (see boot.js),
// else as a page's dedicated worker.
//
// The protocol, one request type per call of the rules package (calculators/page.py):
//   {id, type: "init", runtime, precompiled, lang}          -> {started, fallback, connections}
//   {id, type: "run", name, payload, policy, render?, lang} -> run()'s outcome (+ html: the answer, when render)
//   {id, type: "paste", name, field, text, lang}            -> the rows a pasted table gives that table field
//   {id, type: "csv", name, field, rows, lang}              -> the rows as CSV text
//   {type: "module", module}                                   (no reply: the page's compiled Pyodide)
// Every reply is {id, ok: true, result} or {id, ok: false, error: {code, message}},
// code one of ERRORS, the message in the request's language: never a raw
// JavaScript or Python error (those go to the console). Decimals cross as
// strings: payloads and results travel as JSON text.
//
// Start-up (see README, "Start-up"): the interpreter comes from a memory
// snapshot made at build time with the rules package already imported
// (playbook/snapshot.py). If the snapshot fails to load for any reason
// (missing, truncated, made by another Pyodide build, another wheel), Python
// starts the normal way. A dedicated worker gets pyodide.asm.wasm compiled by
// its page.

// Imported dynamically, so that the snapshot's download starts before this arrives.
const pyodideModule = import("../../pyodide/pyodide.mjs");

let engine = null; // the one start-up promise
let connections = 0;

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
// (playbook/snapshot.py, pack_pages): put the others back in place, in
// `image`. Everything is checked before anything is written.
function unpackPages(buffer, image) {
  const head = new DataView(buffer);
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength)));
  if (buffer.byteLength < 20 || magic !== "PBSNAP1\0") throw new Error("snapshot: not a packed snapshot");
  const [full, page, count] = [head.getUint32(8, true), head.getUint32(12, true), head.getUint32(16, true)];
  if (full !== image.length) throw new Error(`snapshot: ${full} bytes, expected ${image.length}`);
  if (20 + 4 * count > buffer.byteLength) throw new Error("snapshot: truncated");
  const pages = [];
  let at = 20 + 4 * count;
  for (let k = 0; k < count; k++) {
    const start = head.getUint32(20 + 4 * k, true) * page;
    const length = Math.min(page, full - start);
    if (length <= 0 || at + length > buffer.byteLength) throw new Error("snapshot: truncated");
    pages.push([start, at, length]);
    at += length;
  }
  if (at !== buffer.byteLength) throw new Error("snapshot: trailing bytes");
  for (const [start, from, length] of pages) image.set(new Uint8Array(buffer, from, length), start);
}

async function fromSnapshot(runtime, options) {
  // (Handing Pyodide an empty image at once and letting the download fill it
  // while Pyodide instantiates was tried: on two cores it was slower.)
  const bytes = fetch(new URL(runtime.snapshot, options.base)).then(async (response) => {
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const image = new Uint8Array(runtime.snapshotSize);
    unpackPages(await response.arrayBuffer(), image);
    return image;
  });
  bytes.catch(() => {}); // loadPyodide awaits it a little later
  const { loadPyodide } = await pyodideModule;
  const pyodide = await loadPyodide({ indexURL: options.indexURL, lockFileURL: options.lockFileURL, _loadSnapshot: bytes });
  const key = pyodide.runPython("import sys; getattr(sys, '_playbook_snapshot', None)");
  if (key !== runtime.snapshotKey) throw new Error(`snapshot: key ${key}, expected ${runtime.snapshotKey}`);
  return pyodide;
}

async function fullStart(runtime, options) {
  // The normal start: the wheel (the lock file lists nothing else) downloads
  // and installs while Python boots; Pyodide checks its sha256 first.
  const { loadPyodide } = await pyodideModule;
  return loadPyodide({ indexURL: options.indexURL, lockFileURL: options.lockFileURL, packages: [runtime.package] });
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
    return { rules: pyodide.pyimport(runtime.package), started: fallback ? "full" : "snapshot", fallback };
  })();
  return engine;
}

// boot.js passes the runtime in the worker's name too: start at once, without
// waiting for the "init" message, which the browser may hold until the page's
// busy main thread gets to relay it. A shared worker starts once, for every
// page and tab of the build that connects to it.
if (self.name) {
  try {
    const { runtime, precompiled } = JSON.parse(self.name);
    start(runtime, precompiled).catch(() => {}); // reported to "init"
  } catch {
    /* a name that is not ours: wait for "init" */
  }
}

const ERRORS = {
  start_failed: { zh: "计算引擎没能启动", en: "the calculator could not start" },
  calc_failed: { zh: "计算没能完成", en: "the calculation could not be completed" },
  bad_request: { zh: "页面发来了计算器不认识的请求，请刷新页面", en: "the page asked for something the calculator does not know; reload the page" },
};
const failure = (code, lang) => ({ code, message: ERRORS[code][String(lang || "").slice(0, 2)] || ERRORS[code].zh });

// The rules package's calls, JSON text in and out.
const CALLS = {
  run: (rules, m) => JSON.parse(rules[m.render ? "answer_json" : "run_json"](m.name, JSON.stringify(m.payload), JSON.stringify(m.policy ?? null))),
  paste: (rules, m) => JSON.parse(rules.paste_json(m.name, m.field, String(m.text ?? ""), m.lang || "zh")),
  csv: (rules, m) => rules.csv_json(m.name, m.field, JSON.stringify(m.rows ?? []), m.lang || "zh"),
};

// One handler for a dedicated worker (messages on self) and a shared one
// (messages on each page's port).
async function handle(event, reply) {
  const { id, type, lang } = event.data;
  if (type === "module") return moduleArrived(event.data.module);
  let code = "bad_request";
  try {
    if (type === "init") {
      code = "start_failed";
      const { started, fallback } = await start(event.data.runtime, event.data.precompiled);
      // connections: how many pages have asked this interpreter to start (1 = a fresh one).
      reply({ id, ok: true, result: { started, fallback, connections: ++connections } });
    } else if (Object.hasOwn(CALLS, type)) {
      code = "start_failed";
      if (!engine) throw new Error("no init message before this call");
      const { rules } = await engine;
      code = "calc_failed";
      reply({ id, ok: true, result: CALLS[type](rules, event.data) });
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  } catch (err) {
    console.error(`playbook worker (${code}):`, err);
    reply({ id, ok: false, error: failure(code, lang) });
  }
}

if (typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope) {
  self.onconnect = (event) => {
    const port = event.ports[0];
    port.onmessage = (message) => handle(message, (data) => port.postMessage(data));
  };
} else {
  self.onmessage = (message) => handle(message, (data) => self.postMessage(data));
}
