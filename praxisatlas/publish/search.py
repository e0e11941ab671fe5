"""The site's search index, built alongside MkDocs: start(kb, rel) when the build begins, add_page() for
pages that are not entries (hand-written pages, start page), finish(site_dir) at the end.

A thread sends one record per entry (praxisatlas.render.search_records) to the Pagefind service while
MkDocs renders; finish() has the service write the index into a temporary folder and moves it to
`<site>/pagefind/`, so a site never holds half an index.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from html import escape
from pathlib import Path

from praxisatlas.domain.model import KINDS, KnowledgeBase
from praxisatlas.publish.pagefind_canonical import canonicalize
from praxisatlas.publish.pagefind_index import PagefindError, PagefindIndex, move_into
from praxisatlas.relate import Relations
from praxisatlas.render.lists import PAGES_FOLDER
from praxisatlas.render.search_records import RecordMaker

INDEX_FOLDER = "pagefind"
log = logging.getLogger("mkdocs.praxisatlas.suche")
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
_SKIP = re.compile(r'<(nav|aside|form|script|style|noscript)\b.*?</\1>|<a [^>]*class="headerlink".*?</a>', re.S)


class SearchBuild:
    """One index being built: entry records go in from a thread, other pages from MkDocs' hook."""

    def __init__(self, kb: KnowledgeBase, rel: Relations):
        self.index = PagefindIndex("de")
        # entry pages come from the model; the lists are tables of them (their pages are not searched)
        self.skip = {e.url for e in kb.all_entries()} | {f"{k.url_prefix}/" for k in KINDS.values()}
        self.count = 0
        self._pages: dict[str, str] = {}  # url -> record HTML of the pages from add_page (sent in finish)
        self._thread = threading.Thread(target=self._feed, args=(kb, rel), name="suchindex", daemon=True)
        self._thread.start()

    def _feed(self, kb: KnowledgeBase, rel: Relations) -> None:
        for record in RecordMaker(kb, rel).records():
            self.index.add_html(record.url, record.html)
            self.count += 1

    def add_page(self, url: str, html: str) -> None:
        """Index a page that is not an entry or a list from its finished HTML (only its <article>, without
        navigation, fact boxes and forms)."""
        found = _ARTICLE.search(html)
        if found is None or url in self.skip or f"/{PAGES_FOLDER}/" in f"/{url}":
            return
        content = _SKIP.sub(" ", found.group(1))
        self._pages[url] = ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"></head><body>'
                            f'{content}<span data-pagefind-filter="typ:seite"></span>'
                            f'<span data-pagefind-meta="typ:{escape("Seite")}"></span></body></html>')

    def finish(self, site_dir: Path) -> int:
        """Write the index to `<site_dir>/pagefind/`; returns the number of pages in it."""
        self._thread.join()
        for url in sorted(self._pages):  # after the entries, in a fixed order: the same site gives the same index
            self.index.add_html(url, self._pages[url])
            self.count += 1
        temporary = Path(tempfile.mkdtemp(prefix="praxisatlas-suche-"))
        try:
            self.index.write(temporary / INDEX_FOLDER)
            canonicalize(temporary / INDEX_FOLDER)  # Pagefind's own order varies from run to run
            for unused in (temporary / INDEX_FOLDER).glob("pagefind-*"):  # Pagefind's own UIs: we have ours
                if unused.name != "pagefind-entry.json" and unused.name != "pagefind-worker.js":
                    unused.unlink()
            move_into(temporary / INDEX_FOLDER, site_dir / INDEX_FOLDER)
        finally:
            self.index.close()
            shutil.rmtree(temporary, ignore_errors=True)
        return self.count

    def close(self) -> None:
        """Give up (the build failed)."""
        self._thread.join()
        self.index.close()


def start(kb: KnowledgeBase, rel: Relations) -> SearchBuild:
    """Begin the index for this model (returns at once; the records are sent by a thread)."""
    return SearchBuild(kb, rel)


__all__ = ["INDEX_FOLDER", "PagefindError", "SearchBuild", "start"]
