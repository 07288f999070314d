// The calculators' Web Worker: one Pyodide, started once, answering
// {id, type: "run", name, payload, policy} with {id, ok, result | error}.
// Decimals cross as strings: payloads and results are JSON text.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

let engine = null; // the one loadPyodide() promise

function start(runtime) {
  if (engine) return engine;
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
  try {
    if (type === "init") {
      await start(event.data.runtime);
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
