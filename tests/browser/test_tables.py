"""Table inputs as a rep uses them: add and remove rows, paste from a spreadsheet, per-row errors, CSV out."""


import pytest

pytestmark = pytest.mark.browser

READY = '[data-calculator="trade-show-leads"][data-state="ready"]'
# 2,000 rows read, ranked and drawn can take a minute on a busy 2-core machine (several suites at once); the waits
# are for the answer, however long it takes, and bench/paste.py measures how long.
LONG_WORK = 180_000  # ms
NAMES = "() => [...document.querySelectorAll('[data-field=ranking] tbody tr td:nth-child(2)')].map(td => td.textContent)"


def open_leads(page, server, lang=""):
    page.goto(f"{server}{lang}trade-show/")
    page.wait_for_selector(READY, timeout=60_000)


def paste(page, text):
    page.click('[data-action="paste-rows"]')
    page.fill('[data-paste-for="cards"] textarea', text)
    page.click('[data-action="paste-fill"]')


def test_paste_with_chinese_headers_replaces_the_example_and_ranks(page, server):
    """A sheet pasted with Chinese headers and labels fills the table and is ranked."""
    open_leads(page, server)
    paste(page, "姓名\t公司\t兴趣\tM 购买能力\tA 决策权\tN 需求\n孙悦\t远山木业\t中\t有\t有\t\n钱多多\t\t高\t\t\t有\n吴桐\t\t低\t\t\t\n")
    page.wait_for_function(f"() => ({NAMES})().join(',') === '钱多多,孙悦,吴桐'")
    assert page.locator('table[data-rows="cards"] tbody tr').count() == 3
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert page.evaluate(NAMES) == ["钱多多", "孙悦", "吴桐"], "the pasted cards survive a reload"


def test_bad_row_is_named_and_marked_and_kept(page, server):
    """A wrong value names its row and column, marks the cell, keeps the text; fixing it clears the error."""
    open_leads(page, server, "en/")
    paste(page, "name,interest\nAnna,hot\nBen,boiling\n")
    error = page.locator('[data-error-for="cards"]')
    error.wait_for(state="visible")
    assert "row 2" in error.text_content() and "Interest" in error.text_content()
    bad = page.locator('table[data-rows="cards"] tbody tr').nth(1).locator('[name="cards.interest"]')
    assert "pb-cell--invalid" in bad.get_attribute("class")
    assert page.locator('table[data-rows="cards"] tbody tr').nth(1).locator('[name="cards.name"]').input_value() == "Ben"
    bad.select_option("warm")
    error.wait_for(state="hidden")
    assert page.evaluate(NAMES) == ["Anna", "Ben"]


def test_add_and_remove_rows(page, server):
    """Adding a row and filling it re-ranks; removing a row drops it."""
    open_leads(page, server, "en/")
    before = page.locator('[data-field="ranking"] tbody tr').count()
    page.click('[data-action="add-row"]')
    row = page.locator('table[data-rows="cards"] tbody tr').last
    row.locator('[name="cards.name"]').fill("Zed")
    row.locator('[name="cards.interest"]').select_option("hot")
    page.wait_for_function(f"() => document.querySelectorAll('[data-field=ranking] tbody tr').length === {before + 1}")
    row.locator('[data-action="remove-row"]').click()
    page.wait_for_function(f"() => document.querySelectorAll('[data-field=ranking] tbody tr').length === {before}")
    assert "Zed" not in page.evaluate(NAMES)


def test_csv_export(page, server, tmp_path):
    """The table exports as CSV with headers in the reader's language."""
    open_leads(page, server, "en/")
    with page.expect_download() as dl:
        page.click('[data-action="csv-rows"]')
    path = tmp_path / "cards.csv"
    dl.value.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Name,Company,Interest")
    assert len(lines) == 1 + page.locator('table[data-rows="cards"] tbody tr').count()


