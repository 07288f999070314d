"""The forecast's own messages (code -> zh and en), registered by the calculator."""

from __future__ import annotations

from ..i18n import L

MESSAGES = {
    "duplicate_stage_name": L(
        "“{label}”：名称 {name} 与阶段 {other} 重复，填表时会分不清。",
        "'{label}': the name {name} is also used by the stage {other}; a table's stage column could not tell them apart.",
    ),
}
