"""The site's search index, built alongside MkDocs: start(kb, rel, pages) when the build begins, add_page()
for the pages that are not entries (hand-written pages, start page, tools) as MkDocs converts them,
finish(site_dir) at the end.

start() sends one record per entry (praxisatlas.render.search_records) to the Pagefind service before MkDocs
renders, while Pagefind indexes them in its own process. As soon as the last of the other pages is in (MkDocs
converts them before the entries), a thread has the service write the index into a temporary folder and end,
still while MkDocs renders; finish() waits for that and moves it to `<site>/pagefind/`, so a site never holds
half an index. With the fast paths off, all of this happens in finish().
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from html import escape
from pathlib import Path

from praxisatlas.domain import fast_paths
from praxisatlas.domain.model import KINDS, KnowledgeBase
from praxisatlas.publish.pagefind_index import PagefindError, PagefindIndex, move_into
from praxisatlas.relate import Relations
from praxisatlas.render.lists import PAGES_FOLDER
from praxisatlas.render.search_records import RecordMaker

INDEX_FOLDER = "pagefind"
log = logging.getLogger("mkdocs.praxisatlas.suche")
_SKIP = re.compile(r'<(nav|aside|form|script|style|noscript)\b.*?</\1>|<a [^>]*class="headerlink".*?</a>', re.S)


class SearchBuild:
    """One index being built: entry records go in at the start, other pages from MkDocs' hook.

    One index for the whole site: Pagefind 1.6 answers a word on nearly every page in time that grows with the
    pages, not with their square as 1.5 did, so the parts that a large site needed until then are gone (10x
    corpus, 37,903 pages: "Familien" 0.78 s from one index, README "Leistung")."""

    def __init__(self, kb: KnowledgeBase, rel: Relations, pages: list[str]):
        # entry pages come from the model; the lists are tables of them (their pages are not searched)
        self._records = RecordMaker(kb, rel)
        entries = self._records.urls()  # entry pages and the pages of cited paragraphs come from the model
        skip = entries | {f"{k.url_prefix}/" for k in KINDS.values()}
        pages = ["" if url in (".", "./") else url for url in pages]  # the start page's URL as its page has it
        self.expected = {url for url in pages if url not in skip and f"/{PAGES_FOLDER}/" not in f"/{url}"}
        self.index = PagefindIndex("de", kb.root)
        self.count = 0
        self._pages: dict[str, str] = {}  # url -> record HTML of the pages from add_page
        self._all_pages = threading.Event()  # every expected page is in (or the build is at its end)
        self._temporary = Path(tempfile.mkdtemp(prefix="praxisatlas-suche-"))
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._feed, name="suchindex", daemon=True)
        self._started = fast_paths.current().search_alongside  # plain: every record once MkDocs is done
        if self._started:
            # the records first, here (the page helper is already rendering): Pagefind indexes them in its own
            # process and writes the index soon after MkDocs has converted the other pages, early in the build,
            # while this process is still small; its writing needs 2.7 times the memory of its index (10x corpus:
            # 3.6 GB). A thread that sent them while MkDocs renders made it write two thirds into the build.
            self._send_records()
            self._thread.start()

    def _send_records(self) -> None:
        try:
            for record in self._records.records():
                self.index.add_html(record.url, record.html)
                self.count += 1
        except Exception as error:  # reported by finish(), as everything that goes wrong with the index
            self._error = error

    def _join(self) -> None:
        if not self._started:  # the plain way: now, after the pages
            self._started = True
            self._send_records()
            self._thread.start()
        self._thread.join()

    def _feed(self) -> None:
        try:
            self._all_pages.wait()
            if self._error is not None:
                return
            for url in sorted(self._pages):  # after the entries, in a fixed order: the same site, the same index
                self.index.add_html(url, self._pages[url])
                self.count += 1
            folder = self._temporary / INDEX_FOLDER
            self.index.write(folder)
            self.index.close()  # the service keeps its index in memory (10x corpus: 1.7 GB) until it ends
            for unused in folder.glob("pagefind-*"):  # Pagefind's own UIs: we have ours
                if unused.name != "pagefind-entry.json" and unused.name != "pagefind-worker.js":
                    unused.unlink()
        except Exception as error:  # reported by finish()
            self._error = error

    def add_page(self, url: str, content: str) -> None:
        """Index a page that is not an entry or a list from its content HTML (without navigation, fact boxes
        and forms). The index is written once the last expected page is in."""
        if url not in self.expected or url in self._pages:
            return
        self._pages[url] = ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"></head><body>'
                            f'{_SKIP.sub(" ", content)}<span data-pagefind-filter="typ:seite"></span>'
                            f'<span data-pagefind-meta="typ:{escape("Seite")}"></span></body></html>')
        if len(self._pages) == len(self.expected):
            self._all_pages.set()

    def finish(self, site_dir: Path) -> int:
        """Move the index to `<site_dir>/pagefind/` (waits until it is written); returns its number of pages."""
        self._all_pages.set()  # a page that never came (e.g. `serve --dirty`) does not hold up the index
        self._join()
        try:
            if self._error is not None:
                raise self._error
            move_into(self._temporary / INDEX_FOLDER, site_dir / INDEX_FOLDER)
        finally:
            self.close()
        return self.count

    def close(self) -> None:
        """End the services and remove the temporary folder (also when the build failed)."""
        self._all_pages.set()
        if self._started:
            self._thread.join()
        self.index.close()
        shutil.rmtree(self._temporary, ignore_errors=True)


def start(kb: KnowledgeBase, rel: Relations, pages: list[str]) -> SearchBuild:
    """Begin the index for this model and these page URLs: sends the entries' records (fast paths on)."""
    return SearchBuild(kb, rel, pages)


__all__ = ["INDEX_FOLDER", "PagefindError", "SearchBuild", "start"]
