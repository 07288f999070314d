// Material's search worker, with each result list reordered: the pages in the
// reader's language first, then the others, each in Material's order. Set up by
// search-lang.js. The name keeps "/workers/search." so that boot.js still holds
// the index build back while a calculator starts.
(() => {
  "use strict";
  const params = new URLSearchParams(location.search);
  const material = new URL(params.get("worker") || "", location.href);
  if (material.origin !== location.origin) throw new Error("the search worker must come from this site");
  const lang = params.get("lang");
  // The course's default language has its pages at the root; the others under "<lang>/".
  const [defaultLang, ...others] = (params.get("langs") || "").split(" ").filter(Boolean);
  const langOf = (location) => {
    const first = String(location).split("/")[0];
    return others.includes(first) ? first : defaultLang;
  };

  // Material's worker loads its language files relative to its own address.
  const importNative = self.importScripts.bind(self);
  self.importScripts = (...urls) => importNative(...urls.map((url) => new URL(url, material).href));

  // A result is {items: [[page, ...its sections], ...]}, best first.
  const postNative = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    const items = message && message.data && message.data.items;
    if (Array.isArray(items) && lang) {
      const mine = (group) => group.length > 0 && langOf(group[0].location) === lang;
      message.data.items = [...items.filter(mine), ...items.filter((group) => !mine(group))];
    }
    return postNative(message, ...rest);
  };

  importScripts(material.href);
})();
