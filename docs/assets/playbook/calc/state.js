// Saved state: what a reader typed stays in this browser (local storage, per
// course and calculator) and comes back on reload, offline too; a share link
// carries the inputs after the #, which browsers never send to a server.

/** What saved inputs, exports and share links belong to: the calculator, or for a scorecard the calculator and its card. */
export const keyOf = (config) => config.key || config.name;

const storageKey = (config) => `playbook:${config.course}:${keyOf(config)}`;

export function loadSaved(config) {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(config)) || "null");
    return saved && typeof saved === "object" ? saved : null;
  } catch {
    return null;
  }
}

export function save(config, values) {
  try {
    localStorage.setItem(storageKey(config), JSON.stringify(values));
  } catch {
    /* storage full or blocked: the form still works */
  }
}

export function forget(config) {
  try {
    localStorage.removeItem(storageKey(config));
  } catch {
    /* blocked storage: nothing to forget */
  }
}

/** The inputs a share link carries for this calculator, or null. */
export function fromHash(config) {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("calc") !== keyOf(config)) return null;
  try {
    const values = JSON.parse(params.get("v") || "null");
    return values && typeof values === "object" && !Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

export function shareLink(config, values) {
  const params = new URLSearchParams({ calc: keyOf(config), v: JSON.stringify(values) });
  return `${location.href.split("#")[0]}#${params}`;
}
