"""Render the pages in a second process while MkDocs already converts the first ones.

MkDocs converts one page after another on one core. A full build hands it every page at once, so on a
machine with two or more cores a forked worker renders the pages (in order, in chunks) while MkDocs works
through those already done: our rendering time then hides behind MkDocs' own. The worker is forked after
loading and checking, so it renders from its copy of the same model; it sends back only page texts.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

CHUNK = 100  # texts per message from the worker
_MAKERS: list[Callable[[], str]] = []  # what this build renders; the forked worker calls its copies


def _render_chunk(start: int, end: int) -> list[str]:
    return [make() for make in _MAKERS[start:end]]


def possible() -> bool:
    """True where a second process helps: several cores and `fork` (Linux, macOS), unless the environment
    variable PRAXISATLAS_EIN_PROZESS is set (to compare, or on a machine with little memory)."""
    return ((os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and not os.environ.get("PRAXISATLAS_EIN_PROZESS"))


class BackgroundRender:
    """The texts made by `makers` (pages, then data files), made in order by a forked worker; `text(i)` waits
    for text i if need be."""

    def __init__(self, makers: list[Callable[[], str]]):
        global _MAKERS
        _MAKERS = self._makers = makers
        self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._chunks: list[Future[list[str]]] = [
            self._executor.submit(_render_chunk, start, min(start + CHUNK, len(makers)))
            for start in range(0, len(makers), CHUNK)]

    def text(self, index: int) -> str:
        try:
            return self._chunks[index // CHUNK].result()[index % CHUNK]
        except BrokenProcessPool:  # the worker died (killed, out of memory): this process makes the text
            return self._makers[index]()

    def close(self) -> None:
        """Stop the worker (pages not yet asked for are not rendered)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
