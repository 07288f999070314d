// The calculators' worker: one Pyodide, started once. It runs as a shared
// worker that outlives its pages where the browser allows it (see boot.js),
// else as a page's dedicated worker.
//
// The protocol, one request type per call of the rules package (calculators/page.py):
//   {id, type: "init", runtime, lang}                       -> {started, fallback, how, at, connections}
//   {id, type: "run", name, payload, policy, render?, lang} -> run()'s outcome (+ html: the answer, when render)
//   {id, type: "paste", name, field, text, lang}            -> the rows a pasted table gives that table field
//   {id, type: "csv", name, field, rows, lang}              -> the rows as CSV text
//   {id, type: "now", name, field, policy, at, lang}        -> the moment `at` (ms) as that field takes it, on the policy's clock
// Every reply is {id, ok: true, result} or {id, ok: false, error: {code, message}},
// code one of ERRORS, the message in the request's language: never a raw
// JavaScript or Python error (those go to the console). Decimals cross as
// strings: payloads and results travel as JSON text. While Python starts, the
// worker tells every page it serves how far it is, unasked:
//   {type: "progress", phase: "download" | "start", loaded, total}
// (bytes on the wire, from the sizes the build wrote into the runtime).
//
// Start-up (see README, "Start-up"): the worker downloads what every start
// needs (Pyodide's WebAssembly, compiled as it arrives, and the small standard
// library) and then chooses. Python comes from the memory snapshot made at
// build time (playbook/snapshot.py) when the snapshot is already cached, or when
// the link measured on that first download brings it in less time than it
// saves; otherwise Python starts the normal way, and the service worker fetches
// the snapshot later, for the next visit. If the snapshot fails to load for any
// reason (missing, truncated, made by another Pyodide build, another wheel),
// Python starts the normal way.

// Imported dynamically, so that the downloads start before this arrives.
const pyodideModule = import("../../pyodide/pyodide.mjs");

// The CPU time a snapshot start saves over a normal one once the bytes are in
// (README, "Start-up"); more on a phone. The snapshot is downloaded where it
// takes less than that.
const SNAPSHOT_SAVES_S = 1.5;
// Where the first EARLY_BYTES came in at twice the rate the snapshot needs,
// its download starts at once, beside the wasm, and is dropped if the whole
// wasm says otherwise (slower, or from a cache: the link is then unknown).
const EARLY_BYTES = 256 * 1024;

let engine = null; // the one start-up promise
let engineSettled = false;
let connections = 0;
const pages = new Set(); // where progress goes: each page's port, or self
let lastProgress = null;

function tell(message) {
  lastProgress = message;
  for (const page of pages) page.postMessage(message);
}

// ---- downloads, counted -----------------------------------------------------

const networkFetch = self.fetch.bind(self); // Pyodide's own fetches are answered below (answerPyodide)

// What has arrived, in bytes on the wire: each file's share of its size on the
// wire, by how much of it has arrived (a response body is read decoded).
class Meter {
  constructor(sizes) {
    this.sizes = sizes;
    this.files = new Map(); // url -> [arrived, size, wire]
    this.phase = "download";
    this.sentAt = 0;
    this.firstByte = 0;
    this.rateWhenDone = new Map(); // url -> rate() when its last byte arrived
    this.onEarly = null; // called once with rate() when EARLY_BYTES are in
  }
  expect(url) {
    const [size, wire] = this.sizes[url.slice(new URL("../../", import.meta.url).href.length)] || [0, 0];
    if (!this.files.has(url)) this.files.set(url, [0, size, wire]);
  }
  add(url, bytes) {
    const file = this.files.get(url);
    if (!file) return;
    this.firstByte ||= performance.now();
    file[0] += bytes;
    if (this.onEarly && this.wire().loaded >= EARLY_BYTES) {
      const early = this.onEarly;
      this.onEarly = null;
      early(this.rate());
    }
    this.report(false);
  }
  forget(url) {
    this.files.delete(url);
  }
  finish(url) {
    const file = this.files.get(url);
    if (file) file[0] = Math.max(file[0], file[1]);
    this.rateWhenDone.set(url, this.rate());
    this.report(false);
  }
  wire() {
    let loaded = 0;
    let total = 0;
    for (const [arrived, size, wire] of this.files.values()) {
      total += wire;
      loaded += size ? Math.min(1, arrived / size) * wire : 0;
    }
    return { loaded: Math.round(loaded), total };
  }
  // Bytes on the wire per second, since the first byte of any download.
  rate() {
    const seconds = (performance.now() - this.firstByte) / 1000;
    return seconds > 0 ? this.wire().loaded / seconds : Infinity;
  }
  report(force) {
    const now = performance.now();
    if (!force && now - this.sentAt < 100) return;
    this.sentAt = now;
    tell({ type: "progress", phase: this.phase, ...this.wire() });
  }
  starting() {
    this.phase = "start";
    this.report(true);
  }
}

