"""Time to the first *interactive* answer on the MAN page vs. a bare Pyodide page.

Both pages load the same vendored Pyodide and the same wheel (through the same
lock file), from the same server (`playbook serve`'s handler, which sends the
precompressed twins to both), and call the same ``calculators.run_json``; the
bare page has no form generator, no pre-rendered answer, no site theme, no
snapshot and no page-side compile. For each page, in the same run, interleaved:

- cold: a fresh browser context (empty HTTP cache, service workers blocked),
  navigate, wait until the calculator is ready, change one input, wait for its
  new answer;
- next page: from there, go to another calculator page (ours: the English MAN
  page, where Python is still running in the shared worker; bare: the bare
  page again, which starts Python again);
- warm: close the pages and end any shared worker (so Python must start again),
  then the same as cold in that context, whose HTTP cache now holds the files;
- offline: a context with service workers allowed; visit once and wait until
  the service worker has cached everything (ours: sw.js; bare: a minimal
  cache-first sw.js over the same files), end any shared worker, cut the
  network, open the page again.

Prints medians over --runs (default 7), the ratio ours / bare, and the bytes
transferred over the network (as the server wrote them: headers and encoded
bodies) by a cold and a warm load.
Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import threading
import time

from _common import chromium, median, served_site

BARE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<select id="a"><option>no</option><option>yes</option></select> <output id="out">…</output>
<script type="module">
if (new URLSearchParams(location.search).has("sw")) navigator.serviceWorker.register("sw.js");
import { loadPyodide } from "../pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../pyodide/", location.href).href, lockFileURL: new URL("../LOCK", location.href).href });
await py.loadPackage("calculators");
const run = py.pyimport("calculators").run_json;
const answer = () => { document.getElementById("out").textContent = JSON.parse(run("qualification",
  JSON.stringify({ money: "yes", authority: document.getElementById("a").value, need: "yes" }), "null")).result.verdict; };
document.getElementById("a").addEventListener("change", answer);
answer();
window.benchReady = true;
</script>"""

# The bare page's offline support: cache-first over exactly the files it loads.
BARE_SW = """const FILES = FILE_LIST;
self.addEventListener("install", (e) => e.waitUntil(caches.open("bare").then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (e) => e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || fetch(e.request))));
"""

OURS_READY = '[data-calculator="qualification"][data-state="ready"]'


def ours(page, base: str, offline_ready: bool = False, path: str = "qualification/") -> float:
    t0 = time.perf_counter()
    page.goto(base + path)
    page.wait_for_selector(OURS_READY, timeout=120_000)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'", timeout=30_000)
    elapsed = time.perf_counter() - t0
    page.check('input[name="authority"][value="no"]')  # back to the example, for the next visit
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'develop'", timeout=30_000)
    if offline_ready:
        page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=120_000)
    return elapsed


def bare(page, base: str, offline_ready: bool = False, path: str = "") -> float:
    t0 = time.perf_counter()
    page.goto(base + "bench-bare/" + ("?sw" if offline_ready else ""))
    page.wait_for_function("() => window.benchReady === true", timeout=120_000)
    page.select_option("#a", "yes")
    page.wait_for_function("() => document.getElementById('out').textContent === 'track'", timeout=30_000)
    elapsed = time.perf_counter() - t0
    if offline_ready:
        page.wait_for_function("async () => (await caches.has('bare')) && navigator.serviceWorker.controller !== null", timeout=120_000)
    return elapsed


def started_from(page) -> str:
    return page.get_attribute('[data-calculator="qualification"]', "data-started") or "?"


def end_shared_workers(cdp) -> None:
    """End every shared worker, as the browser does some time after its last page closed."""
    for target in cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] == "shared_worker":
            cdp.send("Target.closeTarget", {"targetId": target["targetId"]})


def offline(fn, browser, cdp, base: str) -> float:
    ctx = browser.new_context()
    try:
        first = ctx.new_page()
        fn(first, base, offline_ready=True)
        first.close()
        end_shared_workers(cdp)
        ctx.set_offline(True)
        return fn(ctx.new_page(), base)
    finally:
        ctx.close()


