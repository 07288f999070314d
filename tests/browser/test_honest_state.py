"""An answer that is not the answer to the form says so, and why; a share link opens once, then the reader's edits win."""

import functools
import json
import threading
import urllib.parse

import pytest

from playbook.serve import Handler, Server

pytestmark = pytest.mark.browser

Q = '[data-calculator="qualification"]'
F = '[data-calculator="forecast"]'


class Held(Handler):
    """The site as `playbook serve` sends it, but Pyodide's files wait until the test lets them go: Python is
    still starting for as long as the test needs."""

    gate = threading.Event()

    def send_head(self):  # type: ignore[override]
        if self.path.startswith("/pyodide/"):
            self.gate.wait(120)
        return super().send_head()


def state(page, calc):
    """The calculator's engine state, answer state, status line and the answer's own note."""
    return page.evaluate("""(sel) => { const el = document.querySelector(sel); const note = el.querySelector('[data-role=answer-state]');
      return {state: el.dataset.state, answer: el.dataset.answer || 'current', status: el.querySelector('[data-role=status]').textContent,
              note: note.hidden ? '' : note.textContent, summary: el.querySelector('[data-role=summary-text]').textContent}; }""", calc)


def test_a_stale_answer_says_why(browser, built_site):
    """While Python starts, an edit leaves the example's answer, marked as the example's and to be updated; once up,
    the answer follows. Inputs with errors keep the last good answer, marked, the field tied to its error, and the
    status line does not say ready. A long calculation (2,000 deals) says it is working, with its rows."""
    Held.gate.clear()
    httpd = Server(("127.0.0.1", 0), functools.partial(Held, directory=str(built_site.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(base + "qualification/")
        page.check('input[name="money"][value="no"]')
        s = state(page, Q)
        assert s["state"] == "loading" and s["answer"] == "pending", s
        assert "示例" in s["note"] and "启动" in s["note"] and "已就绪" not in s["status"] and "启动" in s["summary"]
        assert page.text_content(f'{Q} [data-field="cell"] code') == "MaN"  # still the example's

        Held.gate.set()
        page.wait_for_selector(Q + '[data-state="ready"][data-answer="current"]', timeout=60_000)
        s = state(page, Q)
        assert s["status"].startswith("已就绪") and s["note"] == "" and page.text_content(f'{Q} [data-field="cell"] code') == "maN"

        page.click(f'{Q} [data-group="money"] details summary')
        page.fill(f'{Q} input[name="budget"]', "五十")
        page.wait_for_selector(Q + '[data-answer="invalid"]')
        s = state(page, Q)
        assert "已就绪" not in s["status"] and "1 处输入要改正" in s["status"] and "上一次有效的输入" in s["note"], s
        assert page.text_content(f'{Q} [data-field="cell"] code') == "maN"  # the last good answer, kept
        budget = page.locator(f'{Q} input[name="budget"]')
        assert budget.get_attribute("aria-invalid") == "true"
        error_id = budget.get_attribute("aria-describedby").split()[-1]
        assert "预算" in page.text_content(f"#{error_id}")
        budget.fill("5万")
        page.wait_for_selector(Q + '[data-answer="current"]')
        assert state(page, Q)["status"].startswith("已就绪") and budget.get_attribute("aria-invalid") is None

        page.goto(base + "funnel/")
        page.wait_for_selector(F + '[data-state="ready"]', timeout=60_000)
        deals = "\n".join(f"机会{i}\t{10_000 + i * 37}.{i % 100:02d}\t{(i % 9 + 1) / 10}" for i in range(2000))
        page.click(f'{F} [data-action="paste-rows"]')
        page.locator(f'{F} [data-paste-for="opportunities"] textarea').evaluate(
            "(area, text) => { area.value = text; }", "名称\t金额\t赢率\n" + deals)
        page.click(f'{F} [data-action="paste-fill"]')
        page.wait_for_selector(F + '[data-answer="busy"]', timeout=10_000)
        s = state(page, F)
        assert "正在计算" in s["status"] and "已就绪" not in s["status"] and "2,000 行" in s["note"], s
        assert page.locator(f"{F} [data-role=answer-state] progress").count() == 1
        page.wait_for_selector(F + '[data-answer="current"]', timeout=60_000)
        assert state(page, F)["status"].startswith("已就绪")
    finally:
        Held.gate.set()
        context.close()
        httpd.shutdown()
        httpd.server_close()


def test_a_share_link_opens_once_then_the_readers_edits_win(browser, server):
    """A share link's inputs are applied once: the link leaves the address bar, the reader's own inputs are offered
    back, and after an edit a reload keeps the edit. Printed after a share, the slip shows no link box, and the
    qualification slip has a line for the prospect's name."""
    context = browser.new_context()
    page = context.new_page()
    cell = f"() => document.querySelector('{Q} [data-field=cell] code').textContent"
    page.goto(server + "en/qualification/")
    page.wait_for_selector(Q + '[data-state="ready"]', timeout=60_000)
    page.check('input[name="money"][value="no"]')
    page.wait_for_function(f"() => ({cell})() === 'maN'")

    shared = json.dumps({"money": "yes", "authority": "yes", "need": "yes"})
    link = server + "en/qualification/#" + urllib.parse.urlencode({"calc": "qualification", "v": shared})
    page = context.new_page()
    page.goto(link)
    page.wait_for_selector(Q + '[data-state="ready"]', timeout=60_000)
    page.wait_for_function(f"() => ({cell})() === 'MAN'")
    assert "#" not in page.url, "applied once: the inputs left the address bar"
    assert page.locator('[data-action="restore"]').is_visible()
    page.check('input[name="need"][value="no"]')
    page.wait_for_function(f"() => ({cell})() === 'MAn'")
    page.reload()
    page.wait_for_selector(Q + '[data-state="ready"]', timeout=60_000)
    assert page.evaluate(cell) == "MAn", "the reader's edit wins over the link on reload"
    assert page.locator('[data-action="restore"]').count() == 0

    page.goto(link)  # the same link again, on this page: the link is applied, the earlier inputs offered back
    page.wait_for_function(f"() => ({cell})() === 'MAN'")
    page.click('[data-action="restore"]')
    page.wait_for_function(f"() => ({cell})() === 'MAn'")

    page.click('[data-action="share"]')
    assert page.locator('[data-role="share-link"]').is_visible()
    page.evaluate("() => { window.print = () => {}; }")
    page.click('[data-action="print"]')
    page.emulate_media(media="print")
    assert not page.locator('[data-role="share-link"]').is_visible() and not page.locator('[data-action="share"]').is_visible()
    head = page.locator(f"{Q} .pb-slip--head")
    assert head.is_visible() and "Prospect (name, company)" in head.inner_text()
    assert page.locator(f'{Q} [data-field="cell"]').is_visible()
    context.close()
