"""Time to the first *interactive* answer on the MAN page vs. a bare Pyodide page, over loopback.

The pages and how a visit is timed are in ``_pages.py`` (the bare page loads the
same vendored Pyodide, with Pyodide's own standard library, and the same wheel
from the same server, which sends the precompressed twins to both). For each
page, in the same run, interleaved:

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

Prints medians over --runs (default 7), the ratio ours / bare, and the bytes
transferred over the network (as the server wrote them: headers and encoded
bodies) by a cold and a warm load. Over a phone's link: bench/network.py.
Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from _common import median, served_site
from _pages import Profile, bare, fresh, how_ours_started, ours, write_bare
from playwright.sync_api import sync_playwright

from playbook.link import Link, serve


def offline(name: str, fn, pw, base: str) -> float:
    with Profile(pw) as prof:
        first = prof.ctx.new_page()
        fn(first, base, offline_ready=True)
        first.close()
        prof.end_shared_workers()
        prof.ctx.set_offline(True)
        page = prof.ctx.new_page()
        elapsed = fn(page, base).seconds
        fresh(name, page)
        return elapsed


def transferred(name: str, fn, pw, base: str, link: Link) -> tuple[int, int]:
    """Bytes over the network for a cold load, then a warm one (same profile, Python started again)."""
    with Profile(pw, service_workers="block") as prof:
        link.sent = 0
        first = prof.ctx.new_page()
        fn(first, base)
        first.close()
        prof.end_shared_workers()
        cold = link.sent
        link.sent = 0
        page = prof.ctx.new_page()
        fn(page, base)
        fresh(name, page)
        return cold, link.sent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with served_site() as (site, base), sync_playwright() as pw:
        write_bare(site)
        results: dict[tuple[str, str], list[float]] = {}
        how: list[str] = []
        for _ in range(args.runs):
            for name, fn in (("ours", ours), ("bare", bare)):  # interleaved, so drift hits both
                with Profile(pw, service_workers="block") as prof:
                    page = prof.ctx.new_page()
                    results.setdefault((name, "cold"), []).append(fn(page, base).seconds)
                    if name == "ours":
                        how.append(how_ours_started(page))
                    results.setdefault((name, "next page"), []).append(fn(page, base, path="en/qualification/" if name == "ours" else "").seconds)
                    page.close()
                    prof.end_shared_workers()
                    for kind in ("warm", "3rd visit"):
                        page = prof.ctx.new_page()
                        results.setdefault((name, kind), []).append(fn(page, base).seconds)
                        fresh(name, page)
                        page.close()
                        prof.end_shared_workers()
                results.setdefault((name, "offline"), []).append(offline(name, fn, pw, base))
        link = Link()  # unlimited: only counts
        httpd, counted = serve(site, link)
        try:
            bytes_ours = transferred("ours", ours, pw, counted, link)
            bytes_bare = transferred("bare", bare, pw, counted, link)
        finally:
            httpd.shutdown()
            httpd.server_close()
    row = "{:<10} {:>10} {:>10} {:>10}"
    started = ", ".join(f"{kind} x{n}" for kind, n in sorted(Counter(h["started"] for h in how).items()))
    print(f"time to first interactive answer, median of {args.runs} runs (seconds); ours started cold from: {started}")
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
