"""The language the generator speaks to trainers in: its problems with their files, on the terminal.

``PLAYBOOK_LANG`` (``zh`` or ``en``) decides; otherwise the locale does, as
for any command-line program (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: a
``zh_CN.UTF-8`` terminal reads Chinese); otherwise English.
"""

from __future__ import annotations

import os

LANGS = ("zh", "en")


def reader_lang(environ: dict[str, str] | None = None) -> str:
    """``zh`` or ``en`` for messages printed to the person running the command."""
    env = os.environ if environ is None else environ
    chosen = env.get("PLAYBOOK_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
