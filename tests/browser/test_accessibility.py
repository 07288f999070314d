"""Every page of every shipped course passes axe-core with no serious or critical violation, at desktop and
phone widths, with its calculators ready; and no page logs a console error.

axe-core comes from npm (node_modules/axe-core, pinned by package-lock.json) and is injected from that local
copy through the browser's debugging protocol, which the pages' content-security policy does not govern:
the site itself never loads it, and nothing is fetched from elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, page_paths

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
FAILING = ("serious", "critical")
SETTLING = "[data-calculator]:not([data-state=ready]), [data-calculator][data-busy]"
# axe's defaults (WCAG 2 A/AA and best practices) plus WCAG 2.2's target size, which axe leaves off by default.
START = "() => { window.pbAxe = axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}}); }"


class Lane:
    """One browser context at one width, one page reused: it checks a page while the other lane loads one."""

    def __init__(self, browser, width: int, source: str) -> None:
        # Reduced motion: no fade is caught half-way, so colours are measured as they settle.
        self.context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
        self.page = self.context.new_page()
        self.width, self.source, self.where = width, source, None
        self.console: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.console.append(f"{self.page.url}: {msg.text}"))
        self.page.on("pageerror", lambda err: self.console.append(f"{self.page.url}: {err}"))

    def start(self, base: str, where: str) -> None:
        """Open the page, wait until each calculator is ready and painted (what a reader meets), start axe."""
        self.page.goto(base + where)
        self.page.wait_for_selector(SETTLING, state="detached", timeout=60_000)
        self.page.evaluate(self.source)
        self.page.evaluate(START)
        self.where = where

    def finish(self) -> list[str]:
        """The serious and critical findings on the page last started, one line per element (three per rule)."""
        if self.where is None:
            return []
        violations, where, self.where = self.page.evaluate("() => window.pbAxe")["violations"], self.where, None
        lines = []
        for v in violations:
            if v["impact"] not in FAILING:
                continue
            for node in v["nodes"][:3]:
                target = " ".join(map(str, node["target"]))
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"{v['impact']} {v['id']} at {self.width} px on {where}: {target}\n    {summary[:300]}")
            if len(v["nodes"]) > 3:
                lines.append(f"    … and {len(v['nodes']) - 3} more {v['id']} on that page")
        return lines


def test_every_page_passes_axe_with_no_serious_violation(browser, all_courses):
    """axe over every page of new-hire, showroom and trade-show, their 404 page too, at 1280 and 390 px (each calculator ready):
    no serious or critical violation and no console error; a failure names the rule, the page, the element
    and why."""
    assert AXE.is_file(), "axe-core is missing: ./dev test installs it from package-lock.json (npm ci)"
    source = AXE.read_text(encoding="utf-8") + "\n;0"
    base, courses = all_courses
    pages = [f"{course}/{path}" for course, site in courses for path in [*page_paths(Path(site)), "404.html"]]
    assert len(pages) >= 60, f"only {len(pages)} pages found in the built courses"
    lanes = [Lane(browser, width, source) for width in WIDTHS]
    problems: list[str] = []
    try:
        for where in pages:
            for lane in lanes:
                problems += lane.finish()
                lane.start(base, where)
        for lane in lanes:
            problems += lane.finish()
    finally:
        for lane in lanes:
            lane.context.close()
    assert not problems, f"{len(problems)} serious or critical axe findings:\n" + "\n".join(problems)
    console = [line for lane in lanes for line in lane.console]
    assert not console, "console errors:\n" + "\n".join(console)
