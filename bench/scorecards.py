"""Scorecards and the trade-show ranking: CPython, and the same calls in the Pyodide worker.

    .venv/bin/python bench/scorecards.py [--repeat N] [--browser]

Prints, for grading one key-account case and for ranking 200 (and 2,000)
trade-show cards: the best time over ``--repeat`` runs of ``calculators.run``
in CPython, and with ``--browser`` the same payload through the page's
worker (``window.playbook.run``) in Chromium, with the ratio to CPython
measured in the same run; and the time from "Fill the table" with 200 pasted
cards to the ranked table on screen.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import calculators  # noqa: E402

CASE = {"card": "key-account", "economic_strength": "strong", "credit": "clean", "stability": "uncertain",
        "fit": "partial", "lang": "en"}


def cards(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    answers = ["yes", "no", "unknown", ""]
    return [{"name": f"Visitor {i + 1}", "company": f"Company {rng.randint(1, 400)}",
             "interest": rng.choice(["hot", "warm", "cold"]), "money": rng.choice(answers),
             "authority": rng.choice(answers), "need": rng.choice(answers), "notes": "asked about delivery times"}
            for i in range(n)]


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
        assert out["ok"], out
    return min(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--browser", action="store_true", help="also time the calls in the Pyodide worker in Chromium")
    args = ap.parse_args()
    from playbook.policy import load_policy

    policy = load_policy()
    jobs = [("scorecard: grade 1 key-account case", "scorecard", CASE)]
    for n in (200, 2000):
        jobs.append((f"trade-show-leads: rank {n:,} cards", "trade-show-leads",
                     {"cards": cards(n), "show_end": "2026-11-26", "lang": "en"}))
    cpu = {label: best(lambda: calculators.run(name, payload, policy), args.repeat) for label, name, payload in jobs}
    print(f"CPython {sys.version.split()[0]}, best of {args.repeat} (ms)")
    for label, _, _ in jobs:
        print(f"  {label:<40} {cpu[label]:>8.2f}")
    if args.browser:
        in_browser(jobs, cpu, policy, args.repeat)


def in_browser(jobs, cpu, policy, repeat: int) -> None:
    from _common import best_in_worker, chromium, served_site

    with served_site() as (_, base), chromium() as browser:
        page = browser.new_page()
        page.goto(base + "en/trade-show/")
        page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=120_000)
        print()
        print(f"the same calls through the page, in the Pyodide worker in Chromium, best of {repeat} (ms)")
        print(f"  {'':<40} {'worker':>8} {'CPython':>8} {'ratio':>6}")
        for label, name, payload in jobs:
            ms = best_in_worker(page, name, payload, policy, repeat)
            print(f"  {label:<40} {ms:>8.2f} {cpu[label]:>8.2f} {ms / cpu[label]:>6.2f}")
        # A person's view: paste 200 cards, press "Fill the table", see the ranking.
        rows = "\n".join("\t".join((c["name"], c["company"], c["interest"], c["money"], c["authority"], c["need"]))
                         for c in cards(200))
        sheet = "Name\tCompany\tInterest\tM money\tA authority\tN need\n" + rows
        shown = []
        for _ in range(repeat):
            page.evaluate("() => localStorage.clear()")
            page.reload()
            page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=120_000)
            page.click('[data-action="paste-rows"]')
            page.fill('[data-paste-for="cards"] textarea', sheet)
            ms = page.evaluate(
                """() => new Promise((resolve) => {
                  const t0 = performance.now();
                  const done = () => document.querySelectorAll('[data-field=ranking] tbody tr').length === 200;
                  const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(performance.now() - t0); } });
                  obs.observe(document.querySelector('[data-calculator="trade-show-leads"]'), { childList: true, subtree: true });
                  document.querySelector('[data-action="paste-fill"]').click();
                })"""
            )
            shown.append(ms)
        print(f"  paste 200 cards -> ranked table on screen: best {min(shown):.0f} ms, median {sorted(shown)[len(shown) // 2]:.0f} ms")


if __name__ == "__main__":
    main()
