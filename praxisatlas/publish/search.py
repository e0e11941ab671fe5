"""The site's search index, built alongside MkDocs: start(kb, rel, pages) when the build begins, add_page()
for the pages that are not entries (hand-written pages, start page, tools) as MkDocs converts them,
finish(site_dir) at the end.

A thread sends one record per entry (praxisatlas.render.search_records) to the Pagefind service while
MkDocs renders. As soon as the last of the other pages is in (MkDocs converts them before the entries), the
service writes the index into a temporary folder, still while MkDocs renders; finish() waits for that and
moves it to `<site>/pagefind/`, so a site never holds half an index.
"""

from __future__ import annotations

import logging
import math
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
_SKIP = re.compile(r'<(nav|aside|form|script|style|noscript)\b.*?</\1>|<a [^>]*class="headerlink".*?</a>', re.S)


# Pages per index part. Pagefind's time for a word on many pages grows faster than the pages in one index; each
# part costs its own script, worker and WebAssembly in the browser (about 160 KB). Measured on 37,903 pages:
# one index 1.7–1.9 s for typical queries, 3 parts 0.6–1.2 s, 10 parts 1.2–1.9 s (README, "Leistung").
SHARD_PAGES = 15000


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    """Number of index parts for a site of `pages` searchable pages."""
    return max(1, math.ceil(pages / max(1, shard_pages)))


def shard_folder(number: int) -> str:
    """Folder of index part `number` (1, 2, …) in the site: part 1 is `pagefind/`, the others inside it."""
    return INDEX_FOLDER if number == 1 else f"{INDEX_FOLDER}/teil-{number}"


class SearchBuild:
    """One index being built: entry records go in from a thread, other pages from MkDocs' hook.

    A large site's index is split into parts of at most `shard_pages` pages (Pagefind's search time for a
    word on many pages grows with the square of the pages in one index; the browser searches all parts and
    merges the results, assets/suche.js). Each part holds a contiguous range of titles of every kind, so a
    list sorted by title is the parts' sorted lists one after the other."""

    def __init__(self, kb: KnowledgeBase, rel: Relations, pages: list[str], shard_pages: int = SHARD_PAGES):
        # entry pages come from the model; the lists are tables of them (their pages are not searched)
        entries = RecordMaker(kb, rel).urls()  # entry pages and the pages of cited paragraphs come from the model
        skip = entries | {f"{k.url_prefix}/" for k in KINDS.values()}
        pages = ["" if url in (".", "./") else url for url in pages]  # the start page's URL as its page has it
        self.expected = {url for url in pages if url not in skip and f"/{PAGES_FOLDER}/" not in f"/{url}"}
        self.shards = shard_count(len(entries) + len(self.expected), shard_pages)
        self._shard_of = self._assign(kb)
        self.indexes = [PagefindIndex("de") for _ in range(self.shards)]
        self.count = 0
        self._pages: dict[str, str] = {}  # url -> record HTML of the pages from add_page
        self._all_pages = threading.Event()  # every expected page is in (or the build is at its end)
        self._temporary = Path(tempfile.mkdtemp(prefix="praxisatlas-suche-"))
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._feed, args=(kb, rel), name="suchindex", daemon=True)
        self._thread.start()

    def _assign(self, kb: KnowledgeBase) -> dict[str, int]:
        """Entry URL -> index part: each kind's entries in title order (the lists' sort key), cut into equal runs."""
        shard_of = {}
        for kind in KINDS:
            ordered = sorted(kb.entries[kind].values(), key=lambda e: (e.title.casefold(), e.slug))
            for rank, entry in enumerate(ordered):
                shard_of[entry.url] = rank * self.shards // len(ordered)
        return shard_of

    def _feed(self, kb: KnowledgeBase, rel: Relations) -> None:
        try:
            for record in RecordMaker(kb, rel).records():
                self.indexes[self._shard_of.get(record.url, 0)].add_html(record.url, record.html)
                self.count += 1
            self._all_pages.wait()
            for url in sorted(self._pages):  # after the entries, in a fixed order: the same site, the same index
                self.indexes[0].add_html(url, self._pages[url])
                self.count += 1
            for number, index in enumerate(self.indexes, start=1):
                folder = self._temporary / f"teil-{number}"
                index.write(folder)
                canonicalize(folder)  # Pagefind's own order varies from run to run
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
        self._thread.join()
        try:
            if self._error is not None:
                raise self._error
            move_into(self._temporary / "teil-1", site_dir / INDEX_FOLDER)
            for number in range(2, self.shards + 1):
                move_into(self._temporary / f"teil-{number}", site_dir / shard_folder(number))
        finally:
            self.close()
        return self.count

    def close(self) -> None:
        """End the services and remove the temporary folder (also when the build failed)."""
        self._all_pages.set()
        self._thread.join()
        for index in self.indexes:
            index.close()
        shutil.rmtree(self._temporary, ignore_errors=True)


def start(kb: KnowledgeBase, rel: Relations, pages: list[str], shard_pages: int = SHARD_PAGES) -> SearchBuild:
    """Begin the index for this model and these page URLs (returns at once; a thread sends the records)."""
    return SearchBuild(kb, rel, pages, shard_pages)


__all__ = ["INDEX_FOLDER", "PagefindError", "SearchBuild", "shard_count", "shard_folder", "start"]
