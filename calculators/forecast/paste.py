"""The forecast's pasted table: a ``RowsField`` of kind ``paste`` holding a CSV/TSV text.

It is read by ``table_paste.read_table`` (the reader the page's paste into the
table uses) and checked with the same columns as the table, so problems name
the row (as numbered in the paste) and the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..fields import _MISSING, FieldError, FieldErrors, RowsField, shown
from ..table_paste import MAX_CELL, MAX_CHARS, Paste, PasteError, accepted_headers, read_table


@dataclass(frozen=True)
class PasteField(RowsField):
    """A pasted table, read as a paste into a table with the same columns is read.

    Parses to None (nothing pasted) or rows with ``"_row"`` numbers.
    """

    max_chars: int = MAX_CHARS
    kind = "paste"

    def _describe_extra(self) -> dict[str, Any]:
        return {**super()._describe_extra(), "max_chars": self.max_chars, "max_cell": MAX_CELL, "headers": {
            "zh": accepted_headers(self, "zh"), "en": accepted_headers(self, "en")}}

    def parse(self, raw: Any = _MISSING) -> Any:
        if raw is _MISSING or raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if not isinstance(raw, str):
            raise FieldError("not_text", got=shown(raw)[:80])
        try:
            paste = read_table(raw, self, self.max_rows, self.max_chars)
        except PasteError as err:
            whole = [(code, params) for row, col, code, params in err.problems if row is None]
            if whole:
                code, params = whole[0]
                raise FieldError(code, **params) from None
            raise FieldErrors([
                (f"[{row}]" + (f".{col}" if col else ""), code, {"row": row, **params})
                for row, col, code, params in err.problems
            ]) from None
        rows: list[dict[str, Any]] = []
        problems: list[tuple[int, str, str, dict[str, object]]] = [
            (row, f"[{row}]" + (f".{col}" if col else ""), code, {"row": row, **params})
            for row, col, code, params in paste.problems
        ]
        for item in paste.rows:
            n = item["_row"]
            row: dict[str, Any] = {"_row": n}
            for col in self.columns:
                try:
                    row[col.name] = col.parse(item[col.name]) if col.name in item else col.parse()
                except FieldError as err:
                    problems.append((n, f"[{n}].{col.name}", err.code, dict(err.params)))
            rows.append(row)
        if problems:
            problems.sort(key=lambda p: p[0])
            raise FieldErrors([(path, code, params) for _, path, code, params in problems])
        return PastedRows(rows, paste)


class PastedRows(list):
    """The parsed rows of a paste, with the ``Paste`` they were read from (headers used, rows skipped)."""

    def __init__(self, rows: list[dict[str, Any]], paste: Paste) -> None:
        super().__init__(rows)
        self.paste = paste
