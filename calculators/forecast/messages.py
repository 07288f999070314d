"""The forecast's own messages (code -> zh and en): the period, the pipeline's rows and the stage table."""

from __future__ import annotations

from ..i18n import L

MESSAGES = {
    "bad_period": L(
        "“{label}”看不懂：{got}。请写成 2025、2025-Q3、2025-07 或 2025-07-01 至 2025-09-30。",
        "'{label}' is not a period I can read: {got}. Write 2025, 2025-Q3, 2025-07 or 2025-07-01 to 2025-09-30.",
    ),
    "paste_and_rows": L(
        "“{label}”和逐行填写的机会只能用一种：请清空其中一个。",
        "Use either '{label}' or the opportunity rows, not both: clear one of them.",
    ),
    "empty_pipeline": L(
        "“{label}”是空的：请至少填一个机会，或者粘贴一张表。",
        "'{label}' is empty: enter at least one deal, or paste a table.",
    ),
    "unknown_stage": L(
        "“{label}”里的阶段 {got} 不在阶段表里。可用的有：{known}。",
        "The stage {got} in '{label}' is not in the stage table. Available: {known}.",
    ),
    "probability_or_stage": L(
        "“{label}”没填：请填赢率，或者选一个阶段（已丢单请填 0）。",
        "'{label}' is missing: give a probability or a stage (a lost deal is 0).",
    ),
    "duplicate_stage": L(
        "“{label}”里的阶段 {got} 前面已经改过一次。",
        "The stage {got} in '{label}' is already changed in an earlier row.",
    ),
    "duplicate_stage_name": L(
        "“{label}”：名称 {name} 与阶段 {other} 重复，填表时会分不清。",
        "'{label}': the name {name} is also used by the stage {other}; a table's stage column could not tell them apart.",
    ),
}
