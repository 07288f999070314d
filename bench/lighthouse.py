"""Lighthouse's accessibility, best-practices and SEO scores for a course's pages (not a test: a report).

Builds every shipped course (or serves --site), then runs Lighthouse 12.2.3 (Node 20; fetched by npx
from npm the first time) in Debian's Chromium with the project's flags, over a home page, a calculator
page and a reading page, and prints each score and every audit that did not pass. The goal: each score
at least 95, accessibility 100.

Usage: python bench/lighthouse.py [--course new-hire] [--pages "" qualification/ prospecting/] [--en] [--site DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

from _common import CHROMIUM, FLAGS

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("accessibility", "best-practices", "seo")
PAGES = ("", "qualification/", "prospecting/")  # home, a calculator page, a reading page


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run over ``url``; its JSON report."""
    cmd = [
        "npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(FLAGS)}",
    ]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> tuple[dict[str, int], list[str]]:
    """Scores by category (0-100) and the audits that count and did not pass."""
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failed = []
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{c}: {ref['id']} ({audit['title']})")
    return scores, failed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--course", default="new-hire")
    ap.add_argument("--pages", nargs="*", default=list(PAGES), help="paths under the course ('' is its home page)")
    ap.add_argument("--en", action="store_true", help="the English pages")
    ap.add_argument("--site", type=Path, help="a folder built with `playbook build --all` (default: build one now)")
    args = ap.parse_args()

    from playbook.build import build_all
    from playbook.serve import make_server

    with tempfile.TemporaryDirectory(prefix="playbook-lighthouse-") as tmp:
        site = args.site or Path(tmp) / "courses"
        if not args.site:
            build_all(site)
        httpd = make_server(site, port=0)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/{args.course}/{'en/' if args.en else ''}"
        worst = 100
        try:
            for i, path in enumerate(args.pages):
                scores, failed = summary(lighthouse(base + path, Path(tmp) / f"report-{i}.json"))
                worst = min([worst, *scores.values()])
                shown = "  ".join(f"{c} {s}" for c, s in scores.items())
                print(f"{args.course}/{'en/' if args.en else ''}{path or '(home)'}: {shown}")
                for line in failed:
                    print(f"    not passed: {line}")
        finally:
            httpd.shutdown()
            httpd.server_close()
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
