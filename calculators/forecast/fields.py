"""The forecast's inputs: the opportunities (typed or pasted), the target, the period and stage overrides."""

from __future__ import annotations

from dataclasses import replace

from ..fields import SALES_TARGET, DateField, MoneyField, ProbabilityField, RowsField, TextField
from ..i18n import L
from .paste import PasteField
from .period import PeriodField

MAX_ROWS = 2_000            # the page's table: 2,000 deals (bench/forecast.py times more)

# The headers CRM exports and spreadsheets use for these columns, besides the labels (table_paste).
OPPORTUNITY_COLUMNS = (
    TextField("name", L("名称", "Name"), L("客户或机会的名字。", "The customer or the deal."), max_length=200,
              aliases=("客户", "客户名称", "机会", "机会名称", "商机", "商机名称", "项目", "项目名称", "deal", "dealname",
                       "opportunity", "opportunityname", "account", "customer", "client")),
    MoneyField("amount", L("金额（元）", "Amount (yuan)"),
               L("成交时的合同金额，例如 120000、¥120,000.00 或 12 万。", "The contract value if won, e.g. 120000, ¥120,000.00 or 12万."),
               required=True,
               aliases=("合同金额", "预计金额", "商机金额", "机会金额", "销售额", "value", "dealvalue", "dealsize", "dealamount",
                        "expectedrevenue")),
    ProbabilityField("probability", L("赢率", "Win probability"),
                     L("0 到 1 的小数或百分数，例如 0.35 或 35%。留空则用阶段的赢率；已丢单填 0。",
                       "A decimal from 0 to 1 or a percentage, e.g. 0.35 or 35%. Leave empty to use the stage's; a lost deal is 0."),
                     aliases=("概率", "成交概率", "赢单率", "赢单概率", "成功率", "可能性", "probability", "winrate",
                              "prob", "likelihood", "chance")),
    TextField("stage", L("阶段", "Stage"), L("阶段表里的一个阶段。", "A stage from the stage table."),
              max_length=60, aliases=("销售阶段", "商机阶段", "机会阶段", "salesstage", "dealstage")),
    DateField("close_date", L("预计成交日期", "Expected close date"), L("例如 2026-03-15 或 2026/3/15，可不填。", "E.g. 2026-03-15 or 2026/3/15; optional."),
              aliases=("成交日期", "预计签约日期", "签约日期", "预计成交", "关闭日期", "结束日期", "日期", "closedate",
                       "expectedclose", "close", "closingdate", "date")),
)
PASTE_NEEDS = (("probability", "stage"),)   # a pasted header names the probability, the stage, or both

STAGE_COLUMNS = (
    TextField("stage", L("阶段", "Stage"), L("要改的阶段；写一个表里没有的名字就是新增一个阶段。", "The stage to change; a name that is not in the table adds a stage."),
              required=True, max_length=60),
    ProbabilityField("probability", L("赢率", "Win probability"), L("这个阶段的机会按多大赢率计算。",
                     "The win probability deals at this stage count with."), required=True),
    TextField("label", L("新阶段叫什么", "Name of a new stage"), L("只在新增阶段时填，可不填。", "Only for a stage you add; optional."),
              max_length=60),
)

EXAMPLE_ROWS = [
    {"name": L("食品公司一期", "Food maker, phase one"), "amount": "240000", "stage": "proposal", "close_date": "2025-08-15"},
    {"name": L("物流园扩建", "Logistics park extension"), "amount": "500000", "probability": "0.2", "close_date": "2025-09-30"},
    {"name": L("医药仓库", "Pharmacy warehouse"), "amount": "300000", "stage": "qualified", "close_date": "2025-09-10"},
    {"name": L("连锁超市续约", "Supermarket chain renewal"), "amount": "180000", "stage": "committed", "close_date": "2025-07-20"},
    {"name": L("冷链设备", "Cold-chain equipment"), "amount": "150000", "stage": "won", "close_date": "2025-07-05"},
    {"name": L("电商仓储", "Online shop storage"), "amount": "420000", "stage": "negotiation", "close_date": "2025-08-28"},
    {"name": L("家具厂", "Furniture factory"), "amount": "90000", "stage": "lost", "close_date": "2025-07-12"},
]

FIELDS = (
    RowsField(
        name="opportunities",
        label=L("销售机会", "Opportunities"),
        help=L("每行一个机会：金额，加上赢率或阶段（二选一，都填时按赢率）。", "One row per deal: the amount, and a probability or a stage (if both, the probability counts)."),
        columns=OPPORTUNITY_COLUMNS,
        max_rows=MAX_ROWS,
        needs_one_of=PASTE_NEEDS,
        default=EXAMPLE_ROWS,
        group="pipeline",
    ),
    PasteField(
        name="paste",
        label=L("粘贴的表格", "Pasted table"),
        help=L("从表格软件复制整张表（含标题行）粘贴到这里，可代替逐行填写。行号按粘贴内容计，标题行是第 1 行。",
               "Copy the whole table (with its header row) from your spreadsheet and paste it here instead of typing rows. Rows are numbered as pasted; the header is row 1."),
        columns=OPPORTUNITY_COLUMNS,
        max_rows=MAX_ROWS,
        needs_one_of=PASTE_NEEDS,
        group="pipeline",
    ),
    replace(SALES_TARGET, group="target"),
    PeriodField(
        name="period",
        label=L("期间", "Period"),
        help=L("只统计预计在这期间成交的机会，例如 2025、2025-Q3、2025-07 或 2025-07-01 至 2025-09-30。可不填。",
               "Count only deals expected to close in it: 2025, 2025-Q3, 2025-07 or 2025-07-01 to 2025-09-30. Optional."),
        group="target",
    ),
    RowsField(
        name="stages",
        label=L("阶段赢率（覆盖公司默认值）", "Stage probabilities (override the company's)"),
        help=L("只填要改的阶段。", "Only the stages you want to change."),
        columns=STAGE_COLUMNS,
        max_rows=40,
        group="stages",
    ),
)
