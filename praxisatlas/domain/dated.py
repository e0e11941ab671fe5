"""When a Kommune's self-described state (themes, results, plans, learning interests) was true.

These fields often come from one dated source (the NZFH profiles of 2009/10). `angaben_stand` names that
source and date, and every place that shows the fields shows "Stand … laut …" with them; plans older than
`STALE_PLAN_YEARS` are shown as past plans, not as current ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from praxisatlas.domain.dates import german_date
from praxisatlas.domain.model import Entry

STALE_PLAN_YEARS = 3
DATED_FIELDS = ("zentrale_themen", "qualitaetsentwicklungsinteressen", "ergebnisse", "in_planung", "lerninteressen")


@dataclass(frozen=True)
class Dating:
    """The date and source of a profile's self-described state."""

    datum: str
    source_key: str
    publisher: str
    title: str
    stale: bool  # older than STALE_PLAN_YEARS: plans are past plans

    @property
    def label(self) -> str:
        """'Stand 2010 laut Nationales Zentrum Frühe Hilfen (NZFH), „…“'."""
        return f"Stand {german_date(self.datum)} laut {self.publisher}, „{self.title}“"


def profile_dating(entry: Entry, today: dt.date) -> Dating | None:
    """The Dating of a Kommune profile, or None when it gives none."""
    stand = entry.get("angaben_stand")
    if not isinstance(stand, dict) or not stand.get("datum"):
        return None
    key = stand.get("quelle")
    sources = entry.get("quellen") if isinstance(entry.get("quellen"), list) else []
    source = next((q for q in sources if isinstance(q, dict) and q.get("kurz") == key), {})
    year = int(str(stand["datum"])[:4])
    return Dating(str(stand["datum"]), str(key), str(source.get("herausgeber", "")), str(source.get("titel", "")),
                  today.year - year > STALE_PLAN_YEARS)
