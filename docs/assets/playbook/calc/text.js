// Every sentence the calculator scripts put on a page, in Chinese and English.
// The form's own words are in the HTML (playbook/form_html.py), the answer's
// and the rules' messages come from Python: this is only what the page adds.

const TEXT = {
  ready: { zh: "已就绪：修改任一项，答案立即更新。", en: "Ready: change any input and the answer updates." },
  downloading: {
    zh: "正在下载计算引擎：{pct}%（{done} / {total} MB）· 下面是示例答案",
    en: "Downloading the calculator: {pct}% ({done} of {total} MB) · the answer below is the example",
  },
  starting: { zh: "正在启动计算引擎… 下面是示例答案", en: "Starting the calculator… the answer below is the example" },
  downloadBar: { zh: "计算引擎下载进度", en: "Calculator download" },
  failed: {
    zh: "计算器没能启动。正文和上面的示例答案仍可阅读；检查网络后刷新页面可重试。",
    en: "The calculator could not start. The text and the example answer still read fine; check the connection and reload to try again.",
  },
  calcFailed: { zh: "这次没能算出答案{why}。请再改一次输入，或刷新页面。", en: "No answer this time{why}. Change an input again, or reload the page." },
  why: { zh: "（{text}）", en: " ({text})" },
  // The answer's state, when it is not the answer to what the form shows (calc/status.js paints these).
  pending: {
    zh: "这还是示例的答案，不是按你的输入算的：计算器一启动就会自动更新。",
    en: "This is still the example's answer, not yours: it updates as soon as the calculator has started.",
  },
  pendingShort: { zh: "等计算器启动后更新答案…", en: "The answer updates once the calculator has started…" },
  invalid: {
    zh: "这个答案是按你上一次有效的输入算的，现在的输入有 {n} 处要改正（已在上面标出）。改好后答案会自动更新。",
    en: "This answer is from your last valid inputs: {n:input needs:inputs need} fixing (marked above). Once fixed, the answer updates.",
  },
  invalidShort: { zh: "有 {n} 处输入要改正，答案还没更新", en: "{n:input:inputs} to fix; the answer is not updated yet" },
  statusInvalid: { zh: "有 {n} 处输入要改正：答案还没按现在的输入更新。", en: "{n:input:inputs} to fix: the answer does not follow the current inputs yet." },
  busy: { zh: "正在按你的新输入计算…", en: "Working out the answer to your new inputs…" },
  busyRows: { zh: "正在按你的新输入计算（{rows} 行）…已用 {s} 秒", en: "Working out the answer to your new inputs ({rows} rows)… {s} s so far" },
  statusBusy: { zh: "正在计算…", en: "Calculating…" },
  failedStale: {
    zh: "计算器没能启动：这个答案是示例的，不是按你的输入算的。你的输入已保留。",
    en: "The calculator could not start: this answer is the example's, not yours. Your inputs are kept.",
  },
  updated: { zh: "答案已更新：{summary}", en: "Answer updated: {summary}" },
  listing: { zh: "正在列出第 {done} / {all} 行…", en: "Listing rows: {done} of {all}…" },
  reading: { zh: "正在读取粘贴的表格…", en: "Reading the pasted table…" },
  moved: { zh: "第 {from} 行已移到第 {to} 行。", en: "Row {from} moved to row {to}." },
  removed: { zh: "已删除第 {n} 行。", en: "Row {n} removed." },
  added: { zh: "已添加第 {n} 行。", en: "Row {n} added." },
  reset: { zh: "重置", en: "Reset" },
  resetAsk: { zh: "清空这个计算器里你填写的内容，恢复示例？", en: "Clear what you entered in this calculator and restore the example?" },
  export: { zh: "导出", en: "Export" },
  import: { zh: "导入", en: "Import" },
  share: { zh: "分享链接", en: "Share link" },
  print: { zh: "打印确认单", en: "Print slip" },
  shared: {
    zh: "链接已生成（输入只在 # 之后，不会发给任何服务器）：",
    en: "Link ready (the inputs ride after the #, which is never sent to any server):",
  },
  sharedLink: { zh: "分享链接", en: "Share link" },
  opened: { zh: "已打开分享链接里的输入。", en: "Opened the inputs from the share link." },
  restore: { zh: "换回我之前的输入", en: "Back to my earlier inputs" },
  badFile: { zh: "无法导入：{why}", en: "Cannot import: {why}" },
  notJson: { zh: "这个文件不是从计算器导出的文件", en: "this file is not one a calculator exported" },
  notOurs: { zh: "这不是“{name}”计算器导出的文件", en: "this file was not exported from the '{name}' calculator" },
  pasteFailed: { zh: "没能读取粘贴的内容{why}。你的内容还在框里，可以再试一次。", en: "The paste could not be read{why}. Your text is still in the box; try again." },
};

/** The sentence `key` in `lang` (Chinese when missing), with `{name}` placeholders filled from `params`;
 * `{n:one:many}` is the number n and the word for one or for many. */
export function say(key, lang, params = {}) {
  const text = TEXT[key][lang] || TEXT[key].zh;
  return text.replace(/\{(\w+)(?::([^:}]*):([^}]*))?\}/g, (_, name, one, many) =>
    one === undefined ? String(params[name] ?? "") : `${params[name]} ${Number(params[name]) === 1 ? one : many}`);
}

/** Why a call failed, in words for the reader: the worker's own message (already in the page's language), never a raw error. */
export function why(err, lang) {
  const text = err && err.code && err.message ? err.message : "";
  return text ? say("why", lang, { text }) : "";
}
