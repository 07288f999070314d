"""Recalculation latency on the MAN page: input changed -> new answer on screen.

Loads the page once, waits for the engine, then flips the authority answer 200
times, timing each change to the rendered answer inside the page
(performance.now, MutationObserver). Prints p50 and p95 in milliseconds, next
to the same call made straight into the worker (no form, no rendering) as the
baseline of the same run. Usage: python bench/recalc.py [--n 200]
"""

from __future__ import annotations

import argparse
import json

from _common import chromium, percentile, served_site

MEASURE = """async (n) => {
  const root = document.querySelector('[data-calculator="qualification"]');
  const result = root.querySelector('[data-role="result"]');
  const page = [], direct = [];
  for (let i = 0; i < n; i++) {
    const value = i % 2 ? "no" : "yes";
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        const badge = result.querySelector('[data-field="verdict"] .pb-badge');
        if (badge && badge.dataset.value === (value === "yes" ? "track" : "develop")) { obs.disconnect(); resolve(); }
      });
      obs.observe(result, { subtree: true, childList: true, attributes: true });
    });
    const t0 = performance.now();
    root.querySelector(`input[name="authority"][value="${value}"]`).click();
    await changed;
    page.push(performance.now() - t0);
    const t1 = performance.now();
    await window.playbook.run("qualification", { money: "yes", authority: value, need: "yes" });
    direct.push(performance.now() - t1);
  }
  return { page, direct };
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    with served_site() as (_, base), chromium() as browser:
        page = browser.new_page()
        page.goto(base + "qualification/")
        page.wait_for_selector('[data-calculator="qualification"][data-state="ready"]', timeout=120_000)
        page.check('input[name="need"][value="yes"]')
        page.check('input[name="money"][value="yes"]')
        out = page.evaluate(MEASURE, args.n)
    print(f"{args.n} recalculations (ms)     p50      p95")
    for name, key in (("input -> answer shown", "page"), ("worker call (baseline)", "direct")):
        print(f"{name:<26} {percentile(out[key], 50):>6.2f}  {percentile(out[key], 95):>7.2f}")
    print(json.dumps({k: {"p50": round(percentile(v, 50), 2), "p95": round(percentile(v, 95), 2)} for k, v in out.items()}))


if __name__ == "__main__":
    main()
