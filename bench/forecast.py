"""Forecast timing in CPython: the full result for 100, 1,000 and 10,000 opportunities.

Each pipeline has amounts to the fen (so the exact lattice never applies and
the grid method does its full work) and probabilities from a stage table.
Three parts are timed separately, best of ``--repeat`` runs:

* parse        -- the payload rows through the declared fields (money, probability, date);
* weighted     -- Σ amount × probability and the stage / month breakdowns, coverage;
* distribution -- the won-amount distribution, p_target, quantiles, drivers, chart.

``total`` is one call of the calculator's parse + compute (the page's row
limit, 2,000, is lifted here so that 10,000 can be timed). The baseline,
measured in the same run on the same rows, is the least any forecast does:
Σ Decimal(amount) × Decimal(probability) in a plain loop (stage rows at
their stage's probability); ``× base`` is total ÷ baseline, the figure to
compare across machines (the tests assert no times: ``1,000`` is the size
the test suite checks to the fen). The growth table
divides each part's time ratio by the size ratio (1.0 = linear) and by the
n log n ratio. Usage: python bench/forecast.py [--repeat 5] [--sizes 100 1000 10000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculators  # noqa: E402
from calculators import Money, forecast  # noqa: E402
from calculators.forecast import engine as forecast_engine  # noqa: E402

PROBABILITIES = ["0.05", "0.1", "0.2", "0.4", "0.6", "0.9", "1", "0"]


def pipeline(n: int, seed: int = 2025) -> list[dict]:
    rng = random.Random(seed + n)
    rows = []
    for i in range(n):
        fen = int(10 ** rng.uniform(6.5, 8.5)) + rng.randint(0, 99)      # 30,000 to 3,000,000 yuan, to the fen
        row = {"name": f"opportunity {i + 1}", "amount": f"{fen // 100}.{fen % 100:02d}",
               "close_date": f"2025-{rng.randint(7, 9):02d}-{rng.randint(1, 28):02d}"}
        if rng.random() < 0.5:
            row["probability"] = rng.choice(PROBABILITIES)
        else:
            row["stage"] = rng.choice(["qualified", "meeting", "proposal", "negotiation", "committed", "won", "lost"])
        rows.append(row)
    return rows


def baseline(rows: list[dict], stages: dict) -> object:
    """Σ amount × probability with Decimal, nothing else: the least work a forecast of ``rows`` can do."""
    from decimal import Decimal

    total = Decimal(0)
    for row in rows:
        p = row.get("probability") or stages[row["stage"]]["probability"]
        total += Decimal(row["amount"]) * Decimal(p)
    return total


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--browser", action="store_true",
                    help="also time run() through the page, in the Pyodide worker in Chromium (sizes up to the row limit)")
    args = ap.parse_args()
    try:
        from playbook.policy import load_policy
    except ImportError as err:  # pragma: no cover - the project's environment has PyYAML
        sys.exit(f"bench/forecast.py needs the project's environment (PyYAML for the policy files): {err}")
    policy = load_policy()
    calc = calculators.REGISTRY["forecast"]
    unlimited = replace(calc, fields=tuple(replace(f, max_rows=max(args.sizes)) if f.name == "opportunities" else f
                                           for f in calc.fields))
    rows_out = []
    for n in args.sizes:
        rows = pipeline(n)
        table, lookup = forecast.stage_table(policy["forecast"], [], "en")
        payload = {"opportunities": rows, "target": "1", "lang": "en"}
        t_parse, values = best(lambda: unlimited.parse(payload), args.repeat)
        opps, _, _ = forecast.read_opportunities(values, table, lookup, "en")

        real = forecast_engine.distribution
        stub = forecast_engine.Outcome("exact", forecast_engine.Measure([0], [1], 1))
        forecast_engine.distribution = lambda *a, **k: stub
        try:
            t_weighted, light = best(lambda: forecast.summarise(opps, values["target"], None, table, "en"), args.repeat)
        finally:
            forecast_engine.distribution = real
        # the target: the weighted forecast itself, the middle of the distribution, where the chance is hardest
        payload["target"] = light["weighted"]
        values["target"] = Money.parse(light["weighted"])
        t_all_summary, result = best(lambda: forecast.summarise(opps, values["target"], None, table, "en"), args.repeat)
        t_total, _ = best(lambda: unlimited.compute(unlimited.parse(payload), "en", policy=policy["forecast"]), args.repeat)
        t_base, _ = best(lambda: baseline(rows, policy["forecast"]["stages"]), args.repeat)
        via_run = ""
        if n <= calc.field_named("opportunities").max_rows:
            t_run, out = best(lambda: calculators.run("forecast", payload, policy), args.repeat)
            assert out["ok"], out
            via_run = f"{t_run * 1000:.1f}"
        rows_out.append({
            "n": n, "parse_ms": t_parse * 1000, "weighted_ms": t_weighted * 1000,
            "distribution_ms": (t_all_summary - t_weighted) * 1000, "total_ms": t_total * 1000, "run_ms": via_run,
            "baseline_ms": t_base * 1000, "total_vs_baseline": t_total / t_base if t_base else float("nan"),
            "method": result["method"], "step": result["distribution"]["step"], "error_bound": result["error_bound"],
            "p_target": result["p_target"], "target": payload["target"],
        })

    print(f"forecast, CPython {sys.version.split()[0]}, best of {args.repeat} (ms)")
    head = (f"{'deals':>7} {'parse':>8} {'weighted':>9} {'distribution':>13} {'total':>8} {'run()':>8} {'baseline':>9} {'× base':>8}"
            "  method  grid step  error bound  p_target")
    print(head)
    print("-" * len(head))
    for r in rows_out:
        print(f"{r['n']:>7,} {r['parse_ms']:>8.1f} {r['weighted_ms']:>9.1f} {r['distribution_ms']:>13.1f} {r['total_ms']:>8.1f} "
              f"{r['run_ms'] or '(limit)':>8} {r['baseline_ms']:>9.2f} {r['total_vs_baseline']:>7.0f}×  {r['method']:<6}  {r['step'] or '-':>9}  {r['error_bound']:>11}  {r['p_target']:>8}")
    if len(rows_out) > 1:
        print()
        print("growth between sizes: time ratio ÷ size ratio (1.0 = linear) | ÷ n log n ratio")
        for a, b in itertools.pairwise(rows_out):
            k = b["n"] / a["n"]
            nlogn = (b["n"] * math.log(b["n"])) / (a["n"] * math.log(a["n"]))
            parts = []
            for key, name in (("parse_ms", "parse"), ("weighted_ms", "weighted"), ("distribution_ms", "distribution"),
                              ("total_ms", "total")):
                ratio = b[key] / a[key] if a[key] > 0 else float("nan")
                parts.append(f"{name} {ratio / k:.2f} | {ratio / nlogn:.2f}")
            print(f"{a['n']:>6,} -> {b['n']:<6,}  " + "   ".join(parts))
    print(json.dumps(rows_out))
    if args.browser:
        in_browser(rows_out, args.repeat, policy)


def in_browser(rows_out: list[dict], repeat: int, policy: dict) -> None:
    """The same payloads through window.playbook.run on the funnel page, timed in the page (best of ``repeat``)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _common import best_in_worker, chromium, served_site

    limit = calculators.REGISTRY["forecast"].field_named("opportunities").max_rows
    with served_site() as (_, base), chromium() as browser:
        page = browser.new_page()
        page.goto(base + "funnel/")
        page.wait_for_selector('[data-calculator="forecast"][data-state="ready"]', timeout=120_000)
        print()
        print(f"forecast through the page (Pyodide worker in Chromium) vs CPython run(), best of {repeat} (ms)")
        print(f"{'deals':>7} {'browser':>9} {'CPython':>9} {'ratio':>7}")
        for r in rows_out:
            if r["n"] > limit or not r["run_ms"]:
                continue
            payload = {"opportunities": pipeline(r["n"]), "target": r["target"], "lang": "en"}
            cpu_payload = dict(payload)
            t_cpu, _ = best(lambda: calculators.run("forecast", cpu_payload, policy), repeat)
            ms = best_in_worker(page, "forecast", payload, policy, repeat)
            print(f"{r['n']:>7,} {ms:>9.1f} {t_cpu * 1000:>9.1f} {ms / (t_cpu * 1000):>7.2f}")


if __name__ == "__main__":
    main()
