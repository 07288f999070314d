// Wide tables by keyboard: a table wider than the page scrolls sideways in its
// box (Material's .md-typeset__scrollwrap, the progress table's wrapper). While
// it does, the box takes the keyboard's focus, so arrow keys scroll it, and is
// named for a screen reader after the table's caption or the heading above it.
// A box that fits (say, after turning a phone) is left out of the tab order again.
(() => {
  "use strict";
  const BOXES = ".md-typeset__scrollwrap, .pb-progress__wrap";
  const en = (document.documentElement.lang || "zh").startsWith("en");
  const seen = new WeakSet();

  const headingText = (heading) =>
    [...heading.childNodes]
      .filter((node) => !(node instanceof Element && node.classList.contains("headerlink")))
      .map((node) => node.textContent)
      .join("")
      .trim();

  // The table's caption, else the nearest heading before the box.
  const name = (box) => {
    const caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    for (let el = box; el && !el.matches(".md-content"); el = el.parentElement) {
      for (let prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return headingText(prev);
      }
    }
    return "";
  };

  // Two tables under one heading get "Table 2: …": each region's name is its own.
  const label = (box) => {
    const title = name(box);
    const taken = new Set([...document.querySelectorAll(`${BOXES.replaceAll(",", "[aria-label],")}[aria-label]`)].map((el) => el.getAttribute("aria-label")));
    for (let n = 1; ; n++) {
      const number = n > 1 ? ` ${n}` : "";
      const text = en ? `Table${number}${title ? `: ${title}` : ""} (scrolls sideways)` : `表格${number}${title ? `：${title}` : ""}（可左右滚动）`;
      if (!taken.has(text)) return text;
    }
  };

  const update = (box) => {
    if (box.scrollWidth > box.clientWidth + 1) {
      if (box.hasAttribute("tabindex")) return;
      box.setAttribute("aria-label", label(box));
      box.tabIndex = 0;
      box.setAttribute("role", "region");
    } else if (box.hasAttribute("tabindex")) {
      for (const attr of ["tabindex", "role", "aria-label"]) box.removeAttribute(attr);
    }
  };

  const watch = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));
  const setUp = () => {
    for (const box of document.querySelectorAll(BOXES)) {
      if (seen.has(box)) continue;
      seen.add(box);
      update(box);
      watch.observe(box);
    }
  };
  // Material wraps the tables once its bundle has set the page up; the progress page draws its table later.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else addEventListener("DOMContentLoaded", setUp);
  new MutationObserver(setUp).observe(document.querySelector(".md-content") || document.body, { childList: true, subtree: true });
})();
