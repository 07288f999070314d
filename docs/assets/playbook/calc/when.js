// Dates and times: typed as people type them (2024/03/02 10:00, 3月2日 10:00; the rules package reads them,
// in the policy's time zone), or picked with the browser's own picker, or "now". The picker's value is put in
// the text box as it would be typed; "now" asks the rules for the time now on the policy's clock, so that a
// rep's phone set to another zone still fills in the showroom's time.

export function wireWhen(form, config, engine) {
  const canPick = typeof HTMLInputElement.prototype.showPicker === "function";
  if (canPick) for (const b of form.querySelectorAll('[data-action="pick"]')) b.hidden = false;
  form.addEventListener("click", (event) => {
    const button = event.target.closest('button[data-action="pick"], button[data-action="now"]');
    if (!button) return;
    const box = button.closest(".pb-when");
    const input = box.parentElement.querySelector('input[type="text"][name]');
    if (!input) return;
    if (button.dataset.action === "pick") {
      const picker = box.querySelector(".pb-picker");
      picker.value = pickerValue(input.value, picker.type);
      picker.onchange = () => {
        if (picker.value) fill(input, picker.value.replace("T", " "));
      };
      try {
        picker.showPicker();
      } catch {
        input.focus(); // no picker here: type it
      }
    } else {
      const name = input.name.split(".");
      engine.now(config.name, name.length > 1 ? name[1] : name[0], config.policy, config.lang).then(
        (text) => fill(input, text),
        () => input.focus(), // the engine is not up: type it
      );
    }
  });
}

// The form's own input listener saves and recalculates.
function fill(input, text) {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.focus();
}

/** What the picker should open on: the typed value when it is already in the picker's own form. */
function pickerValue(typed, type) {
  const text = typed.trim().replace(" ", "T");
  const forms = { date: /^\d{4}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}$/, "datetime-local": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/ };
  return forms[type]?.test(text) ? text : "";
}
