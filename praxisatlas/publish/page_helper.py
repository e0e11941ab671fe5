"""A second process that renders Markdown pages while MkDocs renders the others: both cores for large sites.

MkDocs turns each page's Markdown into HTML one after the other (`Page.render`, about 10 ms a page, the
largest part of a build). For a site with many entry pages, `PageHelper` forks once the files are known and
renders entry pages from the end of the list backwards, with the same `Page.render` and the same finishing
step (the sanitizer), while MkDocs works forwards; they meet in the middle. Which process renders a page is
decided under one lock, so each page is rendered once. A page the helper made is taken as it is: HTML, table of
contents, anchors and the log messages it caused (re-logged here, so strict mode still counts them).

Nothing else changes: a build with the helper writes the same bytes as one without (tests/test_page_helper.py).
If the helper fails, MkDocs renders the remaining pages itself.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import queue
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

log = logging.getLogger("mkdocs.praxisatlas.seitenhelfer")
_WAIT = 120  # seconds to wait for a page the helper has started before rendering it here instead
_MAIN, _HELPER = 0, 1  # slots in the shared array: where MkDocs is, where the helper is


@dataclass
class RenderedPage:
    """What `Page.render` and the finishing step produced for one page in the helper."""

    html: str
    toc: TableOfContents
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # target page's src_uri -> {anchor: link}
    logs: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)


class _Capture(logging.Handler):
    """In the helper: keeps log records for the page being rendered instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class PageHelper:
    """Renders the pages `uris` (in MkDocs' order) from the back in a forked process; `claim(page)` tells
    MkDocs, page by page, whether the helper has it."""

    def __init__(self, config: MkDocsConfig, files: Files, uris: list[str], finish: Callable[[str], str]):
        context = multiprocessing.get_context("fork")
        self._position = {uri: index for index, uri in enumerate(uris)}
        self._lock = context.Lock()
        self._where = context.RawArray("i", [-1, len(uris)])  # read and written only under self._lock
        self._results: multiprocessing.Queue = context.Queue()
        self._done: dict[int, RenderedPage | None] = {}
        self._taken: dict[str, RenderedPage] = {}
        self._process = context.Process(target=self._run, args=(config, files, uris, finish),
                                        name="praxisatlas-seiten", daemon=True)
        gc.freeze()  # the model's objects stay out of garbage collection: its passes would copy the shared pages
        self._process.start()
        self.helped = 0

    # -- in the helper process ------------------------------------------------------------------
    def _run(self, config: MkDocsConfig, files: Files, uris: list[str], finish: Callable[[str], str]) -> None:
        capture = _Capture()
        for name in ("", "mkdocs", "MARKDOWN"):
            logger = logging.getLogger(name)
            logger.handlers = [capture] if name == "" else []
            logger.propagate = name != ""
        for index in reversed(range(len(uris))):
            with self._lock:
                if index <= self._where[_MAIN]:
                    break
                self._where[_HELPER] = index
            capture.records = []
            try:
                self._results.put((index, self._render(config, files, uris[index], finish, capture)))
            except Exception as error:  # MkDocs renders this page itself and reports the error there
                self._results.put((index, None))
                logging.getLogger("mkdocs").debug(f"Seitenhelfer: {uris[index]}: {error}")
        self._results.close()
        self._results.join_thread()

    @staticmethod
    def _render(config: MkDocsConfig, files: Files, uri: str, finish: Callable[[str], str],
                capture: _Capture) -> RenderedPage:
        file = files.get_file_from_path(uri)
        assert file is not None
        page = file.page or Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
        rendered = RenderedPage(finish(page.content or ""), page.toc, set(page.present_anchor_ids or ()),
                                links if page.links_to_anchors is not None else None, capture.records)
        file.page = None  # the helper keeps nothing of a page it has sent
        return rendered

    # -- in MkDocs' process ---------------------------------------------------------------------
    def claim(self, page: Page) -> bool:
        """True if the helper renders `page` (MkDocs then skips it; `apply` fills it in)."""
        index = self._position.get(page.file.src_uri)
        if index is None:
            return False
        with self._lock:
            self._where[_MAIN] = index
            mine = index < self._where[_HELPER]
        if mine or not self._wait_for(index):
            return False
        rendered = self._done.pop(index)
        if rendered is None:
            return False
        self._taken[page.file.src_uri] = rendered
        return True

    def _wait_for(self, index: int) -> bool:
        while index not in self._done:
            try:
                got, rendered = self._results.get(timeout=_WAIT if self._process.is_alive() else 1)
            except (queue.Empty, EOFError, OSError):
                log.warning("Der Seitenhelfer antwortet nicht; MkDocs rendert die übrigen Seiten selbst.")
                self._position.clear()
                return False
            self._done[got] = rendered
        return True

    def apply(self, page: Page, files: Files) -> str | None:
        """The helper's HTML for `page` (table of contents, anchors and log messages set on the page), or
        None if MkDocs rendered it."""
        rendered = self._taken.pop(page.file.src_uri, None)
        if rendered is None:
            return None
        page.toc = rendered.toc
        page.present_anchor_ids = rendered.anchors
        if rendered.links_to_anchors is not None:
            targets: dict[File, dict[str, str]] = {}
            for uri, anchors in rendered.links_to_anchors.items():
                target = files.get_file_from_path(uri)
                if target is not None:
                    targets[target] = anchors
            page.links_to_anchors = targets
        for name, level, message in rendered.logs:
            logging.getLogger(name).log(level, message)
        self.helped += 1
        log.debug(f"Vom Seitenhelfer gerendert: {page.file.src_uri}")
        return rendered.html

    def close(self) -> None:
        """End the helper (at the end of the build or when it failed)."""
        with self._lock:
            self._where[_MAIN] = 1 << 30  # the helper stops before its next page
        while self._process.is_alive():  # read what it still sends, so that it can exit
            try:
                self._results.get(timeout=0.1)
            except (queue.Empty, EOFError, OSError):
                self._process.join(timeout=0.1)
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=10)
        self._results.close()
        self._results.cancel_join_thread()
