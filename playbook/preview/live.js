// playbook serve: reloads this page when a rebuild changed it, and shows a
// build's mistakes on it. Sent only by the preview's server, added to each page
// as it is sent: never part of a built site. Same-origin script and
// EventSource only, as the pages' content-security policy allows.
(() => {
  "use strict";
  const here = location.pathname.replace(/index\.html$/, "");
  const lang = (document.documentElement.lang || "zh").startsWith("en") ? "en" : "zh";
  const TEXT = {
    title: {
      zh: "保存的修改有错误，这一页仍是上一次成功生成的版本。",
      en: "The change you saved has a mistake; this page is still the last version that built.",
    },
    hint: { zh: "改正并保存后，页面会自动更新。", en: "Fix it and save: the page updates by itself." },
    close: { zh: "关闭", en: "Close" },
  };
  const SCROLL = "playbook-preview-scroll:" + here;

  // Back where the reader was before the reload.
  const saved = sessionStorage.getItem(SCROLL);
  if (saved !== null) {
    sessionStorage.removeItem(SCROLL);
    addEventListener("load", () => scrollTo(0, Number(saved) || 0), { once: true });
  }

  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/__playbook/live.css";
  document.head.append(style);

  let box = null;
  const hide = () => {
    if (box) box.remove();
    box = null;
  };
  const show = (problems) => {
    hide();
    box = document.createElement("section");
    box.className = "pb-preview-problems";
    box.setAttribute("role", "alert");
    box.lang = lang;
    const title = document.createElement("p");
    title.className = "pb-preview-problems__title";
    title.textContent = TEXT.title[lang];
    const list = document.createElement("ul");
    for (const line of problems) {
      const item = document.createElement("li");
      const m = /^(\S+?:\d+): ([\s\S]*)$/.exec(line) || /^(\S+?): ([\s\S]*)$/.exec(line);
      if (m) {
        const where = document.createElement("code");
        where.textContent = m[1];
        item.append(where, document.createTextNode(" " + m[2]));
      } else {
        item.textContent = line;
      }
      list.append(item);
    }
    const hint = document.createElement("p");
    hint.textContent = TEXT.hint[lang];
    const close = document.createElement("button");
    close.type = "button";
    close.className = "pb-preview-problems__close";
    close.textContent = "×";
    close.setAttribute("aria-label", TEXT.close[lang]);
    close.addEventListener("click", hide);
    box.append(close, title, list, hint);
    document.body.prepend(box);
  };

  const since = Math.floor(performance.timeOrigin);
  const events = new EventSource(`/__playbook/events?page=${encodeURIComponent(here)}&since=${since}`);
  events.addEventListener("reload", () => {
    sessionStorage.setItem(SCROLL, String(scrollY));
    events.close();
    location.reload();
  });
  events.addEventListener("problems", (event) => show(JSON.parse(event.data).problems));
  events.addEventListener("fixed", hide);
})();
