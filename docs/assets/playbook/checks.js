// Self-check questions at the end of a chapter. The right choice and the
// explanation are in the page already (computed at build time by the rules
// package); this script marks an answer right or wrong as soon as a choice is
// picked, shows the explanation, and keeps the answer in this browser's record
// of the course (progress.js). "Open this case in the calculator" reuses the
// calculators' share link (#calc=KEY&v=INPUTS). Nothing is sent anywhere.
// A classic script, so that it also runs from file://.
(() => {
  "use strict";

  const TEXT = {
    right: { zh: "答对了。", en: "Right." },
    wrong: { zh: "不对。正确答案是 {letter}。", en: "Not quite. The right answer is {letter}." },
    changed: {
      zh: "这道题在你上次作答之后改过了，请重新作答。",
      en: "This question has changed since you answered it; please answer again.",
    },
    confirmKey: {
      zh: "按回车键或空格键，确认选这个答案。",
      en: "Press Enter or Space to choose this answer.",
    },
    score: { zh: "已答 {answered}/{total} 道，答对 {right} 道。", en: "{answered} of {total} answered, {right} right." },
    replace: {
      zh: "计算器里现在是你自己填写的内容。打开这个案例会替换它们（想保留的话，先在计算器下面点“导出”）。继续吗？",
      en: "The calculator holds what you entered yourself. Opening this case replaces it (to keep it, use Export under the calculator first). Go ahead?",
    },
  };
  const say = (key, lang, params = {}) =>
    (TEXT[key][lang] || TEXT[key].zh).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));

  const store = window.playbookProgress;
  const TRY = "playbook:try"; // session flag: the calculator opened from a question, to scroll to

  scrollToTriedCalculator();
  document.querySelectorAll("[data-pb-checks]").forEach(setup);

  function setup(section) {
    const course = section.dataset.course;
    const lang = section.getAttribute("lang") === "en" ? "en" : "zh";
    const questions = [...section.querySelectorAll("[data-question]")];
    const answers = store ? store.read(course).answers : {};
    const score = section.querySelector('[data-role="score"]');
    const tally = () => {
      const done = questions.filter((q) => q.dataset.answered);
      score.textContent = say("score", lang, {
        answered: done.length,
        total: questions.length,
        right: done.filter((q) => q.dataset.answered === "right").length,
      });
    };

    for (const q of questions) {
      const key = q.dataset.question;
      const saved = answers[key];
      if (saved && saved.version === q.dataset.version) show(q, saved.choice, lang, false);
      else if (saved) feedback(q, say("changed", lang), false);

      const commit = (choice) => {
        if (q.dataset.answered) return;
        const right = choice === q.dataset.right;
        store?.update(course, (d) => {
          d.answers[key] = { choice, right, version: q.dataset.version, at: new Date().toISOString() };
        });
        show(q, choice, lang, true);
        tally();
      };
      // Arrow keys move through a radio group and select as they go: for a keyboard,
      // choosing is Enter or Space, not arriving on a choice.
      let arrowed = false;
      q.addEventListener("keydown", (event) => {
        const input = event.target;
        if (!input.matches?.('input[type="radio"]') || q.dataset.answered) return;
        if (event.key.startsWith("Arrow")) arrowed = true;
        else if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          input.checked = true;
          commit(input.value);
        }
      });
      q.addEventListener("change", (event) => {
        const input = event.target;
        if (!input.matches('input[type="radio"]')) return;
        if (arrowed) {
          arrowed = false;
          feedback(q, say("confirmKey", lang), true);
          return;
        }
        commit(input.value);
      });
      const link = q.querySelector('[data-role="try"]');
      if (link) link.addEventListener("click", (event) => openCase(event, link, course, lang));
    }
    tally();
  }

  function feedback(q, text, announce) {
    const line = q.querySelector('[data-role="feedback"]');
    if (!announce) line.removeAttribute("aria-live"); // a restored answer is not news
    line.textContent = text;
    if (!announce) setTimeout(() => line.setAttribute("aria-live", "polite"), 0);
  }

  function show(q, choice, lang, announce) {
    const right = choice === q.dataset.right;
    q.dataset.answered = right ? "right" : "wrong";
    const explain = q.querySelector('[data-role="explain"]');
    explain.hidden = false;
    if (announce) {
      // Keep the keyboard's place before the choices are locked.
      explain.tabIndex = -1;
      explain.focus({ preventScroll: true });
    }
    for (const input of q.querySelectorAll('input[type="radio"]')) {
      input.checked = input.value === choice;
      input.disabled = true;
      const label = input.closest("label");
      label.classList.toggle("pb-choice--chosen", input.value === choice);
      label.classList.toggle("pb-choice--right", input.value === q.dataset.right);
    }
    feedback(q, right ? say("right", lang) : say("wrong", lang, { letter: q.dataset.right }), announce);
  }

  // The calculator keeps what a reader typed under playbook:<course>:<key> (calculator.js);
  // a case opened from a question replaces it, so ask first when there is something to lose.
  function openCase(event, link, course, lang) {
    event.preventDefault();
    const key = link.dataset.calcKey;
    let saved = null;
    try {
      saved = localStorage.getItem(`playbook:${course}:${key}`);
    } catch {
      /* storage blocked: nothing saved to lose */
    }
    if (saved && !confirm(say("replace", lang))) return;
    try {
      sessionStorage.setItem(TRY, key);
    } catch {
      /* no scroll then */
    }
    const target = new URL(link.href, location.href);
    if (target.pathname === location.pathname) {
      // The calculator reads the share link when the page loads; the reload opens at the
      // calculator, not where the reader was (so this entry does not restore its scroll).
      history.pushState(null, "", target.href);
      history.scrollRestoration = "manual";
      location.reload();
    } else location.href = target.href;
  }

  function scrollToTriedCalculator() {
    let key = null;
    try {
      key = sessionStorage.getItem(TRY);
      sessionStorage.removeItem(TRY);
    } catch {
      return;
    }
    if (!key || new URLSearchParams(location.hash.slice(1)).get("calc") !== key) return;
    const [name, card] = key.split(".");
    const selector = `[data-calculator="${CSS.escape(name)}"]` + (card ? `[data-card="${CSS.escape(card)}"]` : "");
    document.querySelector(selector)?.scrollIntoView({ block: "start" });
  }
})();
