"""Build time per course and for --all, against a plain `mkdocs build` of the same rendered Markdown.

The baseline is MkDocs alone, run on the very project the generator writes
(rendered pages + generated mkdocs.yml), in the same run. The generator's
overhead is everything else a build does: checking the course, rendering the
Jinja2 pages, writing the wheel and lock, copying Pyodide, the CSP and the
service worker (and, for --all, the zips). Medians over --runs (default 3).
Usage: python bench/build.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, median

from playbook.build import build, build_all, write_project
from playbook.course import load_course
from playbook.runtime import vendor


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    courses = sorted((ROOT / "playbook_src" / "courses").glob("*.yaml"))
    rows, totals = [], {"ours": 0.0, "mkdocs": 0.0}
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        tmp = Path(tmp)
        for course_file in courses:
            course = load_course(course_file)
            work = tmp / f"project-{course.id}"
            runtime = vendor(work / "runtime")
            config = write_project(course, work / "p", runtime.as_config())
            ours, plain = [], []
            for i in range(args.runs):  # interleaved, so drift hits both
                ours.append(timed(lambda: build(course_file, tmp / f"site-{course.id}")))
                plain.append(timed(lambda: subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config),
                     "-d", str(tmp / f"plain-{course.id}-{i}")], check=True)))
            o, p = median(ours), median(plain)
            totals["ours"] += o
            totals["mkdocs"] += p
            rows.append((course.id, o, p))
        all_runs = [timed(lambda: build_all(tmp / "all")) for _ in range(args.runs)]
    print(f"build time, median of {args.runs} runs (seconds)")
    print(f"{'course':<14} {'playbook':>9} {'mkdocs':>9} {'overhead':>9}")
    for name, o, p in rows:
        print(f"{name:<14} {o:>9.2f} {p:>9.2f} {o / p - 1:>8.0%}")
    a = median(all_runs)
    print(f"{'--all (+zips)':<14} {a:>9.2f} {totals['mkdocs']:>9.2f} {a / totals['mkdocs'] - 1:>8.0%}")
    print(json.dumps({"courses": {n: {"playbook": round(o, 3), "mkdocs": round(p, 3)} for n, o, p in rows},
                      "all": {"playbook": round(a, 3), "mkdocs": round(totals["mkdocs"], 3)}}))


if __name__ == "__main__":
    main()
