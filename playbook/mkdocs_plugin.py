"""A thin MkDocs plugin: calculator blocks become calculators.

All the work is in ``playbook.embed``; this only connects it to MkDocs'
events. Problems are logged as warnings, so ``mkdocs build --strict`` fails
on an unknown calculator name, naming the page and line.
"""

from __future__ import annotations

import json
import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import base, config_options as c
from mkdocs.plugins import BasePlugin

from .embed import calculator_html, find_blocks

log = logging.getLogger("mkdocs.plugins.playbook")


class PlaybookConfig(base.Config):
    context = c.File(exists=True)
    """JSON written by ``playbook build``: course id, policy, runtime paths."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def on_config(self, config: Any) -> Any:
        self._context = json.loads(Path(self.config.context).read_text(encoding="utf-8"))
        self._pending: dict[str, list[str]] = {}
        self._boot: dict[str, str] = {}
        return config

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        blocks, problems = find_blocks(markdown)
        src = page.file.src_uri
        for p in problems:
            log.warning(f"{src}:{p.line}: {p.what}")
        if not blocks:
            return markdown
        lang = _lang_of(src, self._context["default_lang"])
        depth = posixpath.dirname(page.file.dest_uri).count("/") + (1 if posixpath.dirname(page.file.dest_uri) else 0)
        root = "../" * depth
        html_parts: list[str] = []
        out, pos = [], 0
        for n, block in enumerate(blocks):
            html, problems = calculator_html(
                block,
                lang=lang,
                policy=self._context["policy"],
                root=root,
                runtime=self._context["runtime"],
                course_id=self._context["course"],
                uid=f"calc-{n + 1}-{block.name}",
            )
            for p in problems:
                log.warning(f"{src}:{p.line}: {p.what}")
            html_parts.append(html)
            out.append(markdown[pos:block.start])
            out.append(f'\n<div data-pb-slot="{n}"></div>\n')
            pos = block.end
        out.append(markdown[pos:])
        html_parts.append(f'<script defer src="{root}assets/playbook/calculator.js"></script>')
        self._pending[page.file.src_uri] = html_parts
        self._boot[page.file.src_uri] = root
        return "".join(out)

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        parts = self._pending.pop(page.file.src_uri, None)
        if not parts:
            return html
        for n, part in enumerate(parts[:-1]):
            html = html.replace(f'<div data-pb-slot="{n}"></div>', part, 1)
        return html + parts[-1]

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Pages with a calculator start Python from the <head> (boot.js), before the body is parsed."""
        root = self._boot.pop(page.file.src_uri, None)
        if root is None:
            return output
        return insert_boot(output, root, self._context["runtime"])


def insert_boot(html: str, root: str, runtime: dict) -> str:
    """``html`` with boot.js loaded right after the viewport meta (charset stays in the first 1024 bytes)."""
    from html import escape

    tag = (f'<script src="{root}assets/playbook/boot.js" data-root="{escape(root)}" '
           f'data-runtime="{escape(json.dumps(runtime, separators=(",", ":")))}"></script>')
    anchor = html.find('<meta name="viewport"')
    at = html.find(">", anchor) + 1 if anchor >= 0 else html.find("<head>") + len("<head>")
    return html[:at] + "\n      " + tag + html[at:]


def _lang_of(src_uri: str, default: str) -> str:
    """``qualification.en.md`` -> ``en``; no language suffix -> the default."""
    stem = posixpath.basename(src_uri).rsplit(".", 1)[0]
    if "." in stem:
        suffix = stem.rsplit(".", 1)[1]
        if suffix in ("zh", "en"):
            return suffix
    return default
