// The calculator's state and its status line: the one place that paints them.
// data-state is "loading" (Python starting), "ready" or "error"; data-busy is
// set while an answer is being worked out. Progress of a long start or of a
// long recalculation is painted here too.

export function paintStatus(el, state, text) {
  if (state) el.dataset.state = state;
  if (text !== undefined) el.querySelector('[data-role="status"]').textContent = text;
}

export function paintBusy(el, busy) {
  if (busy) el.dataset.busy = "true";
  else delete el.dataset.busy;
}
