"""Time to the first *interactive* answer on the MAN page vs. a bare Pyodide page.

Both pages load the same vendored Pyodide and the same wheel (through the same
lock file), from the same server (`playbook serve`'s handler, which sends the
precompressed twins to both), and call the same ``calculators.run_json``; the
bare page has no form generator, no pre-rendered answer, no site theme, no
snapshot and no page-side compile. For each page, in the same run, interleaved:

- cold: a browser with a new, empty profile (service workers blocked),
  navigate, wait until the calculator is ready, change one input, wait for its
  new answer;
- next page: from there, go to another calculator page (ours: the English MAN
  page, where Python is still running in the shared worker; bare: the bare
  page again, which starts Python again);
- warm: close the pages and end any shared worker (so Python must start again),
  then the same as cold in that profile, whose caches now hold the files;
- 3rd visit: the same once more. Chromium keeps a script's compiled code from
  its second load on, so this is the start a rep who comes back daily sees;
- offline: a new profile with service workers allowed; visit once and wait until
  the service worker has cached everything (ours: sw.js; bare: a minimal
  cache-first sw.js over the same files), end any shared worker, cut the
  network, open the page again.

Each profile is a real one on disk (`launch_persistent_context`), as a reader's
browser has: Playwright's default contexts are off-the-record, and there
Chromium keeps no compiled code between visits, which no reader's browser does.
Each browser gets SETTLE seconds to finish starting before the first visit, as a
reader's browser is running already. Both pages change the same kind of control
(a radio button) with the same action (`check`), and every wait is a
`wait_for_function`, which re-checks on each animation frame: Playwright's
`wait_for_selector` re-checks only every 500 ms after its first few tries,
which added 0-0.5 s at random to whichever page used it.

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
import tempfile
import threading
import time

from _common import CHROMIUM, FLAGS, median, served_site
from playwright.sync_api import sync_playwright

BARE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<fieldset id="a"><label><input type="radio" name="authority" value="no" checked> no</label>
<label><input type="radio" name="authority" value="yes"> yes</label></fieldset> <output id="out">…</output>
<script type="module">
if (new URLSearchParams(location.search).has("sw")) navigator.serviceWorker.register("sw.js");
import { loadPyodide } from "../pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../pyodide/", location.href).href, lockFileURL: new URL("../LOCK", location.href).href });
await py.loadPackage("calculators");
const run = py.pyimport("calculators").run_json;
const answer = () => { document.getElementById("out").textContent = JSON.parse(run("qualification",
  JSON.stringify({ money: "yes", authority: document.querySelector("input[name=authority]:checked").value, need: "yes" }), "null")).result.verdict; };
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

SETTLE = 2.0  # seconds
OURS_READY = '[data-calculator="qualification"][data-state="ready"]'


def ours(page, base: str, offline_ready: bool = False, path: str = "qualification/") -> float:
    t0 = time.perf_counter()
    page.goto(base + path)
    page.wait_for_function(f"() => document.querySelector('{OURS_READY}') !== null", timeout=120_000)
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
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.getElementById('out').textContent === 'track'", timeout=30_000)
    elapsed = time.perf_counter() - t0
    if offline_ready:
        page.wait_for_function("async () => (await caches.has('bare')) && navigator.serviceWorker.controller !== null", timeout=120_000)
    return elapsed


def started_from(page) -> str:
    return page.get_attribute('[data-calculator="qualification"]', "data-started") or "?"


class Profile:
    """A browser with a new profile on disk, and a DevTools session to end its shared workers."""

    def __init__(self, pw, **options) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="playbook-bench-profile-")
        self.ctx = pw.chromium.launch_persistent_context(self._dir.name, executable_path=CHROMIUM, args=FLAGS, **options)
        self._cdp = self.ctx.new_cdp_session(self.ctx.pages[0] if self.ctx.pages else self.ctx.new_page())
        time.sleep(SETTLE)  # a reader's browser is running already: let this one finish starting

    def end_shared_workers(self) -> None:
        """End every shared worker, as the browser does some time after its last page closed."""
        for target in self._cdp.send("Target.getTargets")["targetInfos"]:
            if target["type"] == "shared_worker":
                self._cdp.send("Target.closeTarget", {"targetId": target["targetId"]})

    def __enter__(self) -> "Profile":
        return self

    def __exit__(self, *exc) -> None:
        self.ctx.close()
        self._dir.cleanup()


def fresh(name: str, page) -> None:
    """Fail unless our page's answer came from an interpreter started for it (not one kept from before)."""
    if name == "ours" and page.evaluate("async () => (await window.playbookEngine.ready).connections") != 1:
        raise RuntimeError("Python was not started again: the measurement would be of a kept interpreter")


