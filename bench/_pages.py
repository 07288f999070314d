"""The two pages the start-up benchmarks compare, and how a visit to each is timed.

Ours is the MAN chapter page; the bare page loads the same vendored Pyodide
(with Pyodide's own standard library, as shipped on npm) and the same wheel
through the same lock file, from the same server, and calls the same
``calculators.run_json``: no form generator, no pre-rendered answer, no site
theme, no snapshot. Both change the same kind of control (a radio button) with
the same action (``check``), and every wait is a ``wait_for_function``, which
re-checks on each animation frame (``wait_for_selector`` re-checks only every
500 ms after its first few tries).

Each browser profile is a real one on disk (``launch_persistent_context``), as
a reader's browser has: off-the-record contexts keep no compiled code between
visits, which no reader's browser does; each browser gets SETTLE seconds to
finish starting before the first visit.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from _common import CHROMIUM, FLAGS, ROOT

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
TIMEOUT = 300_000  # ms: a cold start over the slowest link takes most of a minute


def write_bare(site: Path) -> None:
    """Add the bare page (and its service worker) to a built site, with Pyodide's own standard library."""
    lock = next((site / "pyodide").glob("playbook-lock.*.json")).relative_to(site).as_posix()
    wheel = json.loads((site / lock).read_text(encoding="utf-8"))["packages"]["calculators"]["file_name"]
    stdlib = site / "pyodide" / "python_stdlib.zip"
    if not stdlib.exists():  # the site ships its own small archive instead
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip", stdlib)
    (site / "bench-bare").mkdir(exist_ok=True)
    (site / "bench-bare" / "index.html").write_text(BARE.replace("LOCK", lock), encoding="utf-8")
    files = ["./", *(f"../pyodide/{f}" for f in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", wheel)), "../" + lock]
    (site / "bench-bare" / "sw.js").write_text(BARE_SW.replace("FILE_LIST", json.dumps(files)), encoding="utf-8")


class Answered:
    """When a visit's first interactive answer appeared: seconds since navigation, and bytes sent by then."""

    def __init__(self, link=None) -> None:
        self.link = link
        self.t0 = time.perf_counter()
        self.seconds = 0.0
        self.bytes = 0

    def now(self) -> float:
        self.seconds = time.perf_counter() - self.t0
        self.bytes = self.link.sent if self.link else 0
        return self.seconds


def ours(page, base: str, offline_ready: bool = False, path: str = "qualification/", link=None) -> Answered:
    mark = Answered(link)
    page.goto(base + path, timeout=TIMEOUT)
    page.wait_for_function(f"() => document.querySelector('{OURS_READY}') !== null", timeout=TIMEOUT)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'", timeout=30_000)
    mark.now()
    page.check('input[name="authority"][value="no"]')  # back to the example, for the next visit
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'develop'", timeout=30_000)
    if offline_ready:
        page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=TIMEOUT)
    return mark


def bare(page, base: str, offline_ready: bool = False, path: str = "", link=None) -> Answered:
    mark = Answered(link)
    page.goto(base + "bench-bare/" + ("?sw" if offline_ready else ""), timeout=TIMEOUT)
    page.wait_for_function("() => window.benchReady === true", timeout=TIMEOUT)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.getElementById('out').textContent === 'track'", timeout=30_000)
    mark.now()
    if offline_ready:
        page.wait_for_function("async () => (await caches.has('bare')) && navigator.serviceWorker.controller !== null", timeout=TIMEOUT)
    return mark


def how_ours_started(page) -> dict:
    """How our page's Python started, by the worker's account: "started" (snapshot or full), "how" (why),
    and "at": milestones in ms since the worker started (chosen, bytes in, up)."""
    info = page.evaluate("async () => await window.playbookEngine.ready")
    return {"started": info["started"], "how": info.get("how") or info.get("fallback") or "-", "at": info.get("at") or {}}


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

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc) -> None:
        self.ctx.close()
        self._dir.cleanup()


def fresh(name: str, page) -> None:
    """Fail unless our page's answer came from an interpreter started for it (not one kept from before)."""
    if name == "ours" and page.evaluate("async () => (await window.playbookEngine.ready).connections") != 1:
        raise RuntimeError("Python was not started again: the measurement would be of a kept interpreter")