def test_two_thousand_pasted_cards_are_listed_in_part_and_ranked_in_full(page, server):
    """2,000 pasted cards (the limit): the table lists the first 50, the ranking has all 2,000, "show every row" lists
    them all, and a reload keeps them. Times are in bench/paste.py, not asserted here."""
    open_leads(page, server, "en/")
    rows = "\n".join(f"Card {i}\t{['hot', 'warm', 'cold'][i % 3]}\t{['yes', 'no', ''][i % 3]}" for i in range(2000))
    page.click('[data-action="paste-rows"]')
    page.locator('[data-paste-for="cards"] textarea').evaluate(
        "(area, text) => { area.value = text; area.dispatchEvent(new Event('input', { bubbles: true })); }", "Name\tInterest\tM money\n" + rows)
    page.click('[data-action="paste-fill"]')
    page.wait_for_function("() => document.querySelectorAll('[data-field=ranking] tbody tr').length === 2000", timeout=LONG_WORK)
    listed = 'table[data-rows="cards"] tbody tr'
    assert page.locator(listed).count() == 50 and page.locator('[data-rows-more="cards"]').is_visible()
    names = page.evaluate(NAMES)
    assert names[0] == "Card 0" and names[-1] == "Card 1997"  # hot, then warm, then cold, each in paste order
    page.reload()
    open_leads(page, server, "en/")
    page.wait_for_selector('[data-calculator="trade-show-leads"][data-answer="current"]', timeout=LONG_WORK)  # the saved cards' answer
    assert page.locator(listed).count() == 50 and len(page.evaluate(NAMES)) == 2000
    page.click('[data-action="show-rows"]')
    page.wait_for_function("() => document.querySelectorAll('table[data-rows=cards] tbody tr').length === 2000", timeout=LONG_WORK)
    assert page.locator('[data-rows-more="cards"]').is_hidden()
    assert page.locator(listed).last.locator('[name="cards.name"]').input_value() == "Card 1999"


def test_forecast_golden_case_and_chart_in_the_browser(page, server):
    """The issue's golden pipeline typed into the page: weighted 195,000.00, 80% to reach 195,000, chart with target."""
    page.goto(server + "en/funnel/")
    page.wait_for_selector('[data-calculator="forecast"][data-state="ready"]', timeout=60_000)
    root = page.locator('[data-calculator="forecast"]')
    paste_box = root.locator('[data-action="paste-rows"][data-rows-for="opportunities"]')
    paste_box.click()
    root.locator('[data-paste-for="opportunities"] textarea').fill(
        "Name\tAmount\tProbability\nA\t100,000\t10%\nB\t¥50,000\t50%\nC\t200000\t0.8\n")
    root.locator('[data-action="paste-fill"][data-rows-for="opportunities"]').click()
    root.locator('[name="target"]').fill("195000")
    page.wait_for_function(
        "() => document.querySelector('[data-calculator=forecast] [data-field=weighted] [data-value]')?.dataset.value === '195000.00'")
    assert root.locator('[data-field="p_target"] [data-value]').get_attribute("data-value") == "0.80"
    assert root.locator('[data-field="p_target"] p').text_content() == "80%"
    assert root.locator('[data-field="distribution"] svg .pb-chart__target').count() == 1
    assert "¥195,000" in root.locator('[data-field="distribution"] svg').text_content()


def test_reorder_rows_changes_tie_order(page, server):
    """Moving a row up or down reorders the table, and equal cards then rank in the new order."""
    open_leads(page, server, "en/")
    paste(page, "Name\tInterest\nFirst\thot\nSecond\thot\n")
    page.wait_for_function(f"() => ({NAMES})().join(',') === 'First,Second'")
    page.locator('table[data-rows="cards"] tbody tr').nth(1).locator('[data-action="row-up"]').click()
    page.wait_for_function(f"() => ({NAMES})().join(',') === 'Second,First'")
    page.locator('table[data-rows="cards"] tbody tr').nth(0).locator('[data-action="row-down"]').click()
    page.wait_for_function(f"() => ({NAMES})().join(',') === 'First,Second'")


def test_print_slip_shows_only_the_calculator_with_signature_lines(page, server, tmp_path):
    """"Print slip" prints the commission split alone: inputs, answer, clauses and signature lines."""
    page.goto(server + "showroom-rules/")
    page.wait_for_selector('[data-calculator="commission-split"][data-state="ready"]', timeout=60_000)
    page.evaluate("() => { window.print = () => {}; }")
    page.click('[data-calculator="commission-split"] [data-action="print"]')
    page.emulate_media(media="print")
    calc = page.locator('[data-calculator="commission-split"]')
    assert calc.locator(".pb-slip").is_visible()
    assert "销售经理" in calc.locator(".pb-slip").inner_text()
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    assert calc.locator('[data-field="shares"]').is_visible()
    page.pdf(path=str(tmp_path / "slip.pdf"))
    assert (tmp_path / "slip.pdf").stat().st_size > 1000
