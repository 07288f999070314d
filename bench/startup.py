"""Time to the first *interactive* answer on the MAN page vs. a bare Pyodide page.

Both pages load the same vendored Pyodide and the same wheel (through the same
lock file) and call the same ``calculators.run_json``; the bare page has no
form generator, no pre-rendered answer and no site theme. For each page:

- cold: a fresh browser context (empty HTTP cache), navigate, wait until the
  calculator is ready, change one input, wait for its new answer;
- warm: the same again in a context whose HTTP cache holds the files.

Prints medians over --runs (default 7) and the ratio ours / bare, measured in
the same run. Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import time

from _common import chromium, median, served_site

BARE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<select id="a"><option>no</option><option>yes</option></select> <output id="out">…</output>
<script type="module">
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


def ours(page, base: str) -> float:
    t0 = time.perf_counter()
    page.goto(base + "qualification/")
    page.wait_for_selector('[data-calculator="qualification"][data-state="ready"]', timeout=120_000)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'", timeout=30_000)
    return time.perf_counter() - t0


def bare(page, base: str) -> float:
    t0 = time.perf_counter()
    page.goto(base + "bench-bare/")
    page.wait_for_function("() => window.benchReady === true", timeout=120_000)
    page.select_option("#a", "yes")
    page.wait_for_function("() => document.getElementById('out').textContent === 'track'", timeout=30_000)
    return time.perf_counter() - t0


def transferred(page_fn, browser, base: str) -> int:
    ctx = browser.new_context()
    page = ctx.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    page_fn(page, base)
    ctx.close()
    return sum(sizes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with served_site() as (site, base), chromium() as browser:
        lock = next((site / "pyodide").glob("playbook-lock.*.json")).relative_to(site).as_posix()
        (site / "bench-bare").mkdir()
        (site / "bench-bare" / "index.html").write_text(BARE.replace("LOCK", lock), encoding="utf-8")
        results: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for name, fn in (("ours", ours), ("bare", bare)):  # interleaved, so drift hits both
                ctx = browser.new_context()
                page = ctx.new_page()
                results.setdefault((name, "cold"), []).append(fn(page, base))
                results.setdefault((name, "warm"), []).append(fn(page, base))
                ctx.close()
        bytes_ours = transferred(ours, browser, base)
        bytes_bare = transferred(bare, browser, base)
    row = "{:<6} {:>10} {:>10} {:>12}"
    print(f"time to first interactive answer, median of {args.runs} runs (seconds)")
    print(row.format("", "ours", "bare", "ours/bare"))
    summary = {}
    for kind in ("cold", "warm"):
        o, b = median(results[("ours", kind)]), median(results[("bare", kind)])
        summary[kind] = {"ours": round(o, 3), "bare": round(b, 3), "ratio": round(o / b, 3)}
        print(row.format(kind, f"{o:.3f}", f"{b:.3f}", f"{o / b:.2f}"))
    print(f"bytes transferred cold: ours {bytes_ours:,}  bare {bytes_bare:,}")
    print(json.dumps({"startup": summary, "bytes": {"ours": bytes_ours, "bare": bytes_bare}}))


if __name__ == "__main__":
    main()
