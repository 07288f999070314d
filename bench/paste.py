"""Pasting a spreadsheet into a table: 2,000 rows shown, 10,000 refused; through the page vs CPython.

One reader of pasted tables (calculators/table_paste.py) serves the page and
Python. This times, for 2,000 trade-show cards and 2,000 forecast deals:

* cpython      -- ``calculators.paste`` on the text in CPython (the baseline, same run);
* worker       -- the same call through the page's Pyodide worker, round trip included;
* rows shown   -- on the page: "Fill the table" clicked -> the rows in the table (the first 50 listed, the
                  rest kept as values, as a long table is) and a frame painted;
* answer       -- on the page: clicked -> the answer for the 2,000 rows painted;

and, for 10,000 cards, the page's "fill" -> the row-limit message shown (the
text is refused after counting its lines). Best of ``--repeat`` (each page
run on a freshly loaded page). Usage: python bench/paste.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import time

from _common import chromium, served_site

import calculators

CASES = {
    "trade-show cards": ("en/trade-show/", "trade-show-leads", "cards"),
    "forecast deals": ("en/funnel/", "forecast", "opportunities"),
}


def cards(n: int) -> str:
    rng = random.Random(n)
    lines = ["姓名\t公司\t兴趣\tM\tA\tN\t备注"]
    for i in range(n):
        lines.append("\t".join([f"客户{i}", f"公司{i % 97}", rng.choice("高中低"), rng.choice(["有", "没有", ""]),
                                rng.choice(["有", "没有", ""]), rng.choice(["有", "没有", ""]), ""]))
    return "\n".join(lines) + "\n"


def deals(n: int) -> str:
    rng = random.Random(n)
    lines = ["名称\t金额\t赢率\t阶段\t预计成交日期"]
    for i in range(n):
        amount = rng.choice([f"{rng.randint(3, 300)}万", f"¥{rng.randint(30_000, 3_000_000):,}.{rng.randint(0, 99):02d}"])
        lines.append("\t".join([f"机会{i}", amount, rng.choice(["10%", "0.35", "60%", ""]), rng.choice(["方案报价", "商务谈判", "proposal"]),
                                f"2026年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]))
    lines.append("合计\t\t\t\t")
    return "\n".join(lines) + "\n"


TEXTS = {"trade-show cards": cards, "forecast deals": deals}

PAGE = """async ([field, text, rows, refused]) => {
  const root = [...document.querySelectorAll('[data-calculator]')].find((el) => el.querySelector(`[data-paste-for="${field}"]`));
  const box = root.querySelector(`[data-paste-for="${field}"]`);
  const area = box.querySelector("textarea");
  const fill = root.querySelector(`[data-action="paste-fill"][data-rows-for="${field}"]`);
  const body = root.querySelector(`table[data-rows="${field}"] > tbody`);
  const outputs = root.querySelector('[data-role="outputs"]');
  const error = root.querySelector(`[data-paste-for="${field}"] [data-role="paste-errors"]`);
  root.querySelector(`[data-action="paste-rows"][data-rows-for="${field}"]`).click();  // opens the paste box
  area.value = text;
  const when = (target, options, test) => new Promise((done) => {
    if (test()) return done();
    const obs = new MutationObserver(() => { if (test()) { obs.disconnect(); done(); } });
    obs.observe(target, options);
  });
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  await frame();  // the pasted text laid out in the box, as after a real paste
  let answered = false;
  new MutationObserver((_, obs) => { answered = true; obs.disconnect(); }).observe(outputs, { childList: true });
  const t0 = performance.now();
  fill.click();
  if (refused) {
    await when(error, { attributes: true }, () => !error.hidden);
    await frame();
    return { refused: performance.now() - t0 };
  }
  await when(box, { attributes: true }, () => box.hidden);  // closed once the rows are in the table
  if (body.children.length !== Math.min(rows, 50)) throw new Error(`${body.children.length} rows listed`);
  await frame();
  const shown = performance.now() - t0;
  const result = root.querySelector('[data-role="result"]');
  await when(root, { childList: true, attributes: true, subtree: true },
             () => !root.dataset.busy && (answered || result.classList.contains("pb-result--invalid")));
  if (!answered) throw new Error("the rules refused the pasted rows: " + root.querySelector(".pb-error:not([hidden])")?.textContent);
  await frame();
  return { shown, answer: performance.now() - t0 };
}"""


def best_cpython(name: str, field: str, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = calculators.paste(name, field, text, "en")
        times.append(time.perf_counter() - t0)
        assert out["ok"], out["errors"][:2]
    return min(times) * 1000


def best_cpython_refusal(text: str, repeat: int, name: str = "trade-show-leads", field: str = "cards") -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = calculators.paste(name, field, text, "en")
        times.append(time.perf_counter() - t0)
        assert out["errors"][0]["code"] == "paste_too_many_rows"
    return min(times) * 1000


def best_line_count(text: str, repeat: int) -> float:
    """The baseline for a refusal: splitting the text into lines, the least a reader that counts rows does."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        len(text.splitlines())
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rows", type=int, default=2000)
    args = ap.parse_args()
    report: dict[str, dict[str, float]] = {}
    with served_site() as (_, base), chromium() as browser:
        page = browser.new_page()
        for label, (path, name, field) in CASES.items():
            text = TEXTS[label](args.rows)
            cpython = best_cpython(name, field, text, args.repeat)
            page.goto(base + path)
            page.wait_for_selector(f'[data-calculator="{name}"][data-state="ready"]', timeout=120_000)
            worker = min(page.evaluate("""async ([name, field, text]) => { const t0 = performance.now();
                const out = await window.playbook.paste(name, field, text, 'en'); if (!out.ok) throw new Error(out.errors[0].message);
                return performance.now() - t0; }""", [name, field, text]) for _ in range(args.repeat))
            runs = []
            for _ in range(args.repeat):
                page.goto(base + path)
                page.wait_for_selector(f'[data-calculator="{name}"][data-state="ready"]', timeout=120_000)
                runs.append(page.evaluate(PAGE, [field, text, args.rows, False]))
                page.evaluate("() => localStorage.clear()")  # the next run starts from the example again
            report[label] = {"cpython_ms": cpython, "worker_ms": worker,
                             "rows_shown_ms": min(r["shown"] for r in runs), "answer_ms": min(r["answer"] for r in runs)}
        big = cards(10_000)
        refused_cpython = best_cpython_refusal(big, args.repeat)
        lines_ms = best_line_count(big, args.repeat)
        big_deals = deals(10_000)
        refused_deals = best_cpython_refusal(big_deals, args.repeat, "forecast", "opportunities")
        deal_lines_ms = best_line_count(big_deals, args.repeat)
        refused = []
        for _ in range(args.repeat):
            page.goto(base + "en/trade-show/")
            page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=120_000)
            refused.append(page.evaluate(PAGE, ["cards", big, 0, True])["refused"])
        refused = min(refused)
    print(f"{args.rows:,} pasted rows (ms, best of {args.repeat})   CPython   worker   rows shown   answer   shown/CPython")
    for label, r in report.items():
        print(f"{label:<34} {r['cpython_ms']:>8.1f} {r['worker_ms']:>8.1f} {r['rows_shown_ms']:>12.1f} {r['answer_ms']:>8.1f}"
              f" {r['rows_shown_ms'] / r['cpython_ms']:>12.1f}×")
    print(f"10,000 cards refused: {refused:.1f} ms on the page (message shown), {refused_cpython:.1f} ms in CPython"
          f" = {refused_cpython / lines_ms:.1f}× splitting the text into lines ({lines_ms:.2f} ms)")
    print(f"10,000 forecast deals refused in CPython: {refused_deals:.1f} ms"
          f" = {refused_deals / deal_lines_ms:.1f}× splitting the text into lines ({deal_lines_ms:.2f} ms)")
    print(json.dumps({"rows": args.rows, **report, "refused_10000": {
        "page_ms": round(refused, 1), "cpython_ms": round(refused_cpython, 1), "lines_ms": round(lines_ms, 2),
        "deals_cpython_ms": round(refused_deals, 1), "deals_lines_ms": round(deal_lines_ms, 2)}}))


if __name__ == "__main__":
    main()
