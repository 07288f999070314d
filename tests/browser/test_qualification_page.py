"""The MAN page in Chromium, used as a person uses it."""

import json
import threading

import pytest

from conftest import golden_cases
from playbook.link import Link, serve
from playbook.serve import Handler

pytestmark = pytest.mark.browser

READY = '[data-calculator="qualification"][data-state="ready"]'
START_TIMEOUT = 60_000  # Pyodide's first start on a slow CI core


def verdict(page):
    return page.get_attribute('[data-calculator="qualification"] [data-field="verdict"] .pb-badge', "data-value")


class HeldPython(Handler):
    """The site as `playbook serve` sends it, but Python's files (pyodide/) wait until the test lets them go."""

    go: threading.Event

    def send_head(self):  # type: ignore[override]
        if self.path.startswith("/pyodide/"):
            self.go.wait(START_TIMEOUT / 1000)
        return super().send_head()


def test_prerendered_answer_then_live_answers(page, built_site):
    """The example's answer is on the page before Python starts; changed inputs then answer live."""
    held = type("Held", (HeldPython,), {"go": threading.Event()})  # however slow the machine, Python starts
    httpd, base = serve(built_site.site, Link(), held)  # only once the first paint is checked
    try:
        page.goto(base + "qualification/")
        # First paint: the build-time answer is already in the HTML, while the engine loads.
        assert page.get_attribute("[data-calculator=qualification]", "data-state") == "loading"
        assert verdict(page) == "develop"
        assert page.text_content('[data-field="cell"] code') == "MaN"
        held.go.set()
        page.wait_for_selector(READY, timeout=START_TIMEOUT)
        page.check('input[name="authority"][value="yes"]')
        page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'")
        assert page.text_content('[data-field="cell"] code') == "MAN"
        page.check('input[name="need"][value="unknown"]')
        page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'verify'")
        assert page.locator('[data-field="next_questions"] li').count() == 3
        assert page.page_errors == []
    finally:
        held.go.set()
        httpd.shutdown()
        httpd.server_close()


def test_field_error_is_shown_next_to_the_field_and_input_kept(page, server):
    """A bad amount gets a localised message beside its field; the text stays; fixing it clears the error."""
    page.goto(server + "en/qualification/")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.click('[data-group="money"] details summary')
    page.fill('input[name="budget"]', "12.345")
    error = page.locator('[data-error-for="budget"]')
    error.wait_for(state="visible")
    assert "at most two decimal places" in error.text_content()
    assert page.input_value('input[name="budget"]') == "12.345"
    page.fill('input[name="budget"]', "12,345")
    error.wait_for(state="hidden")
    page.reload()
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    assert page.input_value('input[name="budget"]') == "12,345"


def test_english_page_answers_in_english(page, server):
    """The /en/ page renders and recalculates in English."""
    page.goto(server + "en/qualification/")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.check('input[name="money"][value="no"]')
    page.check('input[name="authority"][value="no"]')
    page.check('input[name="need"][value="no"]')
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'abandon'")
    assert page.text_content('[data-field="verdict"] .pb-badge') == "Drop"
    assert page.text_content('[data-field="action"] p').startswith("Not a prospect")


# Golden folders named otherwise than their calculator.
CALCULATOR_OF = {"attribution": "commission-split"}


def test_golden_cases_give_the_same_answers_in_the_browser(page, server, built_site):
    """Every golden case of every calculator, run by the wheel under Pyodide, gives the CPython answer."""
    import calculators
    from conftest import GOLDEN
    from playbook.policy import load_policy

    policy = load_policy()
    page.goto(server + "qualification/")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    folders = {d.name: CALCULATOR_OF.get(d.name, d.name) for d in sorted(GOLDEN.iterdir()) if d.is_dir()}
    folders = {f: n for f, n in folders.items() if n in calculators.REGISTRY}
    assert {"qualification", "trade-show-leads", "rotation", "commission-split"} <= set(folders.values())
    for folder, name in folders.items():
        cases = golden_cases(folder)
        answers = page.evaluate(
            "([name, cases, policy]) => Promise.all(cases.map(c => window.playbook.run(name, c.payload, policy)))",
            [name, cases, policy],
        )
        for case, answer in zip(cases, answers):
            expected = json.loads(json.dumps(calculators.run(name, case["payload"], policy)))
            assert answer == expected, (name, case["file"])
            assert answer["ok"], (name, case["file"])


