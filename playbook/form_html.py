"""The frame a page puts around a calculator: its start-up line, notes, the printed slip, the config script.

The form inside is ``calculators.render.form``'s, the answer ``calculators.render``'s.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

UI = {
    "loading": {"zh": "正在启动计算引擎…下面是示例答案。", "en": "Starting the calculator… the answer below is the example."},
    "file": {
        "zh": "计算器需要通过网址打开，不能直接从文件打开。请在课程文件夹里运行 <code>python3 serve.py</code>（在项目里也可用 <code>playbook serve</code>），再访问 <code>http://127.0.0.1:8000</code>。正文可照常阅读。",
        "en": "The calculators need the site served over HTTP, not opened from a file. In the course folder run <code>python3 serve.py</code> (in the project, <code>playbook serve</code>) and open <code>http://127.0.0.1:8000</code>. The text reads fine as it is.",
    },
    "noscript": {"zh": "计算器需要开启 JavaScript。", "en": "The calculator needs JavaScript."},
    "answer": {"zh": "答案", "en": "Answer"},
    "to_answer": {"zh": "看答案 ↓", "en": "See the answer ↓"},
}


def t(key: str, lang: str) -> str:
    return UI[key].get(lang) or UI[key]["zh"]


SLIP = {
    "zh": ("本单依据以上输入和公司规则生成。", ("经办人", "当事顾问", "销售经理", "日期")),
    "en": ("Produced from the inputs above under the company rules.", ("Prepared by", "Agent(s)", "Sales manager", "Date")),
}
# Lines a calculator's slip starts with, to be filled in by hand: whom the slip is about.
SLIP_HEAD = {
    "qualification": {"zh": ("客户姓名／单位",), "en": ("Prospect (name, company)",)},
}


def slip_head_html(name: str, lang: str) -> str:
    """The lines at the top of calculator ``name``'s printed slip (the prospect's name on a qualification)."""
    roles = SLIP_HEAD.get(name, {}).get(lang, ())
    lines = "".join(f'<div class="pb-slip__line"><span>{escape(r)}</span></div>' for r in roles)
    return f'<div class="pb-slip pb-slip--head">{lines}</div>' if lines else ""


def slip_html(lang: str) -> str:
    """Signature lines, shown only when a calculator is printed as a slip."""
    note, roles = SLIP.get(lang, SLIP["zh"])
    lines = "".join(f'<div class="pb-slip__line"><span>{escape(r)}</span></div>' for r in roles)
    return f'<p class="pb-slip__note">{escape(note)}</p><div class="pb-slip__lines">{lines}</div>'


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
