"""The fast paths, behind one switch: each gives the same result as the plain way, only sooner.

`PRAXISATLAS_SCHNELLWEGE=aus` (or nein, false, 0) turns every one of them off at once; tests/test_fast_paths.py
builds the fixture site both ways and compares the bytes. A fast path that does not pay off in
scripts/benchmark.py any more is removed, not left switched off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

SWITCH = "PRAXISATLAS_SCHNELLWEGE"
OFF = ("aus", "nein", "false", "0", "off", "no")


@dataclass(frozen=True)
class FastPaths:
    """Which fast paths are on."""

    quick_schema_check: bool = True  # checks/schema_messages.py: a compiled yes/no check before the messages
    partner_ranking_bounds: bool = True  # relate.rank_partners: stop scoring once nobody can reach the best
    navigation_once_per_folder: bool = True  # publish/navigation_cache.py (with extra.navigation_merken)
    page_helper: bool = True  # publish/page_helper.py: a second process renders half the entry pages
    preview_cache: bool = True  # publish/preview_cache.py: `serve` re-renders only what changed
    search_alongside: bool = True  # publish/search.py: Pagefind indexes and writes while MkDocs renders, not after
    remembered_attributes: bool = True  # render/sanitize.py: the attribute filter remembers its answers
    synonym_scan: bool = True  # domain/glossary.py: each term tried only where its first letters stand


ON = FastPaths()
PLAIN = FastPaths(*(False for _ in fields(FastPaths)))


def current() -> FastPaths:
    """The fast paths of this process: all on, unless the one switch says otherwise."""
    return PLAIN if os.environ.get(SWITCH, "").strip().lower() in OFF else ON
