// A calculator's tools: reset (after asking), export and import the inputs as
// a file, print it as a slip, make a share link; after a share link opened,
// a way back to the inputs the reader had before.

import { forget, keyOf, shareLink } from "./state.js";
import { say } from "./text.js";

export function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function button(label, role, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "pb-tool";
  b.dataset.action = role;
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

/** The tool bar of calculator `el`: `values()` reads its inputs, `apply(values)` writes them and recalculates;
 * `previous`: the reader's own inputs that a share link just replaced (they are offered back), or null. */
export function tools(el, config, values, apply, previous = null) {
  const lang = config.lang;
  const bar = document.createElement("div");
  bar.className = "pb-tools";
  bar.dataset.role = "tools";
  const note = document.createElement("p");
  note.className = "pb-tools__note";
  note.hidden = true;
  const file = document.createElement("input");
  file.type = "file";
  file.accept = "application/json,.json";
  file.hidden = true;
  file.name = "__import";
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    file.value = "";
    if (!chosen) return;
    let data = null;
    try {
      data = JSON.parse(await chosen.text());
    } catch {
      data = undefined;
    }
    const why = data === undefined ? say("notJson", lang)
      : !data || data.calculator !== keyOf(config) || typeof data.inputs !== "object" ? say("notOurs", lang, { name: config.spec.title[lang] || config.spec.title.zh })
      : null;
    if (why) {
      note.textContent = say("badFile", lang, { why });
      note.hidden = false;
      return;
    }
    apply(data.inputs);
    note.hidden = true;
  });
  bar.append(
    button(say("reset", lang), "reset", () => {
      if (!confirm(say("resetAsk", lang))) return;
      forget(config);
      apply(config.defaults);
    }),
    button(say("export", lang), "export", () =>
      download(
        `playbook-${keyOf(config)}.json`,
        "application/json",
        JSON.stringify({ calculator: keyOf(config), course: config.course, format: 1, inputs: values() }, null, 2),
      ),
    ),
    button(say("import", lang), "import", () => file.click()),
    button(say("print", lang), "print", () => {
      // Print this calculator alone, as a slip with its inputs, answer and signature lines.
      el.classList.add("pb-print-target");
      document.body.classList.add("pb-printing");
      addEventListener("afterprint", () => {
        el.classList.remove("pb-print-target");
        document.body.classList.remove("pb-printing");
      }, { once: true });
      print();
    }),
    button(say("share", lang), "share", () => {
      const link = shareLink(config, values());
      note.replaceChildren(say("shared", lang), " ");
      const out = document.createElement("input");
      out.type = "text";
      out.readOnly = true;
      out.value = link;
      out.dataset.role = "share-link";
      out.setAttribute("aria-label", say("sharedLink", lang));
      note.append(out);
      note.hidden = false;
      out.select();
      navigator.clipboard?.writeText(link).catch(() => {});
    }),
    file,
  );
  const wrap = document.createElement("div");
  wrap.dataset.role = "tools";
  wrap.append(bar, note);
  if (previous) {
    // Nothing the reader typed is lost: a share link replaced their inputs, so offer them back.
    const back = button(say("restore", lang), "restore", () => {
      apply(previous);
      note.hidden = true;
    });
    note.replaceChildren(say("opened", lang), " ", back);
    note.hidden = false;
  }
  return wrap;
}
