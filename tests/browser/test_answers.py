"""One renderer, one paste reader: the answer a page carries and the live one are the same HTML; a paste gives the same table as Python."""

import json
import re

import pytest

import calculators
from conftest import GOLDEN, golden_cases, page_paths

pytestmark = pytest.mark.browser

START_TIMEOUT = 60_000
CALCULATOR_OF = {"attribution": "commission-split"}  # golden folders named otherwise than their calculator

# HTML as Chromium parses and writes it back, so the two sides are compared as the page holds them.
AS_PARSED = """(html) => { const box = document.createElement('div'); box.innerHTML = html;
  return box.querySelector('[data-role="outputs"]').innerHTML; }"""


def calculator_pages(site):
    """calculator name -> the first page (zh) that embeds it, and every page path with a calculator."""
    first, every = {}, []
    for path in page_paths(site):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        names = re.findall(r'data-calculator="([^"]+)"', html)
        if names:
            every.append(path)
        for name in names:
            first.setdefault(name, path)
    return first, every


def where(a, b):
    """The place two HTML strings part, with some context: what a failed comparison shows."""
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {n}: …{a[max(0, n - 80):n + 80]}… vs …{b[max(0, n - 80):n + 80]}…"


def test_golden_cases_live_answer_html_is_the_prerendered_html(page, server, built_site, policy):
    """For every golden case of every calculator, the answer the build writes and the one painted live in Chromium are identical HTML."""
    first, _ = calculator_pages(built_site.site)
    folders = {d.name: CALCULATOR_OF.get(d.name, d.name) for d in sorted(GOLDEN.iterdir()) if d.is_dir()}
    assert set(folders.values()) <= set(calculators.REGISTRY) and len(folders) >= 6
    compared = 0
    for folder, name in folders.items():
        page.goto(server + first[name])
        root = f'[data-calculator="{name}"]'
        page.wait_for_selector(root + '[data-state="ready"]', timeout=START_TIMEOUT)
        handle = page.locator(root).first.element_handle()
        for case in golden_cases(folder):
            outcome = calculators.run(name, case["payload"], policy)
            assert outcome["ok"], (name, case["file"])
            lang = case["payload"].get("lang", "zh")
            built = page.evaluate(AS_PARSED, calculators.answer_html(name, json.loads(json.dumps(outcome)), lang))
            live = page.evaluate("([el, payload, policy]) => window.playbook.show(el, payload, policy)", [handle, case["payload"], policy])
            assert live == built, (name, case["file"], where(live, built))
            compared += 1
    assert compared >= 60
    assert page.page_errors == []


def test_every_calculator_page_answers_live_exactly_as_prerendered(page, server, built_site):
    """On every calculator page, zh and en, recalculating the untouched example paints the very HTML the page came with."""
    _, every = calculator_pages(built_site.site)
    assert len(every) >= 12
    for path in every:
        page.goto(server + path)
        before = page.evaluate("() => [...document.querySelectorAll('[data-calculator] [data-role=outputs]')].map((o) => o.innerHTML)")
        page.wait_for_function("() => [...document.querySelectorAll('[data-calculator]')].every((el) => el.dataset.state === 'ready')",
                               timeout=START_TIMEOUT)
        after = page.evaluate("""async () => {
          const roots = [...document.querySelectorAll('[data-calculator]')];
          const painted = roots.map((el) => new Promise((done) =>
            new MutationObserver((_, obs) => { obs.disconnect(); done(); }).observe(el.querySelector('[data-role=outputs]'), { childList: true })));
          roots.forEach((el) => el.querySelector('form').dispatchEvent(new Event('input')));
          await Promise.all(painted);
          return roots.map((el) => el.querySelector('[data-role=outputs]').innerHTML);
        }""")
        for a, b in zip(after, before):
            assert a == b, (path, where(a, b))
        page.evaluate("() => localStorage.clear()")  # the zh and en pages share what a reader typed: start each page afresh
    assert page.page_errors == []


PASTE = "名称\t金额\t赢率\t预计成交日期\t负责人\n华东家居\t12.5万\t50%\t2025年7月1日\t小周\n合计\t12.5万\t\t\t\n"
TABLE_ROWS = """(name) => [...document.querySelectorAll(`table[data-rows="${name}"] tbody tr`)].map((tr) =>
  Object.fromEntries([...tr.querySelectorAll('[name]')].filter((i) => i.value).map((i) => [i.name.split('.')[1], i.value])))"""


def test_paste_on_the_page_gives_the_table_calculators_run_reads(page, server, policy):
    """12.5万, 2025年7月1日 and a 合计 row pasted on the page fill the same rows Python reads, and the same weighted 62,500.00."""
    page.goto(server + "funnel/")
    root = page.locator('[data-calculator="forecast"]')
    page.wait_for_selector('[data-calculator="forecast"][data-state="ready"]', timeout=START_TIMEOUT)
    root.locator('[data-action="paste-rows"][data-rows-for="opportunities"]').click()
    root.locator('[data-paste-for="opportunities"] textarea').fill(PASTE)
    root.locator('[data-action="paste-fill"][data-rows-for="opportunities"]').click()
    root.locator('[name="target"]').fill("100000")
    root.locator('[name="period"]').fill("")  # the example counts 2026-Q1 only
    page.wait_for_function("() => document.querySelector('[data-calculator=forecast] [data-field=weighted] [data-value]').dataset.value === '62500.00'")
    python = calculators.run("forecast", {"paste": PASTE, "target": "100000"}, policy)["result"]
    assert page.evaluate(TABLE_ROWS, "opportunities") == python["pasted"] == [
        {"name": "华东家居", "amount": "125000", "probability": "50%", "close_date": "2025-07-01"}]
    assert python["weighted"] == "62500.00"
    assert root.locator('[data-field="weighted"] p').text_content() == "¥62,500.00"
    note = root.locator('[data-paste-note="opportunities"]')
    assert "负责人" in note.text_content() and "第 3 行" in note.text_content()
    assert root.locator('[data-field="by_month"] tbody td').nth(2).text_content() == "¥125,000.00"


