// A reader's progress in a course, kept in this browser only (local storage,
// one record per course): the chapters opened and read to the end, the
// self-check answers, and the name typed for the completion slip. Nothing is
// sent anywhere. This script keeps the record (window.playbookProgress, which
// checks.js uses), notes the chapter being read, and draws the "My progress"
// page with its printable completion slip. A classic script, so that it also
// runs from file://.
(() => {
  "use strict";

  const TEXT = {
    summary: {
      zh: "已读完 {read}/{chapters} 章；自测题答对 {right}/{questions} 道（已答 {answered} 道）。",
      en: "Read to the end: {read} of {chapters} chapters. Questions: {right} of {questions} right ({answered} answered).",
    },
    chapter: { zh: "章节", en: "Chapter" },
    reading: { zh: "阅读", en: "Reading" },
    checks: { zh: "自测", en: "Questions" },
    read: { zh: "已读完", en: "Read" },
    opened: { zh: "读过一部分", en: "Started" },
    unread: { zh: "未读", en: "Not yet" },
    score: { zh: "答对 {right}/{total}（已答 {answered}）", en: "{right} of {total} right ({answered} answered)" },
    notStarted: { zh: "{total} 道未答", en: "{total} not answered" },
    none: { zh: "没有自测题", en: "No questions" },
    missedTitle: { zh: "答错的题", en: "Questions you missed" },
    missedNone: { zh: "目前没有答错的题。", en: "No missed questions so far." },
    missedItem: { zh: "第 {n} 题：{ask}", en: "Question {n}: {ask}" },
    name: { zh: "你的姓名（只用于打印确认单，保存在这台设备上）", en: "Your name (for the printed slip only; kept on this device)" },
    print: { zh: "打印完成确认单", en: "Print the completion slip" },
    reset: { zh: "清除我的进度", en: "Clear my progress" },
    resetAsk: {
      zh: "清除这门课程在这台设备上的全部记录（阅读、答题和姓名）？清除后无法恢复。",
      en: "Clear everything this device has kept for this course (reading, answers and your name)? This cannot be undone.",
    },
    slipTitle: { zh: "学习完成确认单", en: "Course completion slip" },
    slipCourse: { zh: "课程", en: "Course" },
    slipName: { zh: "学员", en: "Name" },
    slipDate: { zh: "日期", en: "Date" },
    slipTotal: { zh: "合计", en: "Total" },
    slipPartial: { zh: "{score}（已答 {answered} 道）", en: "{score} ({answered} answered)" },
    slipNone: { zh: "{score}（未作答）", en: "{score} (not answered)" },
    slipNote: {
      zh: "本单由学员在自己的设备上生成；每道自测题按第一次作答计分。",
      en: "Produced by the learner on their own device; each question counts as first answered.",
    },
    signLearner: { zh: "学员签名", en: "Learner's signature" },
    signTrainer: { zh: "培训负责人签名", en: "Trainer's signature" },
  };
  const say = (key, lang, params = {}) =>
    (TEXT[key][lang] || TEXT[key].zh).replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));

  // ---- the record ----------------------------------------------------------

  const storageKey = (course) => `playbook:progress:${course}`;
  const blank = () => ({ v: 1, name: "", modules: {}, answers: {} });
  const memory = {}; // used when the browser refuses storage: this visit still works
  let broken = false;

  function read(course) {
    if (broken && memory[course]) return memory[course];
    try {
      const data = JSON.parse(localStorage.getItem(storageKey(course)) || "null");
      if (data && typeof data === "object" && data.v === 1) {
        return { ...blank(), ...data, modules: { ...data.modules }, answers: { ...data.answers } };
      }
    } catch {
      /* unreadable: start afresh */
    }
    return memory[course] || blank();
  }

  function write(course, data) {
    memory[course] = data;
    try {
      localStorage.setItem(storageKey(course), JSON.stringify(data));
      broken = false;
    } catch {
      broken = true;
    }
  }

  function update(course, change) {
    const data = read(course);
    change(data);
    write(course, data);
    return data;
  }

  function clear(course) {
    delete memory[course];
    try {
      localStorage.removeItem(storageKey(course));
    } catch {
      /* nothing kept */
    }
  }

  window.playbookProgress = { read, update, clear };

  // ---- a chapter: opened, then read to the end ------------------------------

  const ends = document.querySelectorAll(".md-content [data-pb-module]");
  if (ends.length === 1) {
    const end = ends[0];
    const { pbCourse: course, pbModule: module } = end.dataset;
    const now = () => new Date().toISOString();
    update(course, (d) => {
      d.modules[module] = { ...d.modules[module], opened: d.modules[module]?.opened || now() };
    });
    // Read to the end once the marker after the summary has come on screen (or been scrolled past:
    // a jump to the questions counts too).
    let pending = false;
    const reached = () => {
      pending = false;
      if (end.getBoundingClientRect().top > innerHeight) return;
      removeEventListener("scroll", onScroll);
      update(course, (d) => {
        d.modules[module] = { ...d.modules[module], read: d.modules[module]?.read || now() };
      });
    };
    const onScroll = () => {
      if (!pending) (pending = true), requestAnimationFrame(reached);
    };
    if (!read(course).modules[module].read) {
      addEventListener("scroll", onScroll, { passive: true });
      onScroll();
    }
  }

  // ---- the "My progress" page -------------------------------------------------

  const root = document.querySelector("[data-pb-progress]");
  if (root) progressPage(root);

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v;
      else if (k.startsWith("data-") || k === "href" || k === "for" || k === "id" || k === "type") node.setAttribute(k, v);
      else node[k] = v;
    }
    node.append(...children);
    return node;
  }

  // What the record says about each chapter, counting only answers to the questions as built now.
  function tally(data, record) {
    const rows = data.modules.map((m) => {
      const state = record.modules[m.name] || {};
      const answers = m.questions.map((q) => {
        const a = record.answers[`${m.name}/${q.id}`];
        return a && a.version === q.version ? a : null;
      });
      return {
        module: m,
        reading: state.read ? "read" : state.opened ? "opened" : "unread",
        total: m.questions.length,
        answered: answers.filter(Boolean).length,
        right: answers.filter((a) => a && a.right).length,
        missed: m.questions.filter((q, i) => answers[i] && !answers[i].right),
      };
    });
    const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
    return {
      rows,
      read: rows.filter((r) => r.reading === "read").length,
      total: sum("total"),
      answered: sum("answered"),
      right: sum("right"),
    };
  }

  // "6/10" when every question is answered; otherwise says how many were (a trainer reads this).
  function slipScore(r, lang) {
    if (!r.total) return "—";
    const score = `${r.right}/${r.total}`;
    if (r.answered === r.total) return score;
    return r.answered ? say("slipPartial", lang, { score, answered: r.answered }) : say("slipNone", lang, { score });
  }

  function today(lang) {
    return new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en-GB", { dateStyle: "long" }).format(new Date());
  }

  function progressPage(root) {
    const data = JSON.parse(root.querySelector('script[data-role="progress-data"]').textContent);
    const { course, lang } = data;
    const view = el("div", { class: "pb-progress__view", "data-role": "view" });
    const slip = el("section", { class: "pb-slip-sheet", "data-role": "slip" });

    const nameInput = el("input", { type: "text", id: "pb-progress-name", maxLength: 80, autocomplete: "name" });
    nameInput.dataset.role = "name";
    nameInput.value = read(course).name || "";
    nameInput.addEventListener("input", () => {
      update(course, (d) => {
        d.name = nameInput.value.trim();
      });
      drawSlip();
    });
    const printButton = el("button", { type: "button", class: "pb-tool pb-tool--main", "data-action": "print-slip" }, say("print", lang));
    printButton.addEventListener("click", () => {
      drawSlip();
      print();
    });
    const resetButton = el("button", { type: "button", class: "pb-tool", "data-action": "reset-progress" }, say("reset", lang));
    resetButton.addEventListener("click", () => {
      if (!confirm(say("resetAsk", lang))) return;
      clear(course);
      nameInput.value = "";
      draw();
    });
    const tools = el(
      "div",
      { class: "pb-progress__tools" },
      el("label", { class: "pb-progress__name", for: "pb-progress-name" }, say("name", lang)),
      nameInput,
      el("div", { class: "pb-tools" }, printButton, resetButton),
    );
    root.append(view, tools, slip);

    // One row per chapter: its title (cell made by `title`), reading, and questions (made by `score`).
    function chapterTable(className, t, title, score, extra) {
      const head = el("tr", {}, ...["chapter", "reading", "checks"].map((key) => el("th", {}, say(key, lang))));
      const rows = t.rows.map((r) =>
        el("tr", { "data-module": r.module.name, ...extra(r) }, el("td", {}, title(r)), el("td", {}, say(r.reading, lang)), score(r)),
      );
      return el("table", { class: className }, el("thead", {}, head), el("tbody", {}, ...rows));
    }

    function drawSlip() {
      const record = read(course);
      const t = tally(data, record);
      const table = chapterTable("pb-slip-sheet__table", t, (r) => r.module.title,
        (r) => el("td", { "data-role": "slip-score" }, slipScore(r, lang)), () => ({}));
      table.tBodies[0].append(
        el(
          "tr",
          { class: "pb-slip-sheet__total" },
          el("th", {}, say("slipTotal", lang)),
          el("td", {}, `${t.read}/${t.rows.length}`),
          el("td", { "data-role": "slip-total" }, `${t.right}/${t.total}`),
        ),
      );
      const field = (label, value, role) =>
        el("p", { class: "pb-slip-sheet__field" }, el("span", { class: "pb-slip-sheet__label" }, label), el("span", { "data-role": role }, value));
      slip.replaceChildren(
        el("h2", { class: "pb-slip-sheet__title" }, say("slipTitle", lang)),
        field(say("slipCourse", lang), data.title, "slip-course"),
        field(say("slipName", lang), record.name || "", "slip-name"),
        field(say("slipDate", lang), today(lang), "slip-date"),
        table,
        el("p", { class: "pb-slip-sheet__note" }, say("slipNote", lang)),
        el(
          "div",
          { class: "pb-slip-sheet__signs" },
          el("p", {}, say("signLearner", lang)),
          el("p", {}, say("signTrainer", lang)),
        ),
      );
    }

    function draw() {
      const record = read(course);
      const t = tally(data, record);
      const table = chapterTable(
        "pb-progress__table", t,
        (r) => el("a", { href: r.module.url }, r.module.title),
        (r) => el("td", { "data-role": "score" }, !r.total ? say("none", lang) : say(r.answered ? "score" : "notStarted", lang, r)),
        (r) => ({ "data-reading": r.reading }),
      );
      // The missed questions, grouped by chapter, each linking back to its place.
      const missed = t.rows.filter((r) => r.missed.length).flatMap((r) => [
        el("p", { class: "pb-progress__missed-chapter" }, r.module.title),
        el(
          "ul",
          { class: "pb-progress__missed" },
          ...r.missed.map((q) =>
            el("li", {}, el("a", { href: `${r.module.url}#check-${q.id}`, "data-role": "missed" }, say("missedItem", lang, q))),
          ),
        ),
      ]);
      view.replaceChildren(
        el("p", { class: "pb-progress__summary", "data-role": "summary" },
          say("summary", lang, { read: t.read, chapters: t.rows.length, right: t.right, questions: t.total, answered: t.answered })),
        el("div", { class: "pb-progress__wrap" }, table),
        el("h2", { id: "missed" }, say("missedTitle", lang)),
        ...(missed.length ? missed : [el("p", {}, say("missedNone", lang))]),
      );
      drawSlip();
    }

    draw();
    // Another tab answered or read something: show it.
    addEventListener("storage", (event) => {
      if (event.key === null || event.key === storageKey(course)) {
        nameInput.value = read(course).name || "";
        draw();
      }
    });
    addEventListener("beforeprint", drawSlip); // the date is the day it is printed
  }
})();
