"""A thin MkDocs plugin: calculator blocks become calculators (all the work is ``playbook.embed``'s).

Problems are logged as warnings, so ``mkdocs build --strict`` fails on an
unknown calculator name, naming the page and line.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base, config_options as c
from mkdocs.plugins import BasePlugin

from .embed import Embedding, embed_page

log = logging.getLogger("mkdocs.plugins.playbook")


class PlaybookConfig(base.Config):
    context = c.File(exists=True)
    """JSON written by ``playbook build``: course id, default language, policy, runtime paths."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def on_config(self, config: Any) -> Any:
        self._context = json.loads(Path(self.config.context).read_text(encoding="utf-8"))
        self._pages: dict[str, Embedding] = {}
        return config

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        embedding = embed_page(markdown, page.file.src_uri, page.file.dest_uri, self._context)
        for p in embedding.problems:
            log.warning(f"{page.file.src_uri}:{p.line}: {p.what}")
        self._pages[page.file.src_uri] = embedding
        return embedding.markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        embedding = self._pages.get(page.file.src_uri)
        return embedding.content(html) if embedding else html

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        embedding = self._pages.pop(page.file.src_uri, None)
        return embedding.page(output) if embedding else output