def test_trade_show_cards_pasted_under_m_a_n_fill_the_man_columns(page, server):
    """Headers 姓名 公司 兴趣 M A N 备注 put M, A and N in the MAN columns on the page, so the ranking reads them (#17)."""
    page.goto(server + "trade-show/")
    page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=START_TIMEOUT)
    page.click('[data-action="paste-rows"]')
    page.fill('[data-paste-for="cards"] textarea', "姓名\t公司\t兴趣\tM\tA\tN\t备注\n孙悦\t远山木业\t中\t有\t有\t没有\t要报价\n钱多多\t\t高\t\t\t有\t\n")
    page.click('[data-action="paste-fill"]')
    page.wait_for_function("() => document.querySelectorAll('[data-field=ranking] tbody tr').length === 2")
    assert page.evaluate(TABLE_ROWS, "cards") == [
        {"name": "孙悦", "company": "远山木业", "interest": "warm", "money": "yes", "authority": "yes", "need": "no", "notes": "要报价"},
        {"name": "钱多多", "interest": "hot", "need": "yes"}]
    cells = page.evaluate("() => [...document.querySelectorAll('[data-field=ranking] tbody tr')].map((tr) => tr.children[3].textContent)")
    assert cells == ["??N", "MAn"]


def test_a_ten_thousand_row_paste_is_refused_and_nothing_is_lost(page, server):
    """10,000 pasted cards get the row-limit message beside the paste box; the table and the pasted text stay as they were."""
    page.goto(server + "en/trade-show/")
    page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=START_TIMEOUT)
    rows_before = page.evaluate(TABLE_ROWS, "cards")
    text = "Name\tInterest\n" + "".join(f"Card {i}\thot\n" for i in range(10_000))
    page.click('[data-action="paste-rows"]')
    box = page.locator('[data-paste-for="cards"] textarea')
    box.evaluate("(area, text) => { area.value = text; area.dispatchEvent(new Event('input', { bubbles: true })); }", text)  # a paste
    page.click('[data-action="paste-fill"]')
    error = page.locator('[data-paste-for="cards"] [data-role="paste-errors"]')
    error.wait_for(state="visible")
    assert "at most 2,000 rows" in error.text_content() and "10,000" in error.text_content()
    assert page.evaluate(TABLE_ROWS, "cards") == rows_before
    assert box.evaluate("(area) => area.value") == text


def test_worker_errors_are_a_code_and_a_message_in_the_page_language(page, server):
    """A request the worker cannot serve rejects with {code, message}, the message in the request's language, never a raw error."""
    page.goto(server + "en/trade-show/")
    page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=START_TIMEOUT)
    failures = page.evaluate("""async () => {
      const outcome = (request) => window.playbookEngine.call(request).then(() => null, (err) => ({ code: err.code, message: err.message }));
      return [await outcome({ type: "nope", lang: "en" }), await outcome({ type: "csv", name: "trade-show-leads", field: "nope", rows: [], lang: "zh" })];
    }""")
    assert failures == [
        {"code": "bad_request", "message": "the page asked for something the calculator does not know; reload the page"},
        {"code": "calc_failed", "message": "计算没能完成"},
    ]


def test_policy_values_are_labelled_fields_and_their_errors_name_them(page, server):
    """The commission split's policy values are labelled fields showing the company's value, no key or JSON on the page;
    a wrong value is marked at its field with its label, two shares that do not add up mark both, and values that work
    change the answer (70% / 30% of ¥8,888.88, to the fen)."""
    calc = '[data-calculator="commission-split"]'
    page.goto(server + "showroom-rules/")
    page.wait_for_selector(calc + '[data-state="ready"]', timeout=START_TIMEOUT)
    fold = page.locator(f"{calc} .pb-policy")
    fold.locator("summary").click()
    text = page.locator(calc).inner_text()
    assert "回访期限" in text and "公司政策：7 天" in text and "公司政策：20%" in text
    assert not re.search(r"follow_up_days|helper_share|\{|\}", text)
    days = page.locator(f'{calc} input[name="policy.follow_up_days"]')
    days.fill("-1")
    page.wait_for_selector(calc + '[data-answer="invalid"]')
    assert days.get_attribute("aria-invalid") == "true"
    assert "回访期限" in page.text_content(f"#{days.get_attribute('aria-describedby').split()[-1]}")
    days.fill("")
    second = page.locator(f'{calc} input[name="policy.unrecognised_split.second_agent"]')
    first = page.locator(f'{calc} input[name="policy.unrecognised_split.first_agent"]')
    second.fill("70%")
    page.wait_for_function("""(sel) => { const e = document.querySelector(sel + ' [data-error-for="policy.unrecognised_split"]');
      return e && !e.hidden && e.textContent.includes('双方没认出时的分成') && e.textContent.includes('90%'); }""", arg=calc)
    assert second.get_attribute("aria-invalid") == first.get_attribute("aria-invalid") == "true"
    first.fill("30%")
    page.wait_for_selector(calc + '[data-answer="current"]')
    assert second.get_attribute("aria-invalid") is None
    shares = page.locator(f'{calc} [data-field="shares"]').inner_text()
    assert "¥6,222.22" in shares and "¥2,666.66" in shares
