"""How current an entry is: the date of its newest source – not the date the editors last checked it."""

from __future__ import annotations

import datetime as dt

from praxisatlas.domain.dates import partial_date_span, years_before
from praxisatlas.domain.model import Entry

STALE_SOURCE_YEARS = 3  # "laufend"/"geplant" needs a source from the last three years
ONGOING = ("laufend", "geplant")


def newest_source_date(entry: Entry) -> str | None:
    """The newest `quellen[].datum` (as written: JJJJ, JJJJ-MM or JJJJ-MM-TT), None if no source is dated.

    Partial dates compare by their first day; of two equal ones the more precise wins."""
    best: tuple[dt.date, int, str] | None = None
    sources = entry.get("quellen")
    for source in sources if isinstance(sources, list) else []:
        value = source.get("datum") if isinstance(source, dict) else None
        span = partial_date_span(value)
        if span is None:
            continue
        key = (span[0], len(str(value)), str(value))
        if best is None or key > best:
            best = key
    return best[2] if best else None


def rests_on_old_sources(entry: Entry, today: dt.date) -> tuple[bool, str | None]:
    """(True, newest date) when the entry says "laufend"/"geplant" but no source is from the last three years
    (undated sources prove nothing); else (False, newest date)."""
    newest = newest_source_date(entry)
    if entry.get("status") not in ONGOING:
        return False, newest
    span = partial_date_span(newest) if newest else None
    return span is None or span[1] < years_before(today, STALE_SOURCE_YEARS), newest