class Counter:
    """Bytes the server wrote (headers and bodies) to every client: all the network traffic of a load,
    including the requests of shared workers, which Playwright does not report."""

    def __init__(self) -> None:
        self.total = 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        with self.lock:
            self.total += n


def counting_server(site, counter: Counter):
    from playbook.serve import Handler

    class Counted(Handler):
        def setup(self) -> None:
            super().setup()
            raw = self.wfile

            class Writer:
                def write(self, data):
                    counter.add(len(data))
                    return raw.write(data)

                def __getattr__(self, name):
                    return getattr(raw, name)

            self.wfile = Writer()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counted, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def transferred(fn, browser, cdp, base: str, counter: Counter) -> tuple[int, int]:
    """Bytes over the network for a cold load, then a warm one (HTTP cache, Python started again)."""
    ctx = browser.new_context(service_workers="block")
    try:
        counter.total = 0
        first = ctx.new_page()
        fn(first, base)
        first.close()
        end_shared_workers(cdp)
        cold = counter.total
        counter.total = 0
        fn(ctx.new_page(), base)
        return cold, counter.total
    finally:
        ctx.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with served_site() as (site, base), chromium() as browser:
        lock = next((site / "pyodide").glob("playbook-lock.*.json")).relative_to(site).as_posix()
        wheel = json.loads((site / lock).read_text(encoding="utf-8"))["packages"]["calculators"]["file_name"]
        (site / "bench-bare").mkdir()
        (site / "bench-bare" / "index.html").write_text(BARE.replace("LOCK", lock), encoding="utf-8")
        files = ["./", *(f"../pyodide/{f}" for f in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", wheel)), "../" + lock]
        (site / "bench-bare" / "sw.js").write_text(BARE_SW.replace("FILE_LIST", json.dumps(files)), encoding="utf-8")
        cdp = browser.new_browser_cdp_session()
        results: dict[tuple[str, str], list[float]] = {}
        how: list[str] = []
        for _ in range(args.runs):
            for name, fn in (("ours", ours), ("bare", bare)):  # interleaved, so drift hits both
                ctx = browser.new_context(service_workers="block")
                page = ctx.new_page()
                results.setdefault((name, "cold"), []).append(fn(page, base))
                if name == "ours":
                    how.append(started_from(page))
                results.setdefault((name, "next page"), []).append(fn(page, base, path="en/qualification/" if name == "ours" else ""))
                page.close()
                end_shared_workers(cdp)
                results.setdefault((name, "warm"), []).append(fn(ctx.new_page(), base))
                ctx.close()
                end_shared_workers(cdp)
                results.setdefault((name, "offline"), []).append(offline(fn, browser, cdp, base))
        counter = Counter()
        httpd, counted = counting_server(site, counter)
        try:
            bytes_ours = transferred(ours, browser, cdp, counted, counter)
            bytes_bare = transferred(bare, browser, cdp, counted, counter)
        finally:
            httpd.shutdown()
            httpd.server_close()
    row = "{:<10} {:>10} {:>10} {:>10}"
    print(f"time to first interactive answer, median of {args.runs} runs (seconds); ours started from: {', '.join(sorted(set(how)))}")
    print(row.format("", "ours", "bare", "ours/bare"))
    summary = {}
    for kind in ("cold", "warm", "offline", "next page"):
        o, b = median(results[("ours", kind)]), median(results[("bare", kind)])
        summary[kind] = {"ours": round(o, 3), "bare": round(b, 3), "ratio": round(o / b, 3)}
        print(row.format(kind, f"{o:.3f}", f"{b:.3f}", f"{o / b:.2f}"))
    print(f"bytes transferred cold: ours {bytes_ours[0]:,}  bare {bytes_bare[0]:,}")
    print(f"bytes transferred warm: ours {bytes_ours[1]:,}  bare {bytes_bare[1]:,}")
    print(json.dumps({"runs": args.runs, "startup": summary,
                      "bytes": {"cold": {"ours": bytes_ours[0], "bare": bytes_bare[0]},
                                "warm": {"ours": bytes_ours[1], "bare": bytes_bare[1]}}}))


if __name__ == "__main__":
    main()
