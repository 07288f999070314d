"""A rep's calculators on a phone and by keyboard: every calculator page of every course at 390 px, one calculator
operated with the keyboard alone."""

import pytest

from conftest import page_paths

pytestmark = pytest.mark.browser

# What a phone asks of a calculator page: nothing wider than the screen, no input text under 16 px (iOS zooms in on
# focus below that), no tap target under 44 px, no chosen option cut short in its closed box. Folds and paste boxes are opened first, so their insides count too.
AUDIT = """() => {
  for (const d of document.querySelectorAll('.pb-calc details')) d.open = true;
  for (const p of document.querySelectorAll('.pb-calc .pb-paste')) p.hidden = false;
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const name = (el) => (el.closest('[data-calculator]')?.dataset.calculator || 'page') + ' ' + (el.name || el.dataset.action || el.className || el.tagName);
  const out = { overflow: document.documentElement.scrollWidth - innerWidth, small: [], targets: [] };
  for (const el of document.querySelectorAll('.pb-calc input:not([type=hidden]):not([type=radio]):not(.pb-picker), .pb-calc select, .pb-calc textarea')) {
    if (shown(el) && parseFloat(getComputedStyle(el).fontSize) < 16) out.small.push(name(el) + ' ' + getComputedStyle(el).fontSize);
  }
  const targets = '.pb-calc button, .pb-calc input:not([type=hidden]):not([type=radio]):not(.pb-picker), .pb-calc select, ' +
                  '.pb-calc summary, .pb-calc a, .pb-seg__opt span, .pb-jump a';
  for (const el of document.querySelectorAll(targets)) {
    const r = el.getBoundingClientRect();
    if (shown(el) && (r.width < 44 || r.height < 44)) out.targets.push(name(el) + ` ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  // Each option of a select, once chosen, is read whole in the closed box: on its one line, or wrapped over it (.pb-select).
  const pen = document.createElement('canvas').getContext('2d');
  out.cut = [];
  for (const s of document.querySelectorAll('.pb-calc select')) {
    if (!shown(s)) continue;
    const was = s.selectedIndex, cs = getComputedStyle(s), over = s.parentElement.querySelector(':scope > .pb-select__shown');
    pen.font = cs.font;
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    for (let i = 0; i < s.options.length; i++) {
      s.selectedIndex = i;
      const text = s.options[i].text, box = s.getBoundingClientRect();
      let whole = pen.measureText(text).width <= room + 1;
      if (over) {
        const lines = [...over.children].filter(shown), r = lines[0]?.getBoundingClientRect();
        whole = lines.length === 1 && lines[0].textContent === text && lines[0].scrollWidth <= lines[0].clientWidth + 1 &&
                r.left >= box.left && r.right <= box.right && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      }
      if (!whole) out.cut.push(name(s) + ': ' + text);
    }
    s.selectedIndex = was;
  }
  out.jumps = [...document.querySelectorAll('.pb-calc')].filter((c) => !document.querySelector(`.pb-jump a[href="#${c.id}"]`)).map((c) => c.id);
  return out;
}"""


def test_every_calculator_page_of_every_course_fits_a_phone(browser, all_courses):
    """At 390 px, on every calculator page of every course in both languages: no sideways scrolling, input text of
    16 px or more, every tap target at least 44 px, every option of a select read whole in the closed box once chosen,
    and a link to each calculator at the top of the chapter."""
    base, sites = all_courses
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    problems, seen = [], 0
    for course, site in sites:
        for path in page_paths(site):
            if "data-calculator=" not in (site / path / "index.html").read_text(encoding="utf-8"):
                continue
            page.goto(f"{base}{course}/{path}")
            page.wait_for_selector('[data-calculator][data-state="ready"]', timeout=60_000)
            page.wait_for_function("() => !document.querySelector('[data-calculator][data-busy]')")
            found = page.evaluate(AUDIT)
            seen += 1
            if found["overflow"] > 0:
                problems.append(f"{course}/{path}: the page is {found['overflow']} px wider than the screen")
            problems += [f"{course}/{path}: input text under 16 px: {s}" for s in found["small"]]
            problems += [f"{course}/{path}: tap target under 44 px: {t}" for t in found["targets"]]
            problems += [f"{course}/{path}: no link to {c} at the top" for c in found["jumps"]]
            problems += [f"{course}/{path}: a chosen option cut in its closed box: {c}" for c in found["cut"]]
    context.close()
    assert seen >= 20 and not problems, "\n".join(problems[:40])


def test_a_calculator_by_keyboard_alone(page, server):
    """The trade-show ranking with the keyboard only: Tab to the chapter's link to the calculator and follow it, type a
    name, pick a choice with the arrow keys, move a row with Alt+↓ and with its labelled button (Enter), each move
    announced; focus is always visible, and the answer follows."""
    page.goto(server + "en/trade-show/")
    page.wait_for_selector('[data-calculator="trade-show-leads"][data-state="ready"]', timeout=60_000)
    focused = "() => { const el = document.activeElement; const s = getComputedStyle(el); " \
              "return {name: el.name || el.getAttribute('aria-label') || el.textContent.trim(), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
    names = "() => [...document.querySelectorAll('table[data-rows=cards] tbody tr')].slice(0, 3).map((tr) => tr.querySelector('[name=\"cards.name\"]').value)"
    ranked = "() => [...document.querySelectorAll('[data-field=ranking] tbody tr')].map((tr) => tr.children[1].textContent)"

    def tab_to(test, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            state = page.evaluate(focused)
            if test(state):
                assert state["outline"] != "none" and state["width"] >= 2, f"focus not visible on {state['name']}"
                return state
        raise AssertionError("never reached by Tab")

    tab_to(lambda s: s["name"].startswith("Trade-show card ranking"))
    page.keyboard.press("Enter")
    assert page.url.endswith("#calc-1-trade-show-leads")
    tab_to(lambda s: s["name"] == "cards.name")  # the first row's name
    first = page.evaluate(names)
    page.keyboard.press("Control+A")
    page.keyboard.type("Zed Keyboard")
    page.wait_for_function(f"() => ({ranked})().includes('Zed Keyboard')")
    page.keyboard.press("Tab")  # company
    tab_to(lambda s: s["name"] == "cards.interest", limit=3)
    page.keyboard.press("ArrowDown")  # hot -> warm, in a closed select
    page.keyboard.press("ArrowDown")  # warm -> cold
    page.wait_for_function(f"() => ({ranked})().at(-1) === 'Zed Keyboard' || ({ranked})().indexOf('Zed Keyboard') > 5")
    page.keyboard.press("Alt+ArrowDown")
    assert page.evaluate(names)[:2] == [first[1], "Zed Keyboard"]
    assert page.evaluate(focused)["name"] == "cards.interest", "focus stays in the cell being edited"
    page.wait_for_function("() => document.querySelector('[data-calculator] [data-role=announce]').textContent === 'Row 1 moved to row 2.'")
    tab_to(lambda s: s["name"] == "Move row 2 up")
    page.keyboard.press("Enter")
    assert page.evaluate(names)[0] == "Zed Keyboard"
    assert page.evaluate(focused)["name"] == "Move row 1 up", "the button moved with its row, and says its new number"
    tab_to(lambda s: s["name"].startswith("See the answer"), limit=250)
    page.keyboard.press("Enter")
    assert page.url.endswith("#calc-1-trade-show-leads-answer")
    assert page.locator("#calc-1-trade-show-leads-answer").is_visible()
