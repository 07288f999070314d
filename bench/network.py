"""Time to the first interactive answer over a phone's link: ours vs. a bare Pyodide page.

The same pages and the same visits as bench/startup.py (``_pages.py``), served
over a link emulated at the server (``playbook/link.py``): one token bucket
shared by every connection, so the page, its shared or dedicated worker and
everything else share the bandwidth as they do on a real link, and one round
trip of delay before every response, 304s included. Profiles:

- loopback: no limit;
- 9 Mbit/s, 60 ms: a good 4G;
- 1.6 Mbit/s, 150 ms: "slow 4G", the mobile profile of common page audits.

For each profile and run, interleaved (ours, then bare, each in a new browser
profile on disk, service workers blocked): cold (empty caches), then warm (the
same profile: its caches hold the files; shared workers ended, so Python
starts again). Prints medians over --runs (default 3) of the seconds to the
first answer and of the bytes the server had sent by then, the ratio ours /
bare, and how our worker chose to start. A run takes about 5 minutes.
Usage: python bench/network.py [--runs N] [--profiles loopback,9,1.6]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from _common import median, served_site
from _pages import Profile, bare, fresh, how_ours_started, ours, write_bare
from playwright.sync_api import sync_playwright

from playbook.link import Link, serve

PROFILES = {
    "loopback": ("loopback", None, 0),
    "9": ("9 Mbit/s, 60 ms", 9, 60),
    "1.6": ("1.6 Mbit/s, 150 ms", 1.6, 150),
}


def visit_twice(name: str, fn, pw, base: str, link: Link) -> tuple[object, object, dict]:
    """A cold visit, then a warm one in the same browser profile; and how ours started each time."""
    with Profile(pw, service_workers="block") as prof:
        page = prof.ctx.new_page()
        link.sent = 0
        cold = fn(page, base, link=link)
        how = {"cold": how_ours_started(page)} if name == "ours" else {}
        page.close()
        prof.end_shared_workers()
        page = prof.ctx.new_page()
        link.sent = 0
        warm = fn(page, base, link=link)
        fresh(name, page)
        if name == "ours":
            how["warm"] = how_ours_started(page)
        return cold, warm, how


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profiles", default=",".join(PROFILES), help="comma-separated: " + ", ".join(PROFILES))
    args = ap.parse_args()
    chosen = [PROFILES[p] for p in args.profiles.split(",")]
    report = {}
    with served_site() as (site, _), sync_playwright() as pw:
        write_bare(site)
        link = Link()
        httpd, base = serve(site, link)
        try:
            for label, mbit, rtt in chosen:
                link.rate, link.rtt = (Link.mbit(mbit, rtt).rate, rtt / 1000) if mbit else (None, 0.0)
                samples: dict[tuple[str, str], list] = {}
                hows: list[dict] = []
                for _ in range(args.runs):
                    for name, fn in (("ours", ours), ("bare", bare)):  # interleaved, so drift hits both
                        cold, warm, how = visit_twice(name, fn, pw, base, link)
                        samples.setdefault((name, "cold"), []).append(cold)
                        samples.setdefault((name, "warm"), []).append(warm)
                        if how:
                            hows.append(how)
                report[label] = summarise(samples, hows)
                show(label, report[label], args.runs)
        finally:
            httpd.shutdown()
            httpd.server_close()
    print(json.dumps({"runs": args.runs, "network": report}))


def summarise(samples, hows: list[dict]) -> dict:
    out: dict = {}
    for kind in ("cold", "warm"):
        starts = [h[kind] for h in hows]
        # How long Python took to start once its bytes were in (the CPU part; SNAPSHOT_SAVES_S in worker.js).
        cpu = [s["at"]["up"] - s["at"]["bytes in"] for s in starts if {"up", "bytes in"} <= s["at"].keys()]
        out[f"ours started {kind}"] = {
            "from": dict(Counter(s["started"] for s in starts)), "how": [s["how"] for s in starts],
            "s from bytes in to up": round(median(cpu) / 1000, 2) if cpu else None,
        }
    for kind in ("cold", "warm"):
        o = [m.seconds for m in samples[("ours", kind)]]
        b = [m.seconds for m in samples[("bare", kind)]]
        out[kind] = {
            "ours": round(median(o), 3), "bare": round(median(b), 3), "ratio": round(median(o) / median(b), 3),
            "bytes ours": int(median([m.bytes for m in samples[("ours", kind)]])),
            "bytes bare": int(median([m.bytes for m in samples[("bare", kind)]])),
            "ours runs": [round(x, 2) for x in o], "bare runs": [round(x, 2) for x in b],
        }
    return out


def show(label: str, r: dict, runs: int) -> None:
    print(f"\n{label}: first interactive answer, median of {runs} runs")
    print(f"{'':<6} {'ours s':>8} {'bare s':>8} {'ours/bare':>10} {'MB ours':>9} {'MB bare':>9}   ours started from")
    for kind in ("cold", "warm"):
        k, how = r[kind], r[f"ours started {kind}"]
        started = ", ".join(f"{s} x{n}" for s, n in how["from"].items())
        print(f"{kind:<6} {k['ours']:>8.2f} {k['bare']:>8.2f} {k['ratio']:>10.2f} {k['bytes ours'] / 1e6:>9.2f} {k['bytes bare'] / 1e6:>9.2f}"
              f"   {started} ({'; '.join(how['how'])}; Python up {how['s from bytes in to up']} s after its bytes)")


if __name__ == "__main__":
    main()
