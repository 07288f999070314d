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
    zh: "计算引擎没能启动。正文和上面的示例答案仍可阅读；刷新页面可重试。",
    en: "The calculator could not start. The text and the example answer above still read fine; reload to try again.",
  },
  calcFailed: { zh: "这次没能算出答案（{why}）。请再改一次输入，或刷新页面。", en: "No answer this time ({why}). Change an input again, or reload the page." },
  stale: { zh: "（正在按你上次的输入重新计算…）", en: "(recalculating with your last inputs…)" },
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
  badFile: { zh: "无法导入：{why}", en: "Cannot import: {why}" },
  notJson: { zh: "这个文件不是导出的计算器文件（JSON）", en: "this file is not an exported calculator file (JSON)" },
  notOurs: { zh: "这不是“{name}”计算器导出的文件", en: "this file was not exported from the '{name}' calculator" },
  pasteFailed: { zh: "没能读取粘贴的内容（{why}）。你的内容还在框里，可以再试一次。", en: "The paste could not be read ({why}). Your text is still in the box; try again." },
};

/** The sentence `key` in `lang` (Chinese when missing), with `{name}` placeholders filled from `params`. */
export function say(key, lang, params = {}) {
  const text = TEXT[key][lang] || TEXT[key].zh;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}