// A download whose bytes are counted as they arrive: `response` for a
// streaming consumer (the wasm's compiler), or `bytes()` once it is all in;
// `done` when its last byte is in.
function download(url, meter, signal) {
  meter.expect(url);
  let arrived;
  const done = new Promise((resolve) => (arrived = resolve));
  const response = networkFetch(url, { signal }).then((r) => {
    if (!r.ok) throw new Error(`${url.split("/").pop()}: HTTP ${r.status}`);
    const counted = r.body.pipeThrough(
      new TransformStream({
        transform(chunk, out) {
          meter.add(url, chunk.byteLength);
          out.enqueue(chunk);
        },
        flush() {
          meter.finish(url);
          arrived();
        },
      }),
    );
    return new Response(counted, { status: r.status, headers: r.headers });
  });
  return { response, done, bytes: () => response.then((r) => r.arrayBuffer()) };
}

// Whether `url` came over the network, not from a cache, by the browser's
// account (its timing entry comes a moment after the last byte); false when
// the browser does not say: the link is then unknown.
async function overTheNetwork(url) {
  for (let tries = 0; tries < 30 && performance.getEntriesByName; tries++) {
    const entry = performance.getEntriesByName(url).pop();
    if (entry) return entry.encodedBodySize > 0 && entry.transferSize > entry.encodedBodySize / 2;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

// The snapshot, if a cache holds it (the service worker's, or the browser's
// HTTP cache: it is named by its content and sent as immutable); else null.
async function cachedSnapshot(url) {
  try {
    const hit = self.caches ? await caches.match(url) : null;
    if (hit && hit.ok) return hit;
  } catch {
    /* no Cache Storage here */
  }
  try {
    const hit = await networkFetch(url, { cache: "only-if-cached", mode: "same-origin" });
    if (hit.ok) return hit;
  } catch {
    /* not cached */
  }
  return null;
}

// ---- what Pyodide fetches, answered from the downloads above -----------------

// Pyodide's fetch of the wasm file is answered with a placeholder, and its
// streaming instantiation takes the module compiled as the file arrived; its
// fetches of the standard library and the wheel get the bytes already here
// (the wheel's sha256 is checked against the lock's, as fetch() would).
// While a snapshot is restored, the memory pages the snapshot file leaves out
// are copied from the fresh instance (`fillFromFresh`).
const PLACEHOLDER = "x-playbook-placeholder";
const served = new Map(); // url -> Promise<ArrayBuffer>
let compiled = Promise.resolve(null);
let fillFromFresh = null;

async function integrityHolds(bytes, integrity) {
  if (!integrity) return true;
  const [algorithm, expected] = integrity.split("-", 2);
  if (algorithm !== "sha256") return false;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return btoa(String.fromCharCode(...digest)) === expected;
}

function answerPyodide(wasmURL) {
  const realInstantiate = WebAssembly.instantiateStreaming;
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === wasmURL) {
      return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm", [PLACEHOLDER]: url } });
    }
    if (served.has(url)) {
      try {
        const bytes = await served.get(url);
        if (await integrityHolds(bytes, init?.integrity)) return new Response(bytes);
      } catch {
        /* the download failed: ask again */
      }
    }
    return networkFetch(input, init);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const url = response.headers.get(PLACEHOLDER);
    if (!url) return realInstantiate.call(WebAssembly, response, imports);
    let result = null;
    const module = await compiled;
    if (module instanceof WebAssembly.Module) {
      try {
        result = { instance: await WebAssembly.instantiate(module, imports), module };
      } catch {
        /* fall through to the real file */
      }
    }
    result ||= await realInstantiate.call(WebAssembly, networkFetch(url), imports);
    if (fillFromFresh) fillFromFresh(result.instance.exports.memory);
    return result;
  };
}