def offline(name: str, fn, pw, base: str) -> float:
    with Profile(pw) as prof:
        first = prof.ctx.new_page()
        fn(first, base, offline_ready=True)
        first.close()
        prof.end_shared_workers()
        prof.ctx.set_offline(True)
        page = prof.ctx.new_page()
        elapsed = fn(page, base)
        fresh(name, page)
        return elapsed


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


def transferred(name: str, fn, pw, base: str, counter: Counter) -> tuple[int, int]:
    """Bytes over the network for a cold load, then a warm one (same profile, Python started again)."""
    with Profile(pw, service_workers="block") as prof:
        counter.total = 0
        first = prof.ctx.new_page()
        fn(first, base)
        first.close()
        prof.end_shared_workers()
        cold = counter.total
        counter.total = 0
        page = prof.ctx.new_page()
        fn(page, base)
        fresh(name, page)
        return cold, counter.total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with served_site() as (site, base), sync_playwright() as pw:
        lock = next((site / "pyodide").glob("playbook-lock.*.json")).relative_to(site).as_posix()
        wheel = json.loads((site / lock).read_text(encoding="utf-8"))["packages"]["calculators"]["file_name"]
        (site / "bench-bare").mkdir()
        (site / "bench-bare" / "index.html").write_text(BARE.replace("LOCK", lock), encoding="utf-8")
        files = ["./", *(f"../pyodide/{f}" for f in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", wheel)), "../" + lock]
        (site / "bench-bare" / "sw.js").write_text(BARE_SW.replace("FILE_LIST", json.dumps(files)), encoding="utf-8")
        results: dict[tuple[str, str], list[float]] = {}
        how: list[str] = []
        for _ in range(args.runs):
            for name, fn in (("ours", ours), ("bare", bare)):  # interleaved, so drift hits both
                with Profile(pw, service_workers="block") as prof:
                    page = prof.ctx.new_page()
                    results.setdefault((name, "cold"), []).append(fn(page, base))
                    if name == "ours":
                        how.append(started_from(page))
                    results.setdefault((name, "next page"), []).append(fn(page, base, path="en/qualification/" if name == "ours" else ""))
                    page.close()
                    prof.end_shared_workers()
                    for kind in ("warm", "3rd visit"):
                        page = prof.ctx.new_page()
                        results.setdefault((name, kind), []).append(fn(page, base))
                        fresh(name, page)
                        page.close()
                        prof.end_shared_workers()
                results.setdefault((name, "offline"), []).append(offline(name, fn, pw, base))
        counter = Counter()
        httpd, counted = counting_server(site, counter)
        try:
            bytes_ours = transferred("ours", ours, pw, counted, counter)
            bytes_bare = transferred("bare", bare, pw, counted, counter)
        finally:
            httpd.shutdown()
            httpd.server_close()
    row = "{:<10} {:>10} {:>10} {:>10}"
    print(f"time to first interactive answer, median of {args.runs} runs (seconds); ours started from: {', '.join(sorted(set(how)))}")
    print(row.format("", "ours", "bare", "ours/bare"))
    summary = {}
    for kind in ("cold", "warm", "3rd visit", "offline", "next page"):
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
