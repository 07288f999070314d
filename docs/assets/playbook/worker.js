// The calculators' Web Worker: one Pyodide, started once, answering
// {id, type: "run", name, payload, policy} with {id, ok, result | error}.
// Decimals cross as strings: payloads and results are JSON text.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

let engine = null; // the one loadPyodide() promise

// The page compiles pyodide.asm.wasm (see calculator.js) and posts the module.
// Until it arrives, Pyodide's own fetch of that file is answered with nothing
// and its one streaming instantiation waits for the module; if the page could
// not compile it, both fall back to the real file.
let moduleArrived;
const pageModule = new Promise((resolve) => (moduleArrived = resolve));

function usePageModule() {
  const realFetch = self.fetch;
  const realInstantiate = WebAssembly.instantiateStreaming;
  let wasmURL = null;
  self.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith("/pyodide.asm.wasm")) return realFetch(input, init);
    self.fetch = realFetch; // once only
    wasmURL = url;
    return Promise.resolve(new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } }));
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    WebAssembly.instantiateStreaming = realInstantiate; // once only
    const module = await pageModule;
    if (module instanceof WebAssembly.Module) {
      try {
        return { instance: await WebAssembly.instantiate(module, imports), module };
      } catch {
        /* fall through to the real file */
      }
    }
    return realInstantiate.call(WebAssembly, wasmURL ? realFetch(wasmURL) : source, imports);
  };
}

function start(runtime, precompiled) {
  if (engine) return engine;
  if (precompiled) usePageModule();
  const base = new URL("../../", import.meta.url);
  engine = (async () => {
    const pyodide = await loadPyodide({
      indexURL: new URL(runtime.pyodide, base).href,
      lockFileURL: new URL(runtime.lock, base).href,
    });
    await pyodide.loadPackage(runtime.package, { checkIntegrity: true, messageCallback: () => {} });
    const runJson = pyodide.pyimport(runtime.package).run_json;
    return (name, payload, policy) => JSON.parse(runJson(name, JSON.stringify(payload), JSON.stringify(policy ?? null)));
  })();
  return engine;
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  if (type === "module") return moduleArrived(event.data.module);
  try {
    if (type === "init") {
      await start(event.data.runtime, event.data.precompiled);
      self.postMessage({ id, ok: true, result: null });
    } else if (type === "run") {
      const run = await engine;
      self.postMessage({ id, ok: true, result: run(event.data.name, event.data.payload, event.data.policy) });
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err && err.message ? err.message : err) });
  }
};
