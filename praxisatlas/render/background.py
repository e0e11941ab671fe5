"""Render the pages in a second process while MkDocs already converts the first ones.

MkDocs converts one page after another on one core. A full build hands it every page at once, so on a
machine with two or more cores a forked worker renders the pages (in order, in chunks) while MkDocs works
through those already done: our rendering time then hides behind MkDocs' own. The worker is forked after
loading and checking, so it renders from its copy of the same model; it sends back only page texts.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from .site import PagePlan

CHUNK = 100  # pages per message from the worker
_PLANS: list[PagePlan] = []  # the plans of this build; the forked worker reads its copy


def _render_chunk(start: int, end: int) -> list[str]:
    return [plan.render() for plan in _PLANS[start:end]]


def possible() -> bool:
    """True where a second process helps: several cores and `fork` (Linux, macOS)."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class BackgroundRender:
    """The texts of `plans`, rendered by a forked worker; `text(i)` waits for page i if need be."""

    def __init__(self, plans: list[PagePlan]):
        global _PLANS
        _PLANS = plans
        self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._chunks: list[Future[list[str]]] = [
            self._executor.submit(_render_chunk, start, min(start + CHUNK, len(plans)))
            for start in range(0, len(plans), CHUNK)]

    def text(self, index: int) -> str:
        return self._chunks[index // CHUNK].result()[index % CHUNK]

    def close(self) -> None:
        """Stop the worker (pages not yet asked for are not rendered)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