// ---- the snapshot ------------------------------------------------------------

// The snapshot file leaves out the pages of memory that a fresh instance of
// the wasm already holds (playbook/snapshot.py, pack_pages): the file's pages
// go into a full-size image now, the fresh instance's once it exists (`fill`).
// Everything is checked before anything is written.
function unpackSnapshot(buffer, expectedSize) {
  const view = new DataView(buffer);
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength)));
  if (buffer.byteLength < 28 || magic !== "PBSNAP2\0") throw new Error("snapshot: not a packed snapshot");
  const [full, headSize, page, freshEnd, count] = [8, 12, 16, 20, 24].map((at) => view.getUint32(at, true));
  if (full !== expectedSize) throw new Error(`snapshot: ${full} bytes, expected ${expectedSize}`);
  const at = 28 + 4 * count;
  if (at + headSize > buffer.byteLength || freshEnd % page || headSize + freshEnd > full) throw new Error("snapshot: truncated");
  const pages = [];
  let previous = -1;
  let from = at + headSize;
  for (let k = 0; k < count; k++) {
    const index = view.getUint32(28 + 4 * k, true);
    const length = Math.min(page, full - headSize - index * page);
    if (index <= previous || length <= 0 || from + length > buffer.byteLength) throw new Error("snapshot: truncated");
    pages.push([index, from, length]);
    previous = index;
    from += length;
  }
  if (from !== buffer.byteLength) throw new Error("snapshot: trailing bytes");
  const image = new Uint8Array(full);
  image.set(new Uint8Array(buffer, at, headSize), 0);
  for (const [index, offset, length] of pages) image.set(new Uint8Array(buffer, offset, length), headSize + index * page);
  const fill = (memory) => {
    const fresh = new Uint8Array(memory.buffer, 0, freshEnd);
    const end = freshEnd / page;
    let next = 0; // the first page not placed yet
    for (const [index] of [...pages, [end]]) {
      const stop = Math.min(index, end);
      if (stop > next) image.set(fresh.subarray(next * page, stop * page), headSize + next * page);
      next = index + 1;
      if (next >= end) break;
    }
  };
  return { image, fill };
}

async function fromSnapshot(runtime, options, buffer) {
  const { image, fill } = unpackSnapshot(buffer, runtime.snapshotSize);
  const { loadPyodide } = await pyodideModule;
  fillFromFresh = fill;
  let pyodide;
  try {
    pyodide = await loadPyodide({ ...options, _loadSnapshot: image });
  } finally {
    fillFromFresh = null;
  }
  const key = pyodide.runPython("import sys; getattr(sys, '_playbook_snapshot', None)");
  if (key !== runtime.snapshotKey) throw new Error(`snapshot: key ${key}, expected ${runtime.snapshotKey}`);
  return pyodide;
}

async function fullStart(runtime, options) {
  // The normal start: the wheel (the lock file lists nothing else) installs
  // once Python is up; Pyodide checks its sha256 first. Its code is compiled
  // without column ranges, as in the snapshot and the standard library
  // (playbook/snapshot.mjs): tracebacks keep their line numbers.
  const { loadPyodide } = await pyodideModule;
  return loadPyodide({ ...options, env: { PYTHONNODEBUGRANGES: "1" }, packages: [runtime.package] });
}

// ---- the start -------------------------------------------------------------