def test_no_request_leaves_the_local_origin(page, all_courses):
    """Over every page of every shipped course, in both languages, every request goes to 127.0.0.1; once a calculator
    page has done its own loading, typing and recalculating make no request at all."""
    from conftest import page_paths

    base, courses = all_courses
    # Playwright sees no request of a shared worker: with none, Python runs in the page's dedicated
    # worker (boot.js's fallback), whose requests it sees. The worker's code is the same.
    page.add_init_script("delete window.SharedWorker")
    urls, in_flight = [], set()
    page.on("request", lambda r: (urls.append(r.url), in_flight.add(r)))
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", lambda r: in_flight.discard(r))
    visited = 0
    for course, site in courses:
        for path in page_paths(site):
            page.goto(f"{base}{course}/{path}")
            page.wait_for_load_state("networkidle")
            visited += 1
    assert visited >= 20
    in_flight.clear()  # a page left behind dropped its own
    page.goto(f"{base}{courses[0][0]}/qualification/")
    searching = (courses[0][1] / "qualification" / "index.html").read_text(encoding="utf-8")
    searching = searching.split('class="md-search-result__meta">', 1)[1].split("<", 1)[0].strip()  # "initialising"
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.check('input[name="money"][value="no"]')
    page.wait_for_function("() => document.querySelector('[data-field=cell] code').textContent === 'maN'")
    # The rules package arrives in the memory snapshot (or the wheel, when Python starts without one).
    assert any(u.endswith(".whl") or "/pyodide/snapshot-" in u for u in urls), "the rules package was not fetched"
    # What a rep types travels to no server at all: typing and recalculating make no request. The page's own
    # loading comes first, each part a moment after Python is up (later still on a busy machine): the offline copy
    # saved, the search index read, and nothing left in flight.
    page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=120_000)
    page.wait_for_function(
        "(starting) => document.querySelector('.md-search-result__meta').textContent.trim() !== starting",
        arg=searching, timeout=60_000)
    for _ in range(600):
        if not any(r.url.startswith("http") for r in in_flight):
            break
        page.wait_for_timeout(100)
    assert not [r.url for r in in_flight if r.url.startswith("http")], "requests still in flight"
    before = len(urls)
    page.click('[data-group="money"] details summary')
    page.fill('input[name="budget"]', "98765.43")
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.querySelector('[data-field=cell] code').textContent === 'mAN'")
    assert urls[before:] == []
    off = [u for u in urls if not u.startswith(base) and not u.startswith(("data:", "blob:"))]
    assert off == []


def test_typed_markup_is_shown_as_text(page, server, built_site):
    """Markup typed into every text field of every calculator on the site comes back as text; no script runs."""
    from conftest import page_paths

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payload = "<img src=x onerror=alert(1)>"
    checked = 0
    for path in page_paths(built_site.site):
        if "data-calculator=" not in (built_site.site / path / "index.html").read_text(encoding="utf-8"):
            continue
        page.goto(server + path)
        page.wait_for_selector('[data-calculator][data-state="ready"]', timeout=START_TIMEOUT)
        page.evaluate("() => document.querySelectorAll('[data-calculator] details').forEach(d => d.open = true)")
        for field in page.locator('[data-calculator] form input[type="text"]:visible').all():  # an event row shows its type's cells
            field.fill(payload)
            checked += 1
        page.wait_for_function("() => !document.querySelector('[data-calculator][data-busy]')")
        page.wait_for_timeout(300)
        shown = page.locator("[data-calculator]").first.inner_text()
        errors = page.locator("[data-calculator] [data-error-for]:visible, [data-calculator] [data-role=errors]:visible")
        # Either echoed back as text (in an error, a ranking, a name) or refused with a visible message.
        assert payload in shown or errors.count() > 0, path
        assert page.locator("[data-calculator] [onerror]").count() == 0
        assert page.locator("[data-calculator] img").count() == 0
    page.wait_for_timeout(200)
    assert checked >= 3 and dialogs == []


def test_page_without_calculator_starts_no_python(page, server):
    """The home page fetches neither Pyodide nor the wheel."""
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(server)
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "pyodide" in u or u.endswith(".whl")]


def test_opened_from_disk_explains_how_to_serve(page, built_site):
    """From file:// the text shows and the calculator says to run playbook serve."""
    page.goto((built_site.site / "qualification" / "index.html").as_uri())
    note = page.locator('[data-role="file-note"]')
    note.wait_for(state="visible")
    assert "python3 serve.py" in note.text_content() and "playbook serve" in note.text_content()
    assert verdict(page) == "develop"


def test_content_security_policy_holds_and_nothing_breaks_it(page, server):
    """Each page declares a same-origin CSP; the theme and the calculator run under it with no violation."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "qualification/")
    csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'self'" in csp and "'unsafe-eval'" not in csp.replace("'wasm-unsafe-eval'", "")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.check('input[name="money"][value="unknown"]')
    page.wait_for_function("() => document.querySelector('[data-field=cell] code').textContent === '?aN'")
    page.goto(server + "en/")
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert page.page_errors == []


@pytest.mark.parametrize("sabotage", [
    "WebAssembly.compileStreaming = () => Promise.reject(new Error('compile refused'))",
    "delete WebAssembly.compileStreaming",
])
def test_worker_falls_back_when_the_page_cannot_compile_pyodide(browser, server, sabotage):
    """If the page's WebAssembly compile fails or is missing, the worker loads Pyodide itself and answers."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(sabotage)
    page = context.new_page()
    try:
        page.goto(server + "qualification/")
        page.wait_for_selector(READY, timeout=START_TIMEOUT)
        page.check('input[name="authority"][value="yes"]')
        page.wait_for_function("() => document.querySelector('[data-field=cell] code').textContent === 'MAN'")
    finally:
        context.close()
