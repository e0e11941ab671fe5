"""Dates as the atlas shows them, and the one source of "today".

`today()` is the only place that reads the clock: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set,
so that builds are reproducible, else the current date in Europe/Berlin. Everything else receives the date
as a parameter.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from praxisatlas.domain.findings import Problem

BERLIN = ZoneInfo("Europe/Berlin")
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]


class BadEpoch(Problem):
    """SOURCE_DATE_EPOCH is set but not a whole number of seconds."""


def now() -> dt.datetime:
    """The moment of this run in Europe/Berlin: from SOURCE_DATE_EPOCH when set, else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise BadEpoch(f"SOURCE_DATE_EPOCH muss eine ganze Zahl von Sekunden sein, nicht „{epoch}“.") from None
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).astimezone(BERLIN)
    return dt.datetime.now(tz=BERLIN)


def today() -> dt.date:
    """The date of this run (see `now`)."""
    return now().date()


def german_date(value: object) -> str:
    """'2018-09-26' -> '26.09.2018', '2018-09' -> 'September 2018', 1998 -> '1998'."""
    if value is None:
        return ""
    text = str(value)
    parts = text.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text