function start(runtime) {
  if (engine) return engine;
  const base = new URL("../../", import.meta.url);
  const url = (path) => new URL(path, base).href;
  const wasmURL = url(runtime.pyodide + "pyodide.asm.wasm");
  const stdlibURL = url(runtime.stdlib);
  const wheelURL = url(runtime.wheel);
  const options = { indexURL: url(runtime.pyodide), lockFileURL: url(runtime.lock), stdLibURL: stdlibURL };
  const meter = new Meter(runtime.sizes || {});
  const fetchWheel = () => served.has(wheelURL) || served.set(wheelURL, download(wheelURL, meter).bytes());
  answerPyodide(wasmURL);
  const t0 = performance.now();
  const at = {}; // milestones in ms since the worker started, for the benchmark: chosen, bytes in, up
  const mark = (name) => (at[name] = Math.round(performance.now() - t0));
  engine = (async () => {
    // What every start needs, at once and side by side.
    const asmURL = url(runtime.pyodide + "pyodide.asm.mjs");
    meter.expect(asmURL);
    const asm = import(asmURL).then(() => meter.finish(asmURL));
    const wasm = download(wasmURL, meter);
    compiled = wasm.response.then((r) => WebAssembly.compileStreaming(r)).catch(() => null);
    served.set(stdlibURL, download(stdlibURL, meter).bytes());
    const needed = () => Promise.all([served.get(stdlibURL), asm, compiled].map((p) => p.catch(() => null)));

    // Then the choice; `how` says why, for the benchmark and the curious.
    let snapshot = runtime.snapshot ? await cachedSnapshot(url(runtime.snapshot)) : null;
    let how = snapshot ? "cached" : runtime.snapshot ? "" : "no snapshot in this build";
    if (!snapshot && runtime.snapshot) {
      const snapshotURL = url(runtime.snapshot);
      const [, wire] = runtime.sizes?.[runtime.snapshot] || [0, Infinity];
      const pays = (rate) => rate !== null && wire / rate < SNAPSHOT_SAVES_S;
      let early = null;
      const dropEarly = new AbortController();
      meter.onEarly = (rate) => {
        if (wire / rate < SNAPSHOT_SAVES_S / 2) early = download(snapshotURL, meter, dropEarly.signal).response;
      };
      await Promise.race([wasm.done, compiled]); // the wasm is all in (or failed)
      meter.onEarly = null;
      const rate = (await overTheNetwork(wasmURL)) ? meter.rateWhenDone.get(wasmURL) ?? meter.rate() : null;
      how = rate === null ? "files cached, link unknown" : `link ${((rate * 8) / 1e6).toFixed(1)} Mbit/s`;
      if (pays(rate)) {
        snapshot = early || download(snapshotURL, meter).response;
        if (early) how += ", fetched beside the wasm";
      }
      else if (early) {
        dropEarly.abort();
        early.catch(() => {});
        meter.forget(snapshotURL);
      }
    }
    mark("chosen");
    let pyodide = null;
    let fallback = snapshot ? null : how; // why Python did not start from the snapshot
    if (snapshot) {
      try {
        const [buffer] = await Promise.all([Promise.resolve(snapshot).then((r) => r.arrayBuffer()), needed()]);
        mark("bytes in");
        meter.starting();
        pyodide = await fromSnapshot(runtime, options, buffer);
      } catch (err) {
        fallback = String(err && err.message ? err.message : err).split("\n")[0];
      }
    }
    if (!pyodide) {
      fetchWheel();
      await needed();
      mark("bytes in");
      meter.starting();
      pyodide = await fullStart(runtime, options);
    }
    const rules = pyodide.pyimport(runtime.package);
    mark("up");
    return { rules, started: fallback === null ? "snapshot" : "full", fallback, how, at };
  })();
  engine
    .finally(() => {
      engineSettled = true;
      lastProgress = null;
      pages.clear();
    })
    .catch(() => {});
  return engine;
}

// boot.js passes the runtime in the worker's name too: start at once, without
// waiting for the "init" message, which the browser may hold until the page's
// busy main thread gets to relay it. A shared worker starts once, for every
// page and tab of the build that connects to it.
if (self.name) {
  try {
    const { runtime } = JSON.parse(self.name);
    start(runtime).catch(() => {}); // reported to "init"
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
  now: (rules, m) => rules.now_json(m.name, m.field, Number(m.at), JSON.stringify(m.policy ?? null)),
};

// One handler for a dedicated worker (messages on self) and a shared one
// (messages on each page's port).
async function handle(event, reply) {
  const { id, type, lang } = event.data;
  let code = "bad_request";
  try {
    if (type === "init") {
      code = "start_failed";
      const { started, fallback, how, at } = await start(event.data.runtime);
      // connections: how many pages have asked this interpreter to start (1 = a fresh one).
      reply({ id, ok: true, result: { started, fallback, how, at, connections: ++connections } });
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

function connect(page) {
  if (engineSettled) return; // nothing more to tell
  pages.add(page);
  if (lastProgress) page.postMessage(lastProgress);
}

if (typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope) {
  self.onconnect = (event) => {
    const port = event.ports[0];
    connect(port);
    port.onmessage = (message) => handle(message, (data) => port.postMessage(data));
  };
} else {
  connect(self);
  self.onmessage = (message) => handle(message, (data) => self.postMessage(data));
}
